/**
 * The client on its own undici Agent against a real loopback server: retry counting as the server
 * sees it, Retry-After, dropped sockets, header/body timeouts, the operation deadline, keep-alive.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type ClientOptions, PolytomicClient } from "../../../provider/client/client";
import { isPolytomicError, type PolytomicError } from "../../../provider/client/errors";
import { closedPort, type Handler, json, type Loopback, startLoopback } from "./loopback";

let server: Loopback | undefined;
let clients: PolytomicClient[] = [];
let sleeps: number[] = [];

afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server?.close();
  server = undefined;
  clients = [];
  sleeps = [];
});

async function serve(handler: Handler): Promise<string> {
  server = await startLoopback(handler);
  return server.url;
}

function client(baseUrl: string, options: ClientOptions = {}): PolytomicClient {
  const c = new PolytomicClient(
    { apiKey: "pk_loopback_secret", baseUrl, apiVersion: "2025-09-18" },
    { maxRetries: 3, random: () => 0, sleep: async (ms) => void sleeps.push(ms), ...options },
  );
  clients.push(c);
  return c;
}

async function failure(promise: Promise<unknown>): Promise<PolytomicError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isPolytomicError(err)) throw new Error(`expected a PolytomicError, got ${String(err)}`);
  return err;
}

const seen = () => server?.requests.length ?? 0;

describe("retries as the server counts them", () => {
  const flaky: Handler = (_req, res, n) =>
    n === 1 ? json(res, 503, { status: 503, message: "unavailable" }) : json(res, 201, { data: { id: "x" } });

  it("sends a POST without an Idempotency-Key once after a 503", async () => {
    const err = await failure(client(await serve(flaky)).request("POST", "/api/connections", { body: {} }));
    expect(err).toMatchObject({ code: "server", status: 503, attempts: 1 });
    expect(seen()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it("retries a POST with an Idempotency-Key, sending the same key again", async () => {
    const result = await client(await serve(flaky)).request("POST", "/api/connections", {
      body: {},
      idempotencyKey: "create-conn-0001",
    });
    expect(result).toEqual({ data: { id: "x" } });
    expect(seen()).toBe(2);
    expect(server?.requests.map((r) => r.headers["idempotency-key"])).toEqual([
      "create-conn-0001",
      "create-conn-0001",
    ]);
  });

  it("honours Retry-After on a 429, through the injected sleep", async () => {
    const url = await serve((_req, res, n) =>
      n === 1
        ? json(res, 429, { status: 429, message: "slow down" }, { "retry-after": "3" })
        : json(res, 200, { data: n }),
    );
    expect(await client(url).request("POST", "/api/x", { body: {} })).toEqual({ data: 2 });
    expect(sleeps).toEqual([3000]);
    expect(seen()).toBe(2);
  });

  it("retries a GET whose socket was destroyed, but not a POST without a key", async () => {
    const url = await serve((req, res, n) =>
      n % 2 === 1 ? req.socket.destroy() : json(res, 200, { data: n }),
    );
    expect(await client(url).request("GET", "/api/x")).toEqual({ data: 2 });
    const err = await failure(client(url).request("POST", "/api/x", { body: {} }));
    expect(err).toMatchObject({ code: "connection", attempts: 1 });
    expect(String(err)).toMatch(
      /^PolytomicError: POST \/api\/x -> connection: .+\((UND_ERR_SOCKET|ECONNRESET)\)$/,
    );
    expect(seen()).toBe(3);
  });

  it("retries a refused connection for every method: nothing was sent", async () => {
    const url = await closedPort();
    const err = await failure(client(url, { maxRetries: 2 }).request("POST", "/api/x", { body: {} }));
    expect(err).toMatchObject({ code: "connection", attempts: 3 });
    expect((err.cause as { code?: string }).code).toBe("ECONNREFUSED");
    expect(err.message).toContain(`connection refused by ${url}`);
    expect(sleeps).toEqual([125, 250]);
  });
});

describe("timeouts", () => {
  it("times out waiting for headers, retrying a GET but not a POST", async () => {
    const url = await serve(() => {
      // never answers
    });
    const get = await failure(
      client(url, { headersTimeoutMs: 150, maxRetries: 1 }).request("GET", "/api/slow"),
    );
    expect(get).toMatchObject({ code: "timeout", attempts: 2 });
    expect((get.cause as { code?: string }).code).toBe("UND_ERR_HEADERS_TIMEOUT");
    expect(seen()).toBe(2);

    const post = await failure(
      client(url, { headersTimeoutMs: 150 }).request("POST", "/api/slow", { body: {} }),
    );
    expect(post).toMatchObject({ code: "timeout", attempts: 1 });
    expect(seen()).toBe(3);
  });

  it("times out when the body stalls", async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"data":');
    });
    const err = await failure(
      client(url, { bodyTimeoutMs: 150, maxRetries: 0 }).request("GET", "/api/stall"),
    );
    expect(err).toMatchObject({ code: "timeout", attempts: 1 });
    expect((err.cause as { code?: string }).code).toBe("UND_ERR_BODY_TIMEOUT");
  });

  it("ends the whole operation at its deadline, whatever the per-phase timeouts", async () => {
    const url = await serve(() => {
      // never answers
    });
    const started = Date.now();
    const err = await failure(client(url, { operationTimeoutMs: 300 }).request("GET", "/api/slow"));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(err).toMatchObject({ code: "timeout", attempts: 1 });
    expect(err.message).toContain("did not finish within 300 ms");
  });

  it("does not sleep past the deadline: it reports the last failure instead", async () => {
    const url = await serve((_req, res) => json(res, 503, { status: 503, message: "down" }));
    const err = await failure(
      client(url, { operationTimeoutMs: 1000, baseDelayMs: 5000 }).request("GET", "/api/x"),
    );
    expect(err).toMatchObject({ code: "server", status: 503, attempts: 1 });
    expect(sleeps).toEqual([]);
  });
});

describe("connections", () => {
  it("keeps the connection alive across requests", async () => {
    const url = await serve((_req, res, n) => json(res, 200, { data: n }));
    const c = client(url);
    for (let i = 1; i <= 6; i++) expect(await c.request("GET", "/api/x")).toEqual({ data: i });
    // undici may open a second socket before it sees the first one free again; after that both are reused.
    expect(server?.connections()).toBeLessThanOrEqual(2);
  });

  it("builds its Agent only on first request and again after close", async () => {
    const url = await serve((_req, res) => json(res, 200, {}));
    const c = client(url);
    expect((c as unknown as { agent?: unknown }).agent).toBeUndefined();
    await c.request("GET", "/api/x");
    expect((c as unknown as { agent?: unknown }).agent).toBeDefined();
    await c.close();
    expect((c as unknown as { agent?: unknown }).agent).toBeUndefined();
    await expect(c.request("GET", "/api/x")).resolves.toEqual({});
  });
});
