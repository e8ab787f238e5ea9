/**
 * The keep-alive undici Agent behind every client. Built on first request, never at module load:
 * serialized providers must not capture live handles, and undici is loaded by `require` inside the
 * function so the closure serializer emits `require("undici")` instead of copying it.
 */
import type { Agent } from "undici";
import type { ResolvedClientOptions } from "./options";

// Idle sockets are kept this long so a burst of resource operations reuses connections.
const KEEP_ALIVE_MS = 10_000;

/** A new Agent with the client's connect, header and body timeouts. */
export function createAgent(options: ResolvedClientOptions): Agent {
  const undici = require("undici") as typeof import("undici");
  return new undici.Agent({
    connectTimeout: options.connectTimeoutMs,
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
    keepAliveTimeout: KEEP_ALIVE_MS,
    maxResponseSize: options.maxResponseBytes,
  });
}
