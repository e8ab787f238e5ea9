/**
 * The provider's one error type, and the one place an HTTP status becomes an error code.
 *
 * Branded with a global symbol because every dynamic provider may be loaded with its own copy of this
 * module, and `instanceof` against another copy's class would fail.
 *
 * These modules must be loaded with `require` in the provider process (the serialized shim does so),
 * not captured by value: Pulumi's closure serializer cannot rebuild symbol-keyed members such as
 * `static [Symbol.hasInstance]`, and the copy would fail when the provider loads it.
 */
import { type RedactOptions, redact, redactString } from "./redact";

/** What went wrong, independent of HTTP details; callers branch on this. */
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

/** Details of a {@link PolytomicError}; everything but `code` is optional. */
export interface PolytomicErrorInit {
  /** What went wrong. */
  readonly code: PolytomicErrorCode;
  /** HTTP status, when a response arrived. */
  readonly status?: number;
  /** HTTP method of the failed request. */
  readonly method?: string;
  /** API path of the failed request, without base URL or query. */
  readonly path?: string;
  /** The API's own message. */
  readonly apiMessage?: string;
  /** The API's error `key`, a stable machine-readable reason when the API sends one. */
  readonly apiKey?: string;
  /** The API's `metadata`; redacted before it is stored. */
  readonly metadata?: unknown;
  /** How many attempts were made before giving up. */
  readonly attempts?: number;
  /** The underlying error (an undici or Node error for transport failures). */
  readonly cause?: unknown;
}

/** An error from the Polytomic API, from reaching it, or from the provider's settings; never carries a secret. */
export class PolytomicError extends Error {
  /** What went wrong. */
  readonly code: PolytomicErrorCode;
  /** HTTP status, when a response arrived. */
  readonly status?: number;
  /** HTTP method of the failed request. */
  readonly method?: string;
  /** API path of the failed request. */
  readonly path?: string;
  /** The API's own message (redacted). */
  readonly apiMessage?: string;
  /** The API's error `key` field (not a credential). */
  readonly apiKey?: string;
  /** The API's error metadata, redacted. */
  readonly metadata?: unknown;
  /** How many attempts were made, when the request was retried or could have been. */
  readonly attempts?: number;

  /**
   * @param message - the whole message; it must already be free of secrets.
   * @param init - the error's code and details; `metadata` is redacted here.
   */
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

  /** `instanceof` by brand, so errors from another copy of this module still match. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isPolytomicError(value);
  }

  /** The fields worth logging; `cause` is reduced to its name, code and message. */
  toJSON(): Record<string, unknown> {
    const cause = this.cause as { name?: unknown; code?: unknown; message?: unknown } | undefined;
    return {
      name: this.name,
      message: this.message,
      code: this.code,
      status: this.status,
      method: this.method,
      path: this.path,
      apiMessage: this.apiMessage,
      apiKey: this.apiKey,
      metadata: this.metadata,
      attempts: this.attempts,
      cause:
        cause && typeof cause === "object"
          ? redact({ name: cause.name, code: cause.code, message: cause.message })
          : undefined,
    };
  }
}

/** True for a {@link PolytomicError} from any copy of this module. */
export function isPolytomicError(value: unknown): value is PolytomicError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * The same error with its attempt count recorded, and the count in the message when there was more than one.
 * @internal
 */
export function withAttempts(err: PolytomicError, attempts: number): PolytomicError {
  const message = attempts > 1 ? `${err.message} (after ${attempts} attempts)` : err.message;
  return new PolytomicError(message, { ...fields(err), attempts, cause: err.cause });
}

function fields(err: PolytomicError): PolytomicErrorInit {
  return {
    code: err.code,
    ...(err.status !== undefined ? { status: err.status } : {}),
    ...(err.method !== undefined ? { method: err.method } : {}),
    ...(err.path !== undefined ? { path: err.path } : {}),
    ...(err.apiMessage !== undefined ? { apiMessage: err.apiMessage } : {}),
    ...(err.apiKey !== undefined ? { apiKey: err.apiKey } : {}),
    ...(err.metadata !== undefined ? { metadata: err.metadata } : {}),
  };
}

/** The error code for an HTTP error status: the one table of status meanings. */
export function codeForStatus(status: number): PolytomicErrorCode {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
    case 410:
      return "not_found";
    case 408:
      return "timeout";
    case 409:
      return "conflict";
    case 422:
      return "validation";
    case 429:
      return "rate_limited";
    default:
      // Other 4xx are the caller's fault; anything else (5xx, or a 3xx we do not follow) is the server's.
      return status >= 400 && status < 500 ? "bad_request" : "server";
  }
}

// Raw (non-JSON) bodies are often whole HTML error pages: keep enough to recognise them.
const RAW_BODY_LIMIT = 300;

/**
 * The API's message from an error body: the `{status, message, key?, metadata?}` envelope, the 401
 * shape `{code, error, status, context}`, or a raw text body.
 */
function messageOf(body: unknown): string | undefined {
  if (typeof body === "string") {
    const text = body.trim();
    return text.length === 0 ? undefined : text.slice(0, RAW_BODY_LIMIT);
  }
  if (typeof body !== "object" || body === null) return undefined;
  const envelope = body as Record<string, unknown>;
  for (const candidate of [envelope.message, envelope.error]) {
    if (typeof candidate === "string" && candidate.length > 0) return candidate;
  }
  return undefined;
}

/**
 * Maps an error response to a {@link PolytomicError} with the message
 * `POST /api/connections -> 422 validation: <api message>`.
 *
 * @param method - the request's HTTP method.
 * @param path - the request's API path (without query).
 * @param status - the response status.
 * @param body - the parsed JSON body, or the raw text when it was not JSON.
 * @param options - known secret values to scrub from the message and metadata (the API key).
 */
export function errorFromResponse(
  method: string,
  path: string,
  status: number,
  body: unknown,
  options: RedactOptions = {},
): PolytomicError {
  const code = codeForStatus(status);
  const raw = messageOf(body);
  const apiMessage = raw === undefined ? undefined : redactString(raw, options);
  const envelope = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  // The 401 shape carries its details under `context` instead of `metadata`.
  const metadata = envelope.metadata ?? envelope.context;
  return new PolytomicError(`${method} ${path} -> ${status} ${code}${apiMessage ? `: ${apiMessage}` : ""}`, {
    code,
    status,
    method,
    path,
    ...(apiMessage !== undefined ? { apiMessage } : {}),
    ...(typeof envelope.key === "string" && envelope.key.length > 0 ? { apiKey: envelope.key } : {}),
    ...(metadata !== undefined && metadata !== null ? { metadata: redact(metadata, options) } : {}),
  });
}
