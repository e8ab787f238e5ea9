/**
 * Timing of a provider plugin's gRPC calls, recorded inside the plugin process without changing the
 * plugin: the bench's launcher loads this module before the plugin, and it wraps every handler the
 * plugin adds to its grpc-js server. Each record is one line of JSON appended to the file named by
 * `BENCH_RPC_LOG` (a write per call, since the engine may kill the plugin without letting it flush),
 * with wall-clock milliseconds so the bench can place it against the phases it timed itself.
 */
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { createRequire } from "node:module";

/** One record: an RPC (`check`, `create`, ...) or a mark of the process (`<start>`, `<listening>`). */
export interface RpcRecord {
  readonly pid: number;
  readonly method: string;
  /** Epoch milliseconds. */
  readonly start: number;
  readonly end: number;
}

type Handler = (call: unknown, callback: (error: unknown, response?: unknown) => void) => void;

/** Wraps the grpc-js server the plugin will use (the copy `@pulumi/pulumi` resolves) to log its calls. */
export function recordRpcTimes(file: string | undefined): void {
  if (!file) return;
  const fd = openSync(file, "a");
  const write = (method: string, start: number, end: number) =>
    writeSync(fd, `${JSON.stringify({ pid: process.pid, method, start, end } satisfies RpcRecord)}\n`);
  // performance.timeOrigin is when this process started.
  write("<start>", performance.timeOrigin, Date.now());
  const sdk = createRequire(require.resolve("@pulumi/pulumi/package.json"));
  const { Server } = sdk("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
  const addService = Server.prototype.addService;
  Server.prototype.addService = function (service, implementation) {
    const wrapped: Record<string, Handler> = {};
    for (const [name, handler] of Object.entries(implementation as Record<string, Handler>)) {
      wrapped[name] = (call, callback) => {
        const start = Date.now();
        handler(call, (error, response) => {
          write(name, start, Date.now());
          callback(error, response);
        });
      };
    }
    return addService.call(this, service, wrapped as typeof implementation);
  };
  const bindAsync = Server.prototype.bindAsync;
  Server.prototype.bindAsync = function (port, credentials, callback) {
    const start = Date.now();
    return bindAsync.call(this, port, credentials, (error, bound) => {
      write("<listening>", start, Date.now());
      callback(error, bound);
    });
  };
  process.on("exit", () => closeSync(fd));
}

/** The records of `file` (none when it does not exist). */
export function readRpcRecords(file: string): RpcRecord[] {
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as RpcRecord);
}
