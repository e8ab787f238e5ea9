/**
 * What goes on the wire for one API call: the URL and the headers. Pure, so tests can check them
 * without a server.
 */
import type { ClientSettings, HttpMethod, RequestOptions } from "./types";
import { userAgent } from "./userAgent";

/** Keys the API accepts: `[A-Za-z0-9_-]`, 8 to 255 characters. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,255}$/;

/** True when `key` is a valid `Idempotency-Key` value. */
export function isValidIdempotencyKey(key: string): boolean {
  return IDEMPOTENCY_KEY.test(key);
}

/**
 * The full request URL: the base URL (which may carry a path prefix, e.g. behind a proxy) joined
 * with the API path, plus the defined query parameters.
 */
export function buildUrl(baseUrl: string, path: string, query: RequestOptions["query"]): URL {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, "");
  const url = new URL(`${prefix}${path.startsWith("/") ? path : `/${path}`}`, base.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.append(name, String(value));
  }
  return url;
}

/** The `Authorization` value: Bearer for a plain key, Basic `orgId:key` to act inside an organization. */
export function authorization(settings: ClientSettings): string {
  return settings.organizationId
    ? `Basic ${Buffer.from(`${settings.organizationId}:${settings.apiKey}`).toString("base64")}`
    : `Bearer ${settings.apiKey}`;
}

/** Every header of a request. */
export function buildHeaders(
  settings: ClientSettings,
  method: HttpMethod,
  options: RequestOptions,
): Record<string, string> {
  const headers: Record<string, string> = {
    authorization: authorization(settings),
    "x-polytomic-version": settings.apiVersion,
    accept: "application/json",
    "user-agent": userAgent(),
  };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  // The key is meaningless on reads; sending it anyway would only fill the server's key store.
  if (options.idempotencyKey !== undefined && method !== "GET") {
    headers["idempotency-key"] = options.idempotencyKey;
  }
  return headers;
}
