/**
 * The Polytomic HTTP client: one request chokepoint on an undici keep-alive Agent that sets the
 * version, auth and user-agent headers, maps failures to {@link PolytomicError}, and retries what
 * `retry.ts` says is safe to retry.
 */
import type { Dispatcher } from "undici";
import { errorFromResponse, isPolytomicError, PolytomicError } from "./errors";
import { backoffMs, parseRetryAfter, shouldRetry } from "./retry";

/** API versions the provider speaks. */
export type ApiVersion = "2024-02-08" | "2025-09-18";
/** HTTP methods the API uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Where and as whom to call the API. */
export interface ClientSettings {
  readonly apiKey: string;
  readonly baseUrl: string;
  readonly apiVersion: ApiVersion;
  /** With a partner or deployment key: sends `Authorization: Basic base64(organizationId:key)`. */
  readonly organizationId?: string;
}

/** Tuning and test seams. */
export interface ClientOptions {
  readonly maxRetries?: number;
  readonly connectTimeoutMs?: number;
  readonly headersTimeoutMs?: number;
  readonly bodyTimeoutMs?: number;
  /** Dispatcher to use instead of the client's own Agent (tests pass a MockAgent). */
  readonly dispatcher?: Dispatcher;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Runs each attempt under the process-wide concurrency limit. */
  readonly limit?: <T>(work: () => Promise<T>) => Promise<T>;
}

/** Per-request options. */
export interface RequestOptions {
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

let userAgent: string | undefined;
/** `pulumi-polytomic/<version>`, read from the package's own package.json (source or dist layout). */
function getUserAgent(): string {
  if (userAgent) return userAgent;
  const fs = require("node:fs") as typeof import("node:fs");
  const path = require("node:path") as typeof import("node:path");
  let version = "unknown";
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "pulumi-polytomic") {
      version = pkg.version ?? version;
      break;
    }
  }
  userAgent = `pulumi-polytomic/${version}`;
  return userAgent;
}

/** Maps an undici/Node transport error to a PolytomicError (one switch for every code). */
function transportError(method: string, path: string, err: unknown): PolytomicError {
  const code = (err as { code?: string }).code ?? "";
  switch (code) {
    case "UND_ERR_CONNECT_TIMEOUT":
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
    case "ETIMEDOUT":
      return new PolytomicError(`${method} ${path}: timed out (${code})`, {
        code: "timeout",
        method,
        path,
        cause: err,
      });
    default:
      return new PolytomicError(`${method} ${path}: connection failed (${code || (err as Error).message})`, {
        code: "connection",
        method,
        path,
        cause: err,
      });
  }
}

/** A client for one set of settings. */
export class PolytomicClient {
  private agent?: Dispatcher;

  constructor(
    readonly settings: ClientSettings,
    private readonly options: ClientOptions = {},
  ) {}

  private dispatcher(): Dispatcher {
    if (this.options.dispatcher) return this.options.dispatcher;
    // Built on first use, never at load: serialized providers must not capture live handles.
    if (!this.agent) {
      const { Agent } = require("undici") as typeof import("undici");
      this.agent = new Agent({
        connect: { timeout: this.options.connectTimeoutMs ?? 10_000 },
        headersTimeout: this.options.headersTimeoutMs ?? 30_000,
        bodyTimeout: this.options.bodyTimeoutMs ?? 30_000,
        keepAliveTimeout: 10_000,
      });
    }
    return this.agent;
  }

  private authorization(): string {
    const { apiKey, organizationId } = this.settings;
    return organizationId
      ? `Basic ${Buffer.from(`${organizationId}:${apiKey}`).toString("base64")}`
      : `Bearer ${apiKey}`;
  }

  private url(path: string, query: RequestOptions["query"]): URL {
    const url = new URL(this.settings.baseUrl.replace(/\/+$/, "") + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  /** Sends one API request; resolves to the parsed JSON body (undefined when empty). */
  async request<T = unknown>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const maxRetries = this.options.maxRetries ?? 5;
    const sleep =
      this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const random = this.options.random ?? Math.random;
    const limit = this.options.limit ?? (<R>(work: () => Promise<R>) => work());
    for (let attempt = 1; ; attempt++) {
      let failure: PolytomicError;
      let retryAfterMs: number | undefined;
      try {
        return await limit(() => this.attempt<T>(method, path, options));
      } catch (err) {
        if (!isPolytomicError(err)) throw err;
        failure = err;
        retryAfterMs = (err as PolytomicError & { retryAfterMs?: number }).retryAfterMs;
      }
      const cause = failure.cause as { code?: string } | undefined;
      const retry = shouldRetry({
        method,
        ...(failure.status !== undefined ? { status: failure.status } : {}),
        ...(failure.status === undefined && cause?.code ? { errorCode: cause.code } : {}),
        ...(failure.status === undefined &&
        !cause?.code &&
        (failure.code === "timeout" || failure.code === "connection")
          ? { errorCode: "UNKNOWN" }
          : {}),
        attempt,
        maxRetries,
        hasIdempotencyKey: options.idempotencyKey !== undefined,
      });
      if (!retry || options.signal?.aborted) {
        failure.attempts = attempt;
        throw failure;
      }
      await sleep(retryAfterMs ?? backoffMs(attempt, random));
    }
  }

  private async attempt<T>(method: HttpMethod, path: string, options: RequestOptions): Promise<T> {
    const headers: Record<string, string> = {
      authorization: this.authorization(),
      "x-polytomic-version": this.settings.apiVersion,
      accept: "application/json",
      "user-agent": getUserAgent(),
    };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
    let response: Dispatcher.ResponseData;
    const url = this.url(path, options.query);
    try {
      response = await this.dispatcher().request({
        origin: url.origin,
        path: url.pathname + url.search,
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (err) {
      throw transportError(method, path, err);
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (err) {
      throw transportError(method, path, err);
    }
    let parsed: unknown = text;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        // keep the raw text for the error message
      }
    }
    if (response.statusCode >= 200 && response.statusCode < 300) {
      if (typeof parsed === "string" && parsed.length > 0) {
        throw new PolytomicError(`${method} ${path}: response is not JSON`, {
          code: "server",
          method,
          path,
          status: response.statusCode,
        });
      }
      return (text.length > 0 ? parsed : undefined) as T;
    }
    const error = errorFromResponse(method, path, response.statusCode, parsed);
    const retryAfter = parseRetryAfter(response.headers["retry-after"] as string | undefined, Date.now());
    if (retryAfter !== undefined) Object.assign(error, { retryAfterMs: retryAfter });
    throw error;
  }

  /** Closes the connection pool. */
  async close(): Promise<void> {
    await this.agent?.close();
  }
}
