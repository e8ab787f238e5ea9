/**
 * When to retry a request and how long to wait: pure functions, so the policy is table-tested.
 *
 * | failure                                              | GET/PUT/DELETE | POST/PATCH                  |
 * |------------------------------------------------------|----------------|-----------------------------|
 * | 429                                                  | yes (Retry-After) | yes (Retry-After)        |
 * | refused / DNS / connect timeout (nothing was sent)   | yes            | yes                         |
 * | 502, 503, 504, response timeouts, resets             | yes            | only with an Idempotency-Key |
 * | 500                                                  | no             | no                          |
 * | any other 4xx                                        | no             | no                          |
 * | aborts, invalid arguments, oversized responses       | no             | no                          |
 *
 * A POST or PATCH that may have reached the server is repeated only under an Idempotency-Key: the
 * API then replays the first outcome instead of creating a second object.
 */

/** What is known about a failed attempt. */
export interface RetryContext {
  /** HTTP method of the request. */
  readonly method: string;
  /** HTTP status, when a response arrived. */
  readonly status?: number;
  /** Transport error code (`ECONNREFUSED`, `UND_ERR_SOCKET`, ...), when no response arrived. */
  readonly errorCode?: string;
  /** Attempts made so far (1 after the first). */
  readonly attempt: number;
  /** Retries allowed after the first attempt. */
  readonly maxRetries: number;
  /** Whether the request carries an `Idempotency-Key`. */
  readonly hasIdempotencyKey: boolean;
  /**
   * Whether the request may have reached the server. Defaults to false only for transport codes
   * that fail before anything is written ({@link failsBeforeSending}), true otherwise.
   */
  readonly requestMaySent?: boolean;
}

/**
 * Retry defaults: a short base and a cap well under Pulumi's patience. Eight retries (nine attempts,
 * under a minute of backoff at worst) because a deployment makes hundreds of calls: at a 30% transient
 * failure rate (a rate-limited organization) five retries would still fail about one call in 1,500,
 * enough to fail a 50-resource `pulumi up` one time in five; eight retries fail one in 60,000.
 */
export const RETRY_DEFAULTS = { maxRetries: 8, baseMs: 250, capMs: 20_000, retryAfterCapMs: 60_000 } as const;

const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
const TRANSIENT_STATUSES = new Set([502, 503, 504]);
// Codes raised while connecting: the request bytes were never written, so no method can be applied twice.
const BEFORE_SENDING = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

// Failures that repeat identically or were asked for: invalid arguments, an oversized response, aborts.
const NEVER_RETRIED = new Set([
  "UND_ERR_INVALID_ARG",
  "UND_ERR_NOT_SUPPORTED",
  "UND_ERR_RES_EXCEEDED_MAX_SIZE",
  "UND_ERR_ABORTED",
  "UND_ERR_ABORT",
  "ABORT_ERR",
  "AbortError",
  "TimeoutError",
]);

/** True for transport codes raised before any request byte was written. */
export function failsBeforeSending(errorCode: string | undefined): boolean {
  return errorCode !== undefined && BEFORE_SENDING.has(errorCode);
}

/** Whether to make another attempt after a failed one. */
export function shouldRetry(ctx: RetryContext): boolean {
  if (ctx.attempt > ctx.maxRetries) return false;
  // Rate limiting turns the request away before it is processed, so any method may repeat it.
  if (ctx.status === 429) return true;
  const transport = ctx.status === undefined && ctx.errorCode !== undefined;
  if (transport && NEVER_RETRIED.has(ctx.errorCode ?? "")) return false;
  const maySent = ctx.requestMaySent ?? !failsBeforeSending(ctx.errorCode);
  // Nothing reached the server: repeating cannot apply anything twice.
  if (transport && !maySent) return true;
  // 500 is a bug or a deterministic failure, and the API replays it for the same Idempotency-Key anyway.
  const transient = transport || (ctx.status !== undefined && TRANSIENT_STATUSES.has(ctx.status));
  if (!transient) return false;
  // The server may have applied the request: repeat only what cannot be applied twice.
  return IDEMPOTENT_METHODS.has(ctx.method.toUpperCase()) || ctx.hasIdempotencyKey;
}

/**
 * Delay before attempt `attempt + 1`: exponential from `baseMs`, capped at `capMs`, with "equal
 * jitter" (half fixed, half random) so retries from parallel resources spread out but never collapse to 0.
 *
 * @param attempt - attempts made so far (1 after the first).
 * @param random - a source of numbers in [0, 1); injected so tests are deterministic.
 */
export function backoffMs(
  attempt: number,
  random: () => number,
  baseMs: number = RETRY_DEFAULTS.baseMs,
  capMs: number = RETRY_DEFAULTS.capMs,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

/**
 * Milliseconds a `Retry-After` header asks to wait: delta-seconds or an HTTP date, capped so a
 * misbehaving server cannot park the deployment. Undefined when absent or unreadable.
 *
 * @param header - the header value (undici gives an array when it is repeated; the first wins).
 * @param now - the current time in ms since the epoch, for HTTP dates.
 */
export function parseRetryAfter(
  header: string | readonly string[] | undefined,
  now: number,
  capMs: number = RETRY_DEFAULTS.retryAfterCapMs,
): number | undefined {
  const value = (typeof header === "string" ? header : header?.[0])?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.min(capMs, Math.round(Number(value) * 1000));
  // HTTP dates start with a day name; Date.parse alone would read "-1" as a year.
  const date = /^[A-Za-z]/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.min(capMs, Math.max(0, date - now));
}
