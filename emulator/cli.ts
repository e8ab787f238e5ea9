#!/usr/bin/env node
/**
 * The `polytomic-emulator` command (`npm run emulator -- <options>` in this repository): starts the
 * emulator and prints its URL and, when none was given, the generated API key. `--help` lists the
 * options.
 */
import { parseArgs } from "node:util";
import type { ApiVersion } from "./context";
import { startEmulator } from "./index";

/** Every option the command accepts, as `parseArgs` reads them; `--help` documents each one. */
export const CLI_OPTIONS = {
  port: { type: "string", default: "8787" },
  "api-key": { type: "string" },
  "organization-id": { type: "string" },
  state: { type: "string" },
  "default-api-version": { type: "string" },
  "schema-cache-delay-ms": { type: "string" },
  faults: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies NonNullable<Parameters<typeof parseArgs>[0]>["options"];

const API_VERSIONS = ["2024-02-08", "2025-09-18"] as const;

const HELP = `polytomic-emulator: a local emulator of the Polytomic REST API, to try pulumi-polytomic, test
Pulumi programs and run CI previews without a Polytomic account. It listens on 127.0.0.1 only, keeps
its state in memory unless --state is given, and stops on SIGINT or SIGTERM.

Usage: polytomic-emulator [options]

Options:
  --port <n>                   port on 127.0.0.1; 0 picks a free one (default 8787)
  --api-key <key>              the API key clients must send (default: a new random key at each
                               start, printed after the URL)
  --organization-id <id>       the key's organization, answered by GET /api/me and expected in the
                               Basic form of the key (default: a new random UUID at each start)
  --state <file>               keep state in this file, written before each write is acknowledged,
                               and restore it at start (default: in memory only)
  --default-api-version <v>    version answered when a request has no X-Polytomic-Version header:
                               ${API_VERSIONS.join(" or ")} (default 2025-09-18)
  --schema-cache-delay-ms <n>  time a healthy connection's schema cache takes to become ready
                               (default 2000)
  --faults <spec>              faults to inject from the start (default: none). Rules separated by
                               ";", each <route>:<fault>[:p=<probability>][:n=<count>]; route is *
                               or "<METHOD> <path prefix>"; fault is latency=<min>-<max> (ms),
                               slow=<ms>, status=<code>[,retry-after=<s>], drop or drop-after.
                               Example: "*:status=503:p=0.1;*:latency=0-200"
  -h, --help                   print this help and exit

Environment: none is read; every setting is an option.

Clients authenticate with "Authorization: Bearer <key>", or "Basic base64(<organization id>:<key>)"
(what pulumi-polytomic sends when polytomic:organizationId is set).

Pointing a Pulumi program at it:
  polytomic-emulator --port 8787 --api-key dev-key
  pulumi config set polytomic:baseUrl http://127.0.0.1:8787
  pulumi config set --secret polytomic:apiKey dev-key
or, instead of stack configuration:
  POLYTOMIC_BASE_URL=http://127.0.0.1:8787 POLYTOMIC_API_KEY=dev-key pulumi up
`;

/** A mistake on the command line: reported with a pointer to `--help`, exit status 2. */
class UsageError extends Error {}

/** A non-negative integer option value, or a UsageError naming the option. */
function integer(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a non-negative integer, not "${value}"`);
  return Number(value);
}

/** Parses the command line; an unknown option is named as the user typed it. */
function parse(args: string[]) {
  // A lenient pass first: its tokens name an unknown option exactly as typed, where the strict pass's
  // error would bury it in advice about positional arguments.
  const { tokens } = parseArgs({
    args,
    options: CLI_OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const unknown = tokens.find((t) => t.kind === "option" && !Object.hasOwn(CLI_OPTIONS, t.name));
  if (unknown?.kind === "option") throw new UsageError(`unknown option ${unknown.rawName}`);
  try {
    return parseArgs({ args, options: CLI_OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (err) {
    // A missing value or a positional argument: Node's message names it.
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

async function main(args: string[]): Promise<void> {
  const values = parse(args);
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const port = integer("port", values.port);
  if (port > 65535) throw new UsageError(`--port must be at most 65535, not ${port}`);
  const version = values["default-api-version"];
  if (version !== undefined && !(API_VERSIONS as readonly string[]).includes(version)) {
    throw new UsageError(`--default-api-version must be ${API_VERSIONS.join(" or ")}, not ${version}`);
  }
  const delay = values["schema-cache-delay-ms"];
  const emulator = await startEmulator({
    port,
    ...(values["api-key"] ? { apiKey: values["api-key"] } : {}),
    ...(values["organization-id"] ? { organizationId: values["organization-id"] } : {}),
    ...(values.state ? { statePath: values.state } : {}),
    ...(version ? { defaultApiVersion: version as ApiVersion } : {}),
    ...(delay !== undefined ? { schemaCacheDelayMs: integer("schema-cache-delay-ms", delay) } : {}),
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

// Run only as a program (the bin, `node dist/emulator/cli.js`), not when a test imports CLI_OPTIONS.
if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof UsageError) {
      process.stderr.write(
        `polytomic-emulator: ${message}\nRun polytomic-emulator --help for the options.\n`,
      );
    } else {
      process.stderr.write(`polytomic-emulator: ${message}\n`);
    }
    process.exit(2);
  });
}
