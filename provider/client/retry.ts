/**
 * When to retry a request and how long to wait: pure functions, so the policy is table-tested.
 *
 * | case                                               | retried?                              |
 * |----------------------------------------------------|---------------------------------------|
 * | 429                                                 | always, after Retry-After (capped)    |
 * | connection refused (nothing was sent)               | always                                |
 * | 502/503/504, timeouts, resets                       | GET/PUT/DELETE; POST/PATCH only with an Idempotency-Key |
 * | 500 and other 4xx                                   | never                                 |
 */

/** What is known about a failed attempt. */
export interface RetryContext {
  readonly method: string;
  /** HTTP status, when a response arrived. */
  readonly status?: number;
  /** Transport error code (ECONNREFUSED, UND_ERR_SOCKET, ...), when none did. */
  readonly errorCode?: string;
  /** Attempts made so far (1 after the first). */
  readonly attempt: number;
  readonly maxRetries: number;
  readonly hasIdempotencyKey: boolean;
}

const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE"]);
const NOTHING_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

/** Whether to try again. */
export function shouldRetry(ctx: RetryContext): boolean {
  if (ctx.attempt > ctx.maxRetries) return false;
  // Rate limiting rejects the request before it is processed, so any method may be retried.
  if (ctx.status === 429) return true;
  // The request never left: safe for every method.
  if (ctx.errorCode !== undefined && NOTHING_SENT.has(ctx.errorCode)) return true;
  const transient =
    ctx.status === 502 ||
    ctx.status === 503 ||
    ctx.status === 504 ||
    (ctx.status === undefined && ctx.errorCode !== undefined);
  if (!transient) return false;
  // The request may have been processed: only repeat it when repeating cannot create twice.
  return IDEMPOTENT_METHODS.has(ctx.method) || ctx.hasIdempotencyKey;
}

/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
export function backoffMs(attempt: number, random: () => number, baseMs = 250, capMs = 20_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date), capped; undefined if absent or bad. */
export function parseRetryAfter(header: string | undefined, now: number, capMs = 60_000): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(capMs, seconds * 1000);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.min(capMs, Math.max(0, date - now));
}
