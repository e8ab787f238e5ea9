/**
 * The HTTP client: retry policy tables, backoff, Retry-After, error mapping, redaction, settings, and
 * the client against a real loopback server for retries and dropped connections.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { PolytomicClient } from "../../provider/client/client";
import { errorFromResponse, isPolytomicError, PolytomicError } from "../../provider/client/errors";
import { redact } from "../../provider/client/redact";
import { backoffMs, parseRetryAfter, shouldRetry } from "../../provider/client/retry";
import { resolveSettings } from "../../provider/config";

describe("shouldRetry", () => {
  const base = { attempt: 1, maxRetries: 3, hasIdempotencyKey: false };
  it.each([
    ["GET", 429, undefined, false, true],
    ["POST", 429, undefined, false, true],
    ["POST", undefined, "ECONNREFUSED", false, true],
    ["GET", 503, undefined, false, true],
    ["PUT", 504, undefined, false, true],
    ["DELETE", 502, undefined, false, true],
    ["POST", 503, undefined, false, false],
    ["POST", 503, undefined, true, true],
    ["PATCH", undefined, "UND_ERR_SOCKET", false, false],
    ["PATCH", undefined, "UND_ERR_SOCKET", true, true],
    ["GET", 500, undefined, false, false],
    ["GET", 400, undefined, false, false],
    ["POST", 409, undefined, true, false],
    ["GET", 404, undefined, false, false],
  ])("%s status=%s error=%s key=%s -> %s", (method, status, errorCode, hasKey, expected) => {
    expect(
      shouldRetry({
        ...base,
        method,
        hasIdempotencyKey: hasKey,
        ...(status ? { status } : {}),
        ...(errorCode ? { errorCode } : {}),
      }),
    ).toBe(expected);
  });
  it("stops after maxRetries", () => {
    expect(shouldRetry({ ...base, method: "GET", status: 503, attempt: 4 })).toBe(false);
  });
});

describe("backoff and Retry-After", () => {
  it("grows exponentially with equal jitter and a cap", () => {
    expect(backoffMs(1, () => 0)).toBe(125);
    expect(backoffMs(1, () => 1)).toBe(250);
    expect(backoffMs(3, () => 0)).toBe(500);
    expect(backoffMs(30, () => 1)).toBe(20_000);
  });
  it("reads seconds and HTTP dates, capped", () => {
    expect(parseRetryAfter("2", 0)).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter("99999", 0)).toBe(60_000);
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
  });
});

describe("errors", () => {
  it.each([
    [400, "bad_request"],
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not_found"],
    [409, "conflict"],
    [422, "validation"],
    [429, "rate_limited"],
    [503, "server"],
  ])("maps %s to %s with the API message", (status, code) => {
    const err = errorFromResponse("POST", "/api/connections", status, {
      status,
      message: "boom",
      metadata: null,
    });
    expect(err.code).toBe(code);
    expect(err.message).toBe(`POST /api/connections -> ${status} ${code}: boom`);
  });
  it("handles the 401 shape and raw text", () => {
    expect(errorFromResponse("GET", "/api/me", 401, { code: 401, error: "bad key" }).apiMessage).toBe(
      "bad key",
    );
    expect(errorFromResponse("GET", "/x", 502, "<html>gateway</html>").apiMessage).toBe(
      "<html>gateway</html>",
    );
  });
  it("is recognised across module copies by its brand", () => {
    const err = new PolytomicError("x", { code: "server" });
    const lookalike = Object.assign(new Error("x"), { [Symbol.for("pulumi-polytomic.error")]: true });
    expect(isPolytomicError(err)).toBe(true);
    expect(lookalike instanceof PolytomicError).toBe(true);
    expect(new Error("x") instanceof PolytomicError).toBe(false);
  });
  it("never carries a secret from the API's metadata", () => {
    const err = errorFromResponse("PUT", "/api/connections/1", 422, {
      status: 422,
      message: "bad config",
      metadata: {
        configuration: { password: "hunter2", api_key: "sk_live_1", host: "db" },
        url: "https://u:p4ss@host/x",
      },
    });
    for (const text of [String(err), err.stack ?? "", JSON.stringify(err), inspect(err, { depth: 10 })]) {
      expect(text).not.toContain("hunter2");
      expect(text).not.toContain("sk_live_1");
      expect(text).not.toContain("p4ss");
    }
    expect(redact({ a: { token: "t", list: [{ secret: "s" }] } })).toEqual({
      a: { token: "[redacted]", list: [{ secret: "[redacted]" }] },
    });
  });
});

describe("resolveSettings", () => {
  const config = (values: Record<string, string>) => ({ get: (k: string) => values[k] });
  it("prefers stack config over the environment and fills defaults", () => {
    expect(
      resolveSettings(config({ "polytomic:apiKey": "from-config" }), { POLYTOMIC_API_KEY: "from-env" }),
    ).toEqual({
      apiKey: "from-config",
      baseUrl: "https://app.polytomic.com",
      apiVersion: "2025-09-18",
    });
    expect(
      resolveSettings(undefined, {
        POLYTOMIC_API_KEY: "k",
        POLYTOMIC_API_VERSION: "2024-02-08",
        POLYTOMIC_ORGANIZATION_ID: "org",
      }),
    ).toMatchObject({
      apiVersion: "2024-02-08",
      organizationId: "org",
    });
  });
  it("names the setting and both ways to set it, never the key", () => {
    expect(() => resolveSettings(undefined, {})).toThrow(/polytomic:apiKey.*POLYTOMIC_API_KEY/);
    expect(() =>
      resolveSettings(undefined, { POLYTOMIC_API_KEY: "secret-key", POLYTOMIC_API_VERSION: "2020-01-01" }),
    ).toThrow(/polytomic:apiVersion/);
    expect(() =>
      resolveSettings(undefined, { POLYTOMIC_API_KEY: "secret-key", POLYTOMIC_BASE_URL: "ftp://x" }),
    ).toThrow(/polytomic:baseUrl/);
    try {
      resolveSettings(undefined, { POLYTOMIC_API_KEY: "secret-key", POLYTOMIC_BASE_URL: "nope" });
    } catch (err) {
      expect(String(err)).not.toContain("secret-key");
    }
  });
});

describe("PolytomicClient against a loopback server", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function serve(
    handler: (req: IncomingMessage, res: ServerResponse, n: number) => void,
  ): Promise<string> {
    let n = 0;
    const listening = createServer((req, res) => {
      n++;
      handler(req, res, n);
    });
    server = listening;
    await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", () => resolve()));
    return `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  }
  const sleeps: number[] = [];
  const client = (baseUrl: string, organizationId?: string) =>
    new PolytomicClient(
      {
        apiKey: "the-api-key",
        baseUrl,
        apiVersion: "2024-02-08",
        ...(organizationId ? { organizationId } : {}),
      },
      { maxRetries: 3, sleep: async (ms) => void sleeps.push(ms), random: () => 0 },
    );

  it("sends version, auth, user agent and idempotency headers", async () => {
    let seen: IncomingMessage["headers"] = {};
    const url = await serve((req, res) => {
      seen = req.headers;
      res.end(JSON.stringify({ data: { ok: true } }));
    });
    expect(
      await client(url).request("POST", "/api/things", { body: { a: 1 }, idempotencyKey: "key-123456" }),
    ).toEqual({ data: { ok: true } });
    expect(seen["x-polytomic-version"]).toBe("2024-02-08");
    expect(seen.authorization).toBe("Bearer the-api-key");
    expect(seen["idempotency-key"]).toBe("key-123456");
    expect(seen["user-agent"]).toMatch(/^pulumi-polytomic\/\d/);
    await client(url, "org-1").request("GET", "/api/me");
    expect(seen.authorization).toBe(`Basic ${Buffer.from("org-1:the-api-key").toString("base64")}`);
  });

  it("does not retry a POST without an idempotency key after a 503, and retries one with a key", async () => {
    const url = await serve((_req, res, n) => {
      res.statusCode = n % 2 === 1 ? 503 : 200;
      res.end(JSON.stringify(n % 2 === 1 ? { status: 503, message: "down" } : { data: {} }));
    });
    const err = await client(url)
      .request("POST", "/api/x", { body: {} })
      .catch((e: unknown) => e);
    expect(isPolytomicError(err) && err.code).toBe("server");
    expect((err as PolytomicError).attempts).toBe(1);
    await expect(
      client(url).request("POST", "/api/x", { body: {}, idempotencyKey: "key-abcdefgh" }),
    ).resolves.toEqual({ data: {} });
  });

  it("honours Retry-After on 429 and retries a GET whose connection was dropped", async () => {
    sleeps.length = 0;
    const url = await serve((req, res, n) => {
      if (n === 1) {
        res.statusCode = 429;
        res.setHeader("Retry-After", "3");
        res.end(JSON.stringify({ status: 429, message: "slow down" }));
      } else if (n === 2) {
        req.socket.destroy();
      } else {
        res.end(JSON.stringify({ data: n }));
      }
    });
    expect(await client(url).request("GET", "/api/x")).toEqual({ data: 3 });
    expect(sleeps[0]).toBe(3000);
  });

  it("reports a refused connection as a connection error naming the request", async () => {
    const err = await new PolytomicClient(
      { apiKey: "k", baseUrl: "http://127.0.0.1:1", apiVersion: "2025-09-18" },
      { maxRetries: 0 },
    )
      .request("GET", "/api/me")
      .catch((e: unknown) => e);
    expect(isPolytomicError(err) && err.code).toBe("connection");
    expect(String(err)).toContain("GET /api/me");
  });
});
