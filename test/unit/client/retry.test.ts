/**
 * The retry policy as a table: every method against every kind of failure, plus backoff and Retry-After.
 */
import { describe, expect, it } from "vitest";
import { backoffMs, failsBeforeSending, parseRetryAfter, shouldRetry } from "../../../provider/client/retry";

type Row = [method: string, failure: number | string, idempotencyKey: boolean, retried: boolean];

// A failure is an HTTP status (number) or a transport error code (string).
const table: Row[] = [
  // 429: turned away before processing, so every method, with or without a key.
  ["GET", 429, false, true],
  ["POST", 429, false, true],
  ["PATCH", 429, false, true],
  ["DELETE", 429, false, true],
  // 502/503/504: idempotent methods always, POST/PATCH only under an Idempotency-Key.
  ...(["GET", "PUT", "DELETE"] as const).flatMap((m): Row[] =>
    [502, 503, 504].map((s): Row => [m, s, false, true]),
  ),
  ...(["POST", "PATCH"] as const).flatMap((m): Row[] => [
    ...[502, 503, 504].map((s): Row => [m, s, false, false]),
    ...[502, 503, 504].map((s): Row => [m, s, true, true]),
  ]),
  // 500 is never retried, not even a GET.
  ["GET", 500, false, false],
  ["POST", 500, true, false],
  // Other 4xx: never.
  ...[400, 401, 403, 404, 408, 409, 410, 422].flatMap((s): Row[] => [
    ["GET", s, false, false],
    ["POST", s, true, false],
  ]),
  // Nothing was sent: safe for every method.
  ...["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"].flatMap((c): Row[] => [
    ["GET", c, false, true],
    ["POST", c, false, true],
    ["PATCH", c, false, true],
  ]),
  // The request may have been processed: like a 503.
  ...["UND_ERR_SOCKET", "ECONNRESET", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UNKNOWN"].flatMap(
    (c): Row[] => [
      ["GET", c, false, true],
      ["PUT", c, false, true],
      ["DELETE", c, false, true],
      ["POST", c, false, false],
      ["PATCH", c, false, false],
      ["POST", c, true, true],
      ["PATCH", c, true, true],
    ],
  ),
  // Aborts, bad arguments and oversized responses would only fail again.
  ...[
    "UND_ERR_ABORTED",
    "AbortError",
    "TimeoutError",
    "UND_ERR_INVALID_ARG",
    "UND_ERR_RES_EXCEEDED_MAX_SIZE",
  ].map((c): Row => ["GET", c, true, false]),
];

describe("shouldRetry", () => {
  it.each(table)("%s after %s (idempotency key: %s) -> %s", (method, failure, hasIdempotencyKey, retried) => {
    const failureFields = typeof failure === "number" ? { status: failure } : { errorCode: failure };
    expect(shouldRetry({ method, ...failureFields, attempt: 1, maxRetries: 5, hasIdempotencyKey })).toBe(
      retried,
    );
  });

  it("stops once maxRetries retries have been made", () => {
    const ctx = { method: "GET", status: 503, maxRetries: 3, hasIdempotencyKey: false };
    expect(shouldRetry({ ...ctx, attempt: 3 })).toBe(true);
    expect(shouldRetry({ ...ctx, attempt: 4 })).toBe(false);
    expect(shouldRetry({ ...ctx, maxRetries: 0, attempt: 1 })).toBe(false);
  });

  it("lets the caller say whether the request may have been sent", () => {
    const ctx = {
      method: "POST",
      errorCode: "UND_ERR_SOCKET",
      attempt: 1,
      maxRetries: 5,
      hasIdempotencyKey: false,
    };
    expect(shouldRetry({ ...ctx, requestMaySent: false })).toBe(true);
    expect(shouldRetry({ ...ctx, requestMaySent: true })).toBe(false);
    expect(shouldRetry({ ...ctx, errorCode: "ECONNREFUSED", requestMaySent: true })).toBe(false);
    expect(failsBeforeSending("ECONNREFUSED")).toBe(true);
    expect(failsBeforeSending("ECONNRESET")).toBe(false);
    expect(failsBeforeSending(undefined)).toBe(false);
  });

  it("reads the method case-insensitively", () => {
    expect(
      shouldRetry({ method: "get", status: 503, attempt: 1, maxRetries: 1, hasIdempotencyKey: false }),
    ).toBe(true);
  });
});

describe("backoffMs", () => {
  it.each([
    // attempt, random, expected: ceiling = min(cap, 250 * 2^(attempt-1)); half fixed, half jitter.
    [1, 0, 125],
    [1, 0.5, 187.5],
    [1, 0.25, 156.25],
    [2, 0, 250],
    [3, 0, 500],
    [5, 1, 4000],
    [8, 0, 10_000],
    [8, 1, 20_000],
    [30, 0, 10_000],
    [200, 1, 20_000],
  ])("attempt %s with random %s -> %s ms", (attempt, random, expected) => {
    expect(backoffMs(attempt, () => random)).toBeCloseTo(expected, 6);
  });

  it("never exceeds the cap and never drops under half of it once capped", () => {
    for (let attempt = 1; attempt < 64; attempt++) {
      for (const r of [0, 0.3, 0.99]) {
        const ms = backoffMs(attempt, () => r);
        expect(ms).toBeLessThanOrEqual(20_000);
        expect(Number.isFinite(ms)).toBe(true);
      }
    }
    expect(backoffMs(3, () => 1, 100, 300)).toBe(300);
    expect(backoffMs(3, () => 0, 100, 300)).toBe(150);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);
  it.each([
    ["0", 0],
    ["3", 3000],
    [" 7 ", 7000],
    ["1.5", 1500],
    ["120", 60_000],
    [new Date(now + 10_000).toUTCString(), 10_000],
    [new Date(now - 10_000).toUTCString(), 0],
    [new Date(now + 3_600_000).toUTCString(), 60_000],
    [["2", "9"], 2000],
  ] as const)("%j -> %s ms", (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  it.each([undefined, "", "soon", "-1", "1e3", "0x10"])("%j is ignored", (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });

  it("takes its cap as a parameter", () => {
    expect(parseRetryAfter("30", now, 5000)).toBe(5000);
  });
});
