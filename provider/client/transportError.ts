/**
 * The one translation point from undici and Node transport failures (no HTTP response) to
 * {@link PolytomicError}: timeouts become `timeout`, everything else `connection`. The original
 * error stays available as `cause`.
 */
import { PolytomicError, type PolytomicErrorCode } from "./errors";

/** Why an attempt was aborted, when it was: the operation deadline passed, or the caller's signal fired. */
export type AbortReason = "deadline" | "caller";

/** What the mapping needs to know besides the error itself. */
export interface TransportContext {
  /** HTTP method of the request. */
  readonly method: string;
  /** API path of the request. */
  readonly path: string;
  /** Origin the request went to, named in "refused" and "not found" messages to expose a wrong base URL. */
  readonly origin: string;
  /** Set when an abort signal ended the attempt. */
  readonly aborted?: AbortReason;
  /** The operation deadline, for the message when it is exceeded. */
  readonly deadlineMs?: number;
}

/** The Node or undici error code of `err`, or its name for DOMExceptions (`AbortError`, `TimeoutError`). */
export function transportCode(err: unknown): string {
  if (typeof err !== "object" || err === null) return "UNKNOWN";
  const { code, name } = err as { code?: unknown; name?: unknown };
  if (typeof code === "string" && code.length > 0) return code;
  return typeof name === "string" && name !== "Error" ? name : "UNKNOWN";
}

/** Maps a transport failure to a {@link PolytomicError}. */
export function errorFromTransport(err: unknown, ctx: TransportContext): PolytomicError {
  const code = transportCode(err);
  const [kind, detail] = describe(code, ctx);
  return new PolytomicError(`${ctx.method} ${ctx.path} -> ${kind}: ${detail} (${code})`, {
    code: kind,
    method: ctx.method,
    path: ctx.path,
    cause: err,
  });
}

function describe(code: string, ctx: TransportContext): [PolytomicErrorCode, string] {
  // An abort is reported by why it happened, whatever code the aborted layer chose to raise.
  if (ctx.aborted === "deadline") {
    return ["timeout", `the operation did not finish within ${ctx.deadlineMs ?? "its"} ms`];
  }
  if (ctx.aborted === "caller") return ["connection", "the request was aborted by its caller"];
  switch (code) {
    case "UND_ERR_CONNECT_TIMEOUT":
      return ["timeout", `could not connect to ${ctx.origin} in time`];
    case "UND_ERR_HEADERS_TIMEOUT":
      return ["timeout", "no response headers in time"];
    case "UND_ERR_BODY_TIMEOUT":
      return ["timeout", "the response body stalled"];
    case "ETIMEDOUT":
    case "TimeoutError":
      return ["timeout", "the request timed out"];
    case "ECONNREFUSED":
      return ["connection", `connection refused by ${ctx.origin}`];
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return ["connection", `cannot resolve the host of ${ctx.origin}`];
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return ["connection", `cannot reach ${ctx.origin}`];
    case "UND_ERR_SOCKET":
    case "ECONNRESET":
    case "EPIPE":
    case "UND_ERR_CLOSED":
    case "UND_ERR_DESTROYED":
      return ["connection", "the connection was closed before the response was complete"];
    case "UND_ERR_ABORTED":
    case "UND_ERR_ABORT":
    case "ABORT_ERR":
    case "AbortError":
      return ["connection", "the request was aborted"];
    default:
      return ["connection", "the request failed"];
  }
}
