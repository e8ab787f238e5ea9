/**
 * The client's public value types, shared by the client, the request builder and the settings resolver.
 */

/** API versions the provider speaks (sent as `X-Polytomic-Version`). */
export type ApiVersion = "2024-02-08" | "2025-09-18";

/** Every supported {@link ApiVersion}, oldest first. */
export const API_VERSIONS: readonly ApiVersion[] = ["2024-02-08", "2025-09-18"];

/** HTTP methods the API uses. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Where and as whom to call the API. */
export interface ClientSettings {
  /** The API key; sent as `Authorization: Bearer <key>` unless `organizationId` is set. */
  readonly apiKey: string;
  /** Origin of the API, optionally with a path prefix, e.g. `https://app.polytomic.com`; `/api/...` paths are appended. */
  readonly baseUrl: string;
  /** API version to request. */
  readonly apiVersion: ApiVersion;
  /** With a partner or deployment key: sends `Authorization: Basic base64(organizationId:key)`. */
  readonly organizationId?: string;
}

/** Per-request options. */
export interface RequestOptions {
  /** Query parameters; `undefined` values are left out. */
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** JSON request body. */
  readonly body?: unknown;
  /**
   * `Idempotency-Key` (`[A-Za-z0-9_-]`, 8 to 255 characters). With it, a POST or PATCH is retried
   * after failures where the server may have seen it, because the API replays the first outcome.
   */
  readonly idempotencyKey?: string;
  /** Aborts the request, its retries and its waits. */
  readonly signal?: AbortSignal;
}
