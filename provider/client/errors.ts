/**
 * The provider's one error type. Branded with a global symbol because every dynamic provider is
 * serialized with its own copy of this module, so `instanceof` against another copy's class fails.
 */
import { redact } from "./redact";

/** What went wrong, independent of HTTP details. */
export type PolytomicErrorCode =
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "validation"
  | "bad_request"
  | "rate_limited"
  | "server"
  | "timeout"
  | "connection"
  | "configuration";

const BRAND = Symbol.for("pulumi-polytomic.error");

/** Details of a {@link PolytomicError}. */
export interface PolytomicErrorInit {
  readonly code: PolytomicErrorCode;
  readonly status?: number;
  readonly method?: string;
  readonly path?: string;
  /** The API's own message. */
  readonly apiMessage?: string;
  /** The API's error `key`. */
  readonly apiKey?: string;
  /** The API's `metadata`, redacted. */
  readonly metadata?: unknown;
  readonly attempts?: number;
  readonly cause?: unknown;
}

/** An error from the Polytomic API or from reaching it; never carries a secret. */
export class PolytomicError extends Error {
  readonly code: PolytomicErrorCode;
  readonly status?: number;
  readonly method?: string;
  readonly path?: string;
  readonly apiMessage?: string;
  readonly apiKey?: string;
  readonly metadata?: unknown;
  attempts?: number;

  constructor(message: string, init: PolytomicErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "PolytomicError";
    this.code = init.code;
    if (init.status !== undefined) this.status = init.status;
    if (init.method !== undefined) this.method = init.method;
    if (init.path !== undefined) this.path = init.path;
    if (init.apiMessage !== undefined) this.apiMessage = init.apiMessage;
    if (init.apiKey !== undefined) this.apiKey = init.apiKey;
    if (init.metadata !== undefined) this.metadata = redact(init.metadata);
    if (init.attempts !== undefined) this.attempts = init.attempts;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return isPolytomicError(value);
  }
}

/** True for a {@link PolytomicError} from any copy of this module. */
export function isPolytomicError(value: unknown): value is PolytomicError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

function codeFor(status: number): PolytomicErrorCode {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 409:
      return "conflict";
    case 422:
      return "validation";
    case 429:
      return "rate_limited";
    default:
      return status >= 500 ? "server" : "bad_request";
  }
}

/** Maps an error response to a {@link PolytomicError}: the API envelope, the 401 shape, or raw text. */
export function errorFromResponse(
  method: string,
  path: string,
  status: number,
  body: unknown,
): PolytomicError {
  const envelope = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const apiMessage =
    typeof envelope.message === "string"
      ? envelope.message
      : typeof envelope.error === "string"
        ? envelope.error
        : typeof body === "string" && body.length > 0
          ? body.slice(0, 300)
          : undefined;
  const code = codeFor(status);
  return new PolytomicError(`${method} ${path} -> ${status} ${code}${apiMessage ? `: ${apiMessage}` : ""}`, {
    code,
    status,
    method,
    path,
    ...(apiMessage !== undefined ? { apiMessage } : {}),
    ...(typeof envelope.key === "string" ? { apiKey: envelope.key } : {}),
    ...(envelope.metadata !== undefined && envelope.metadata !== null ? { metadata: envelope.metadata } : {}),
  });
}
