/**
 * The request chokepoint against undici's MockAgent: what goes on the wire, what comes back, and how
 * failures and retries surface. No network: the agent refuses anything not intercepted.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { inspect } from "node:util";
import { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ClientSettings, PolytomicClient } from "../../../provider/client/client";
import { isPolytomicError, type PolytomicError } from "../../../provider/client/errors";

const ORIGIN = "http://api.polytomic.test";
const API_KEY = "pk_mock_0123456789";
const VERSION = (
  JSON.parse(readFileSync(path.resolve(__dirname, "../../../package.json"), "utf8")) as { version: string }
).version;

let agent: MockAgent;
let sleeps: number[];

beforeEach(() => {
  agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
  sleeps = [];
});
afterEach(async () => {
  await agent.close();
});

function client(settings: Partial<ClientSettings> = {}, maxRetries = 3): PolytomicClient {
  return new PolytomicClient(
    { apiKey: API_KEY, baseUrl: ORIGIN, apiVersion: "2025-09-18", ...settings },
    { dispatcher: agent, maxRetries, random: () => 0, sleep: async (ms) => void sleeps.push(ms) },
  );
}

async function failure(promise: Promise<unknown>): Promise<PolytomicError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isPolytomicError(err)) throw new Error(`expected a PolytomicError, got ${inspect(err)}`);
  return err;
}

function calls() {
  return agent.getCallHistory()?.calls() ?? [];
}

describe("requests", () => {
  it("sends the auth, version, accept and user-agent headers, and JSON bodies", async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: "/api/connections", method: "POST" })
      .reply(201, { data: { id: "c1" } });
    const result = await client().request<{ data: { id: string } }>("POST", "/api/connections", {
      body: { name: "warehouse", configuration: { port: 5432 } },
      idempotencyKey: "create-warehouse-01",
    });
    expect(result).toEqual({ data: { id: "c1" } });
    const call = calls()[0];
    expect(call?.headers).toMatchObject({
      authorization: `Bearer ${API_KEY}`,
      "x-polytomic-version": "2025-09-18",
      accept: "application/json",
      "content-type": "application/json",
      "user-agent": `pulumi-polytomic/${VERSION}`,
      "idempotency-key": "create-warehouse-01",
    });
    expect(JSON.parse(call?.body ?? "null")).toEqual({ name: "warehouse", configuration: { port: 5432 } });
  });

  it("sends Basic organizationId:key for organization-scoped keys, and no body headers on a GET", async () => {
    agent.get(ORIGIN).intercept({ path: "/api/me", method: "GET" }).reply(200, { data: {} });
    await client({ organizationId: "org-7", apiVersion: "2024-02-08" }).request("GET", "/api/me", {
      idempotencyKey: "ignored-on-get",
    });
    const headers = calls()[0]?.headers ?? {};
    expect(headers.authorization).toBe(`Basic ${Buffer.from(`org-7:${API_KEY}`).toString("base64")}`);
    expect(headers["x-polytomic-version"]).toBe("2024-02-08");
    expect(headers["content-type"]).toBeUndefined();
    expect(headers["idempotency-key"]).toBeUndefined();
  });

  it("joins a base URL path prefix, the path and the defined query parameters", async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: (p) => p.startsWith("/proxy/polytomic/api/bulk/syncs"), method: "GET" })
      .reply(200, { data: [] });
    await client({ baseUrl: `${ORIGIN}/proxy/polytomic/` }).request("GET", "/api/bulk/syncs", {
      query: { limit: 50, active: true, page_token: undefined, name: "a b&c" },
    });
    expect(calls()[0]?.fullUrl).toBe(
      `${ORIGIN}/proxy/polytomic/api/bulk/syncs?limit=50&active=true&name=a+b%26c`,
    );
  });

  it("resolves undefined for an empty body", async () => {
    agent.get(ORIGIN).intercept({ path: "/api/connections/c1", method: "DELETE" }).reply(204, "");
    await expect(client().request("DELETE", "/api/connections/c1")).resolves.toBeUndefined();
  });

  it("treats a 2xx that is not JSON as a server error, without retrying", async () => {
    agent.get(ORIGIN).intercept({ path: "/api/me", method: "GET" }).reply(200, "<html>login</html>");
    const err = await failure(client().request("GET", "/api/me"));
    expect(err).toMatchObject({ code: "server", status: 200, attempts: 1 });
    expect(err.message).toBe("GET /api/me -> 200 server: the response is not JSON");
  });

  it("refuses an invalid Idempotency-Key before sending anything", async () => {
    const err = await failure(client().request("POST", "/api/x", { idempotencyKey: "short" }));
    expect(err.code).toBe("bad_request");
    expect(calls()).toHaveLength(0);
  });
});

describe("errors and retries", () => {
  it("maps the error envelope and does not retry a 4xx", async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: "/api/connections", method: "POST" })
      .reply(422, {
        status: 422,
        message: "host is required",
        key: "validation",
        metadata: { field: "host" },
      });
    const err = await failure(
      client().request("POST", "/api/connections", { body: {}, idempotencyKey: "k-12345678" }),
    );
    expect(err).toMatchObject({
      code: "validation",
      status: 422,
      apiMessage: "host is required",
      apiKey: "validation",
      metadata: { field: "host" },
      attempts: 1,
    });
    expect(err.message).toBe("POST /api/connections -> 422 validation: host is required");
    expect(calls()).toHaveLength(1);
  });

  it("retries a GET through 503s with exponential backoff", async () => {
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: "/api/x", method: "GET" }).reply(503, { status: 503, message: "busy" }).times(2);
    pool.intercept({ path: "/api/x", method: "GET" }).reply(200, { data: "ok" });
    await expect(client().request("GET", "/api/x")).resolves.toEqual({ data: "ok" });
    expect(sleeps).toEqual([125, 250]);
    expect(calls()).toHaveLength(3);
  });

  it("gives up after maxRetries and says how many attempts were made", async () => {
    agent.get(ORIGIN).intercept({ path: "/api/x", method: "PUT" }).reply(504, "gateway timeout").times(4);
    const err = await failure(client({}, 3).request("PUT", "/api/x", { body: {} }));
    expect(err).toMatchObject({ code: "server", status: 504, attempts: 4 });
    expect(err.message).toBe("PUT /api/x -> 504 server: gateway timeout (after 4 attempts)");
    expect(sleeps).toEqual([125, 250, 500]);
  });

  it("does not retry a 500", async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: "/api/x", method: "GET" })
      .reply(500, { status: 500, message: "bug" });
    expect(await failure(client().request("GET", "/api/x"))).toMatchObject({ code: "server", attempts: 1 });
  });

  it("waits what Retry-After asks on a 429, for any method", async () => {
    const pool = agent.get(ORIGIN);
    pool
      .intercept({ path: "/api/x", method: "PATCH" })
      .reply(429, { status: 429, message: "slow down" }, { headers: { "retry-after": "4" } });
    pool.intercept({ path: "/api/x", method: "PATCH" }).reply(200, { data: 1 });
    await expect(client().request("PATCH", "/api/x", { body: {} })).resolves.toEqual({ data: 1 });
    expect(sleeps).toEqual([4000]);
  });

  it("maps a transport error and retries it only where safe", async () => {
    const pool = agent.get(ORIGIN);
    const reset = () => Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    pool.intercept({ path: "/api/x", method: "POST" }).replyWithError(reset());
    const post = await failure(client().request("POST", "/api/x", { body: {} }));
    expect(post).toMatchObject({ code: "connection", attempts: 1 });
    expect((post.cause as { code?: string }).code).toBe("ECONNRESET");

    pool.intercept({ path: "/api/x", method: "DELETE" }).replyWithError(reset());
    pool.intercept({ path: "/api/x", method: "DELETE" }).reply(200, { data: null });
    await expect(client().request("DELETE", "/api/x")).resolves.toEqual({ data: null });
  });

  it("stops when the caller aborts", async () => {
    agent.get(ORIGIN).intercept({ path: "/api/x", method: "GET" }).reply(503, "busy").persist();
    const controller = new AbortController();
    const aborting = new PolytomicClient(
      { apiKey: API_KEY, baseUrl: ORIGIN, apiVersion: "2025-09-18" },
      {
        dispatcher: agent,
        sleep: async () => {
          controller.abort();
        },
      },
    );
    const err = await failure(aborting.request("GET", "/api/x", { signal: controller.signal }));
    expect(err).toMatchObject({ code: "server", status: 503, attempts: 1 });
    const before = await failure(aborting.request("GET", "/api/x", { signal: controller.signal }));
    expect(before.code).toBe("connection");
    expect(before.message).toContain("aborted by its caller");
  });

  it("never lets the API key into an error, even when the server echoes it", async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: "/api/me", method: "GET" })
      .reply(401, {
        code: 401,
        error: `invalid key ${API_KEY}`,
        status: "Unauthorized",
        context: { authorization: `Bearer ${API_KEY}`, seen: API_KEY },
      });
    const err = await failure(client().request("GET", "/api/me"));
    expect(err.code).toBe("unauthorized");
    for (const text of [String(err), err.stack ?? "", JSON.stringify(err), inspect(err, { depth: 20 })]) {
      expect(text).not.toContain(API_KEY);
    }
  });
});
