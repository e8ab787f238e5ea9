/**
 * The Polytomic HTTP client: one request chokepoint that sets the auth, version and user-agent
 * headers, runs each attempt under the process-wide concurrency limit, maps every failure to a
 * {@link PolytomicError}, and retries what `retry.ts` says is safe, within one deadline per call.
 */
import type { Dispatcher } from "undici";
import { createAgent } from "./agent";
import { errorFromResponse, PolytomicError, withAttempts } from "./errors";
import { type ClientOptions, type ResolvedClientOptions, resolveClientOptions } from "./options";
import { buildHeaders, buildUrl, isValidIdempotencyKey } from "./request";
import { backoffMs, parseRetryAfter, shouldRetry } from "./retry";
import { type AbortReason, errorFromTransport, transportCode } from "./transportError";
import type { ClientSettings, HttpMethod, RequestOptions } from "./types";

export type { ClientOptions } from "./options";
export type { ApiVersion, ClientSettings, HttpMethod, RequestOptions } from "./types";

/** One attempt's result: the parsed body, or the error with what the retry policy needs. */
type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
      readonly error: PolytomicError;
      /** Transport code when no response arrived. */
      readonly errorCode?: string;
      /** Wait the server asked for (`Retry-After`). */
      readonly retryAfterMs?: number;
    };

/** One request's fixed parts, computed once for all its attempts. */
interface Prepared {
  readonly method: HttpMethod;
  readonly path: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** A client for one set of settings; cheap to keep, builds its connection pool on first use. */
export class PolytomicClient {
  /** The settings this client calls the API with. */
  readonly settings: ClientSettings;
  /**
   * How many requests other than GETs this client has sent. Whatever it read before a write may be
   * stale; caches of its reads compare this count to tell.
   */
  writes = 0;
  private readonly options: ResolvedClientOptions;
  private agent?: Dispatcher;

  /**
   * @param settings - where and as whom to call the API (see `resolveSettings`).
   * @param options - timeouts, retry limits, and test seams.
   */
  constructor(settings: ClientSettings, options: ClientOptions = {}) {
    this.settings = settings;
    this.options = resolveClientOptions(options);
  }

  /**
   * Sends one API request, retrying where safe.
   *
   * @param method - HTTP method.
   * @param path - API path starting with `/api/`, already URL-encoded.
   * @returns the parsed JSON body (the whole envelope, e.g. `{data: ...}`); undefined for an empty body.
   * @throws PolytomicError for any failure, with `attempts` set.
   */
  async request<T = unknown>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    if (options.idempotencyKey !== undefined && !isValidIdempotencyKey(options.idempotencyKey)) {
      throw new PolytomicError(
        `${method} ${path}: invalid Idempotency-Key (use 8 to 255 characters from A-Z, a-z, 0-9, "_" and "-")`,
        { code: "bad_request", method, path },
      );
    }
    if (method !== "GET") this.writes++;
    const prepared: Prepared = {
      method,
      path,
      url: buildUrl(this.settings.baseUrl, path, options.query),
      headers: buildHeaders(this.settings, method, options),
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    };
    const { operationTimeoutMs, maxRetries } = this.options;
    const deadlineAt = Date.now() + operationTimeoutMs;
    const deadline = AbortSignal.timeout(operationTimeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    const aborted = (): AbortReason | undefined =>
      options.signal?.aborted ? "caller" : deadline.aborted ? "deadline" : undefined;

    for (let attempt = 1; ; attempt++) {
      const outcome = await this.limited(prepared, signal, aborted);
      if (outcome.ok) return outcome.value as T;
      const retry =
        aborted() === undefined &&
        shouldRetry({
          method,
          ...(outcome.error.status !== undefined ? { status: outcome.error.status } : {}),
          ...(outcome.errorCode !== undefined ? { errorCode: outcome.errorCode } : {}),
          attempt,
          maxRetries,
          hasIdempotencyKey: prepared.headers["idempotency-key"] !== undefined,
        });
      const delay =
        outcome.retryAfterMs ??
        backoffMs(attempt, this.options.random, this.options.baseDelayMs, this.options.maxDelayMs);
      // Waiting past the deadline would only end in a timeout that hides the real failure.
      if (!retry || Date.now() + delay >= deadlineAt) throw withAttempts(outcome.error, attempt);
      await this.options.sleep(delay, signal);
      if (aborted() !== undefined) throw withAttempts(outcome.error, attempt);
    }
  }

  /** Closes the connection pool; later requests build a new one. */
  async close(): Promise<void> {
    const agent = this.agent;
    this.agent = undefined;
    await agent?.close();
  }

  private dispatcher(): Dispatcher {
    if (this.options.dispatcher) return this.options.dispatcher;
    this.agent ??= createAgent(this.options);
    return this.agent;
  }

  /** One attempt under the concurrency limit; waiting for a slot counts against the deadline. */
  private async limited(
    prepared: Prepared,
    signal: AbortSignal,
    aborted: () => AbortReason | undefined,
  ): Promise<Outcome> {
    try {
      return await this.options.limit(() => this.attempt(prepared, signal, aborted), signal);
    } catch (err) {
      return this.transportFailure(prepared, err, aborted());
    }
  }

  private async attempt(
    prepared: Prepared,
    signal: AbortSignal,
    aborted: () => AbortReason | undefined,
  ): Promise<Outcome> {
    const { method, path, url, headers, body } = prepared;
    let status: number;
    let responseHeaders: Dispatcher.ResponseData["headers"];
    let text: string;
    try {
      const response = await this.dispatcher().request({
        origin: url.origin,
        path: url.pathname + url.search,
        method,
        headers,
        signal,
        ...(body !== undefined ? { body } : {}),
      });
      status = response.statusCode;
      responseHeaders = response.headers;
      text = await response.body.text();
    } catch (err) {
      return this.transportFailure(prepared, err, aborted());
    }
    const parsed = parseBody(text);
    if (status >= 200 && status < 300) {
      if (parsed.json) return { ok: true, value: parsed.value };
      return {
        ok: false,
        error: new PolytomicError(`${method} ${path} -> ${status} server: the response is not JSON`, {
          code: "server",
          status,
          method,
          path,
        }),
      };
    }
    const retryAfterMs = parseRetryAfter(
      responseHeaders["retry-after"],
      this.options.now(),
      this.options.maxRetryAfterMs,
    );
    return {
      ok: false,
      error: errorFromResponse(method, path, status, parsed.value, { secrets: [this.settings.apiKey] }),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }

  private transportFailure(prepared: Prepared, err: unknown, reason: AbortReason | undefined): Outcome {
    return {
      ok: false,
      errorCode: transportCode(err),
      error: errorFromTransport(err, {
        method: prepared.method,
        path: prepared.path,
        origin: prepared.url.origin,
        deadlineMs: this.options.operationTimeoutMs,
        ...(reason !== undefined ? { aborted: reason } : {}),
      }),
    };
  }
}

/** The body as JSON when it parses; otherwise the raw text (kept for error messages). Empty is JSON `undefined`. */
function parseBody(text: string): { readonly json: boolean; readonly value: unknown } {
  if (text.length === 0) return { json: true, value: undefined };
  try {
    return { json: true, value: JSON.parse(text) as unknown };
  } catch {
    return { json: false, value: text };
  }
}
