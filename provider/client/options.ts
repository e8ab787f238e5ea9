/**
 * Tuning knobs and test seams of {@link PolytomicClient}, with their defaults in one place.
 */
import type { Dispatcher } from "undici";
import { RETRY_DEFAULTS } from "./retry";

/** How a {@link PolytomicClient} behaves; every field is optional. */
export interface ClientOptions {
  /** Retries after the first attempt. Default 5. */
  readonly maxRetries?: number;
  /** First backoff step in ms. Default 250. */
  readonly baseDelayMs?: number;
  /** Longest backoff in ms. Default 20 000. */
  readonly maxDelayMs?: number;
  /** Longest wait for a `Retry-After` in ms. Default 60 000. */
  readonly maxRetryAfterMs?: number;
  /** TCP/TLS connect timeout in ms. Default 10 000. */
  readonly connectTimeoutMs?: number;
  /** Wait for response headers in ms. Default 30 000. */
  readonly headersTimeoutMs?: number;
  /** Longest silence while reading a response body in ms. Default 30 000. */
  readonly bodyTimeoutMs?: number;
  /** Deadline for a whole `request()` call, all attempts and waits included, in ms. Default 120 000. */
  readonly operationTimeoutMs?: number;
  /** Largest response body accepted, in bytes. Default 64 MiB. */
  readonly maxResponseBytes?: number;
  /** Dispatcher to use instead of the client's own keep-alive Agent (tests pass a MockAgent). */
  readonly dispatcher?: Dispatcher;
  /** Waits between attempts; should reject or resolve early when `signal` aborts. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Source of numbers in [0, 1) for backoff jitter. */
  readonly random?: () => number;
  /** Clock in ms since the epoch, for `Retry-After` dates. */
  readonly now?: () => number;
  /** Runs each attempt under a concurrency limit; the runtime passes the process-wide one. */
  readonly limit?: <T>(work: () => Promise<T>, signal: AbortSignal) => Promise<T>;
}

/** {@link ClientOptions} with every default filled in. */
export type ResolvedClientOptions = Required<Omit<ClientOptions, "dispatcher">> & {
  readonly dispatcher?: Dispatcher;
};

/** Default timeouts: fail a dead connection fast, give a slow API call room. */
export const TIMEOUT_DEFAULTS = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  operationTimeoutMs: 120_000,
} as const;

/** Fills in the defaults. */
export function resolveClientOptions(options: ClientOptions): ResolvedClientOptions {
  return {
    maxRetries: options.maxRetries ?? RETRY_DEFAULTS.maxRetries,
    baseDelayMs: options.baseDelayMs ?? RETRY_DEFAULTS.baseMs,
    maxDelayMs: options.maxDelayMs ?? RETRY_DEFAULTS.capMs,
    maxRetryAfterMs: options.maxRetryAfterMs ?? RETRY_DEFAULTS.retryAfterCapMs,
    connectTimeoutMs: options.connectTimeoutMs ?? TIMEOUT_DEFAULTS.connectTimeoutMs,
    headersTimeoutMs: options.headersTimeoutMs ?? TIMEOUT_DEFAULTS.headersTimeoutMs,
    bodyTimeoutMs: options.bodyTimeoutMs ?? TIMEOUT_DEFAULTS.bodyTimeoutMs,
    operationTimeoutMs: options.operationTimeoutMs ?? TIMEOUT_DEFAULTS.operationTimeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? 64 * 1024 * 1024,
    sleep: options.sleep ?? abortableSleep,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    limit: options.limit ?? ((work) => work()),
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
  };
}

/** Waits `ms`, or less when `signal` aborts (the caller then sees the abort and stops). */
async function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  const timers = require("node:timers/promises") as typeof import("node:timers/promises");
  await timers.setTimeout(ms, undefined, { signal }).catch(() => undefined);
}
