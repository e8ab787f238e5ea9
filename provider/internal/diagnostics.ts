/**
 * Diagnostics a provider method raises without failing, shown next to the resource: warnings (advice
 * the API does not enforce, such as Salesforce refusing a Contact without LastName when the sync runs,
 * not when it is created; an OAuth URL to open) and progress of long waits (schema cache, OAuth).
 *
 * `@pulumi/pulumi`'s `log` module cannot carry them: it writes to the engine only from a program,
 * and the dynamic provider host never connects it. Native providers call the Engine service's `Log`
 * RPC on the address the engine gives them at start, which the dynamic provider host receives as its
 * first argument (`process.argv[2]`, see `@pulumi/pulumi/cmd/dynamic-provider`). {@link warn} does the
 * same. Anywhere else (unit tests, a program calling a provider method directly) there is no engine to
 * talk to, and the warning becomes one line on stderr.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import { REDACTED, redactString } from "../client/redact";
import { currentSettings } from "../client/runtime";

/** How a diagnostic is shown: `warning` stays in the summary; `info` is progress (see {@link info}). */
export type Severity = "warning" | "info";

/**
 * Where diagnostics go instead of the engine or stderr; tests install one with {@link setDiagnosticSink}.
 * @param urn - the URN of the resource the diagnostic is about ("" when unknown).
 * @param message - the diagnostic, already redacted.
 * @param severity - `warning` or `info`.
 */
export type DiagnosticSink = (urn: string, message: string, severity: Severity) => void;

/** The parts of `@pulumi/pulumi/proto/engine_grpc_pb`'s EngineClient used here. */
interface EngineClient {
  close(): void;
  log(request: unknown, options: { deadline: Date }, callback: (err: Error | null) => void): unknown;
}

/** The generated `engine_pb` module, as far as building a LogRequest goes. */
interface EngineProto {
  readonly LogSeverity: { readonly WARNING: number; readonly INFO: number };
  readonly LogRequest: new () => {
    setSeverity(severity: number): void;
    setMessage(message: string): void;
    setUrn(urn: string): void;
    setStreamid(id: number): void;
    setEphemeral(ephemeral: boolean): void;
  };
}

interface Connection {
  readonly client: EngineClient;
  readonly proto: EngineProto;
}

interface DiagnosticsState {
  readonly version: number;
  /** The engine connection, created on the first warning; null once creating it has failed. */
  connection?: Connection | null;
  sink?: DiagnosticSink;
}

// On globalThis, like client/runtime.ts: the closure serializer may give each dynamic provider its own
// copy of this module, and they should share one connection to the engine rather than one each.
const STATE_VERSION = 1;
const KEY = Symbol.for("pulumi-polytomic.diagnostics");

function state(): DiagnosticsState {
  const holder = globalThis as unknown as Record<symbol, DiagnosticsState | undefined>;
  const current = holder[KEY];
  if (current?.version === STATE_VERSION) return current;
  const fresh: DiagnosticsState = { version: STATE_VERSION };
  holder[KEY] = fresh;
  return fresh;
}

/**
 * How long a warning may wait for the engine. A check awaits its warnings so they reach the engine
 * before the check's answer does; an engine that does not answer must not hold the check up for long.
 */
const LOG_DEADLINE_MS = 5_000;

/** `host:port`, as the engine passes its address (`127.0.0.1:41234`, `[::1]:41234`, `localhost:41234`). */
const ADDRESS = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/;

/**
 * The engine's address when this process is the dynamic provider host, else undefined. The host is
 * recognised by its script (`.../@pulumi/pulumi/cmd/dynamic-provider[/index.js]`): any other process
 * (vitest, a program run by the language host) has unrelated arguments in `argv[2]`.
 */
export function engineAddress(argv: readonly string[] = process.argv): string | undefined {
  const script = argv[1];
  const address = argv[2];
  if (!script || !address || !ADDRESS.test(address)) return undefined;
  const parts = path.resolve(script).split(path.sep);
  if (parts.at(-1) === "index.js") parts.pop();
  return parts.slice(-2).join("/") === "cmd/dynamic-provider" ? address : undefined;
}

/**
 * Connects to the engine at `address` with the host's own copies of `@grpc/grpc-js` and the
 * generated stubs: loaded from the host script's location, because a second copy of grpc-js (ours,
 * or one a package manager put elsewhere) would fail the stubs' `instanceof` checks on messages and
 * open a second set of channels. Insecure credentials, as the host itself uses for the engine's
 * loopback address.
 */
function connect(address: string, script: string): Connection {
  // Node may have been given the directory; the stubs are found relative to the script file.
  const file = path.basename(script) === "index.js" ? script : path.join(script, "index.js");
  const fromHost = createRequire(path.resolve(file));
  return connectWith(address, fromHost, "../../proto/");
}

/** A client of the engine at `address` with the grpc-js and stubs that `load` finds under `protoDir`. */
function connectWith(address: string, load: NodeJS.Require, protoDir: string): Connection {
  const grpc = load("@grpc/grpc-js") as { credentials: { createInsecure(): unknown } };
  const rpc = load(`${protoDir}engine_grpc_pb`) as {
    EngineClient: new (address: string, credentials: unknown) => EngineClient;
  };
  const proto = load(`${protoDir}engine_pb`) as EngineProto;
  return { client: new rpc.EngineClient(address, grpc.credentials.createInsecure()), proto };
}

/**
 * Sends diagnostics to the engine at `address` from now on: the provider plugin's process, which the
 * engine starts with its address as it does the dynamic provider host. The stubs are `@pulumi/pulumi`'s.
 */
export function useEngineForDiagnostics(address: string): void {
  const s = state();
  try {
    s.connection = connectWith(
      address,
      createRequire(require.resolve("@pulumi/pulumi/package.json")),
      "./proto/",
    );
  } catch {
    s.connection = null;
  }
}

/** The shared connection, created on first use; undefined outside the host or when it cannot be made. */
function engineConnection(): Connection | undefined {
  const s = state();
  if (s.connection !== undefined) return s.connection ?? undefined;
  const address = engineAddress();
  const script = process.argv[1];
  if (!address || !script) return undefined;
  try {
    s.connection = connect(address, script);
  } catch {
    // Remembered, so a host whose stubs cannot load falls back to stderr at once every time.
    s.connection = null;
  }
  return s.connection ?? undefined;
}

/** The API key in force, if any, so a message that happens to contain it is scrubbed. */
function knownSecrets(): string[] {
  try {
    return [currentSettings().apiKey];
  } catch {
    // Not configured (unit tests, a preview without credentials): nothing to scrub but patterns.
    return [];
  }
}

function toStderr(severity: Severity, message: string): void {
  try {
    process.stderr.write(`${severity}: ${message}\n`);
  } catch {
    // A closed stderr leaves nowhere to report to; the warning is advice, so it is dropped.
  }
}

/** Sends one diagnostic to the engine; resolves false when the engine did not take it. */
function sendToEngine(
  connection: Connection,
  severity: Severity,
  urn: string,
  message: string,
  ephemeral: boolean,
): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      const request = new connection.proto.LogRequest();
      const { WARNING, INFO } = connection.proto.LogSeverity;
      request.setSeverity(severity === "warning" ? WARNING : INFO);
      request.setMessage(message);
      // The engine attaches the diagnostic to this resource in its output and events; an empty URN
      // makes it a stack-level diagnostic rather than an error about a malformed one.
      request.setUrn(urn.startsWith("urn:pulumi:") ? urn : "");
      request.setStreamid(0);
      request.setEphemeral(ephemeral);
      connection.client.log(request, { deadline: new Date(Date.now() + LOG_DEADLINE_MS) }, (err) =>
        resolve(!err),
      );
    } catch {
      resolve(false);
    }
  });
}

/** Delivers one diagnostic: to a test's sink, the engine, or stderr; never throws. */
async function report(severity: Severity, urn: string, message: string, ephemeral: boolean): Promise<void> {
  let text = REDACTED;
  try {
    text = redactString(String(message), { secrets: knownSecrets() });
    const sink = state().sink;
    if (sink) {
      sink(String(urn), text, severity);
      return;
    }
    const connection = engineConnection();
    if (connection && (await sendToEngine(connection, severity, String(urn), text, ephemeral))) return;
    toStderr(severity, text);
  } catch {
    // A sink that throws, or anything unforeseen: the line on stderr is the last resort.
    toStderr(severity, text);
  }
}

/**
 * Reports a warning about the resource `urn`: in the dynamic provider host, as an engine diagnostic
 * (severity warning, attached to the resource, shown by `pulumi preview` and `up` and sent as a
 * diagnostic event); anywhere else, as a `warning: ...` line on stderr.
 *
 * Never throws and never rejects: a warning is advice, and failing to deliver it must not fail the
 * operation that raised it (it falls back to stderr, which the engine also shows). The message is
 * passed through the provider's redaction (credential patterns and the API key in force), since
 * diagnostics are shown and stored in plain text.
 *
 * @param urn - the URN of the resource the warning is about (its `resourceUrn` input).
 * @param message - one line that names the resource and what it is about; never a secret value.
 * @returns a promise that settles once the warning has been delivered or given up on; callers that
 *   answer the engine afterwards (a `check`) await it, so the warning is shown with the resource.
 */
export function warn(urn: string, message: string): Promise<void> {
  return report("warning", urn, message, false);
}

/**
 * Reports progress of a long wait about the resource `urn` (severity info), delivered and redacted
 * like {@link warn}. `pulumi up` shows the latest one on the resource's row while it waits.
 *
 * @param urn - the URN of the resource that waits.
 * @param message - one line: what is awaited, for how long, and what the user can do.
 * @param ephemeral - true for repeated "still waiting" lines, which the engine shows while they are
 *   current but leaves out of the summary at the end; false for the first line of a wait.
 */
export function info(urn: string, message: string, ephemeral = false): Promise<void> {
  return report("info", urn, message, ephemeral);
}

/**
 * Routes diagnostics to `sink` instead of the engine or stderr (tests capture them this way); `undefined`
 * restores the default.
 * @returns the sink that was installed before, to restore afterwards.
 */
export function setDiagnosticSink(sink: DiagnosticSink | undefined): DiagnosticSink | undefined {
  const s = state();
  const previous = s.sink;
  s.sink = sink;
  return previous;
}

/**
 * Closes the engine connection and forgets it and any sink, so the next warning starts afresh (tests
 * that play the host with a different address).
 * @internal
 */
export function resetDiagnostics(): void {
  const s = state();
  try {
    s.connection?.client.close();
  } catch {
    // Closing is tidying up; a client that cannot close is dropped all the same.
  }
  s.connection = undefined;
  s.sink = undefined;
}
