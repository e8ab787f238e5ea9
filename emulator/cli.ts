/**
 * `npm run emulator -- --port <p> [--api-key <k>] [--state <file>] [--default-api-version <v>]
 * [--schema-cache-delay-ms <n>] [--faults <spec>]`
 */
import { parseArgs } from "node:util";
import type { ApiVersion } from "./context";
import { startEmulator } from "./index";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8787" },
      "api-key": { type: "string" },
      "organization-id": { type: "string" },
      state: { type: "string" },
      "default-api-version": { type: "string" },
      "schema-cache-delay-ms": { type: "string" },
      faults: { type: "string" },
    },
  });
  const version = values["default-api-version"];
  if (version !== undefined && version !== "2024-02-08" && version !== "2025-09-18") {
    throw new Error(`--default-api-version must be 2024-02-08 or 2025-09-18, not ${version}`);
  }
  const emulator = await startEmulator({
    port: Number(values.port),
    ...(values["api-key"] ? { apiKey: values["api-key"] } : {}),
    ...(values["organization-id"] ? { organizationId: values["organization-id"] } : {}),
    ...(values.state ? { statePath: values.state } : {}),
    ...(version ? { defaultApiVersion: version as ApiVersion } : {}),
    ...(values["schema-cache-delay-ms"]
      ? { schemaCacheDelayMs: Number(values["schema-cache-delay-ms"]) }
      : {}),
    ...(values.faults ? { faults: values.faults } : {}),
  });
  process.stdout.write(`Polytomic emulator listening on ${emulator.url}\n`);
  if (!values["api-key"]) process.stdout.write(`API key: ${emulator.apiKey}\n`);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`emulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
