/**
 * Starts the tenant service: `node dist/examples/automation-service/main.js` with
 *   POLYTOMIC_API_KEY (required), POLYTOMIC_BASE_URL (optional), PORT (default 8080),
 *   STATE_DIR (file backend, default ./.tenant-state), PULUMI_CONFIG_PASSPHRASE (required),
 *   MAX_CONCURRENT_STACKS (default 2).
 * The `pulumi` CLI must be on PATH.
 */
import { mkdirSync } from "node:fs";
import * as path from "node:path";
import { createTenantService } from "./service";

async function main(): Promise<void> {
  const apiKey = process.env.POLYTOMIC_API_KEY;
  if (!apiKey) throw new Error("POLYTOMIC_API_KEY is required");
  if (!process.env.PULUMI_CONFIG_PASSPHRASE)
    throw new Error("PULUMI_CONFIG_PASSPHRASE is required (it encrypts tenant secrets)");
  const stateDir = path.resolve(process.env.STATE_DIR ?? ".tenant-state");
  mkdirSync(stateDir, { recursive: true });
  const app = createTenantService({
    polytomic: {
      apiKey,
      ...(process.env.POLYTOMIC_BASE_URL ? { baseUrl: process.env.POLYTOMIC_BASE_URL } : {}),
    },
    workspace: {
      envVars: {
        PULUMI_BACKEND_URL: `file://${stateDir}`,
        PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE,
      },
    },
    maxConcurrentStacks: Number(process.env.MAX_CONCURRENT_STACKS ?? 2),
  });
  const address = await app.listen({ host: "127.0.0.1", port: Number(process.env.PORT ?? 8080) });
  process.stdout.write(`tenant service listening on ${address}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
