/**
 * Error mapping for every status and transport failure, the brand across module copies, and that no
 * secret survives into any rendering of an error.
 */
import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import {
  codeForStatus,
  errorFromResponse,
  isPolytomicError,
  PolytomicError,
  withAttempts,
} from "../../../provider/client/errors";
import { errorFromTransport, transportCode } from "../../../provider/client/transportError";

const API_KEY = "pk_live_0123456789abcdef";

/** Every way an error can end up in a log. */
function renderings(err: Error): string[] {
  return [String(err), err.message, err.stack ?? "", JSON.stringify(err), inspect(err, { depth: 20 })];
}

describe("errorFromResponse", () => {
  it.each([
    [400, "bad_request"],
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not_found"],
    [405, "bad_request"],
    [408, "timeout"],
    [409, "conflict"],
    [410, "not_found"],
    [413, "bad_request"],
    [422, "validation"],
    [429, "rate_limited"],
    [500, "server"],
    [501, "server"],
    [502, "server"],
    [503, "server"],
    [504, "server"],
    [599, "server"],
    [304, "server"],
  ] as const)("maps %s to %s", (status, code) => {
    expect(codeForStatus(status)).toBe(code);
    const err = errorFromResponse("POST", "/api/connections", status, {
      status,
      message: "it went wrong",
      key: "some.reason",
      metadata: null,
    });
    expect(err).toBeInstanceOf(PolytomicError);
    expect(err).toMatchObject({
      code,
      status,
      method: "POST",
      path: "/api/connections",
      apiKey: "some.reason",
    });
    expect(err.apiMessage).toBe("it went wrong");
    expect(err.message).toBe(`POST /api/connections -> ${status} ${code}: it went wrong`);
    expect(err.metadata).toBeUndefined();
    expect(err.name).toBe("PolytomicError");
  });

  it("keeps the envelope's metadata", () => {
    const err = errorFromResponse("DELETE", "/api/connections/c1", 422, {
      status: 422,
      message: "connection in use",
      metadata: { used_by: [{ type: "bulk_sync", name: "nightly", id: "b1" }] },
    });
    expect(err.metadata).toEqual({ used_by: [{ type: "bulk_sync", name: "nightly", id: "b1" }] });
  });

  it("reads the 401 shape {code, error, status, context}", () => {
    const err = errorFromResponse("GET", "/api/me", 401, {
      code: 401,
      error: "invalid api key",
      status: "Unauthorized",
      context: { request_id: "r1" },
    });
    expect(err).toMatchObject({ code: "unauthorized", status: 401, apiMessage: "invalid api key" });
    expect(err.metadata).toEqual({ request_id: "r1" });
    expect(err.message).toBe("GET /api/me -> 401 unauthorized: invalid api key");
  });

  it("handles non-JSON and empty bodies", () => {
    const html = `<html><body>${"Bad gateway ".repeat(100)}</body></html>`;
    const gateway = errorFromResponse("GET", "/api/x", 502, html);
    expect(gateway.apiMessage?.length).toBe(300);
    expect(gateway.message.startsWith("GET /api/x -> 502 server: <html><body>Bad gateway")).toBe(true);
    expect(errorFromResponse("GET", "/api/x", 503, "").message).toBe("GET /api/x -> 503 server");
    expect(errorFromResponse("GET", "/api/x", 503, undefined).apiMessage).toBeUndefined();
    expect(errorFromResponse("GET", "/api/x", 500, [1, 2]).message).toBe("GET /api/x -> 500 server");
    expect(errorFromResponse("GET", "/api/x", 400, { message: 42 }).apiMessage).toBeUndefined();
  });
});

describe("errorFromTransport", () => {
  const ctx = { method: "GET", path: "/api/me", origin: "http://127.0.0.1:9" };
  const coded = (code: string) => Object.assign(new Error(`raw ${code}`), { code });
  it.each([
    ["UND_ERR_CONNECT_TIMEOUT", "timeout"],
    ["UND_ERR_HEADERS_TIMEOUT", "timeout"],
    ["UND_ERR_BODY_TIMEOUT", "timeout"],
    ["ETIMEDOUT", "timeout"],
    ["UND_ERR_SOCKET", "connection"],
    ["ECONNREFUSED", "connection"],
    ["ECONNRESET", "connection"],
    ["ENOTFOUND", "connection"],
    ["EPIPE", "connection"],
    ["UND_ERR_ABORTED", "connection"],
    ["SOMETHING_ELSE", "connection"],
  ] as const)("maps %s to %s, keeping the cause", (code, kind) => {
    const cause = coded(code);
    const err = errorFromTransport(cause, ctx);
    expect(err).toMatchObject({ code: kind, method: "GET", path: "/api/me" });
    expect(err.status).toBeUndefined();
    expect(err.cause).toBe(cause);
    expect(err.message).toMatch(new RegExp(`^GET /api/me -> ${kind}: .+ \\(${code}\\)$`));
  });

  it("names the origin when the connection is refused", () => {
    expect(errorFromTransport(coded("ECONNREFUSED"), ctx).message).toContain("http://127.0.0.1:9");
  });

  it("reports aborts by why they happened", () => {
    const abort = new DOMException("aborted", "AbortError");
    expect(transportCode(abort)).toBe("AbortError");
    expect(errorFromTransport(abort, { ...ctx, aborted: "deadline", deadlineMs: 500 })).toMatchObject({
      code: "timeout",
      message: expect.stringContaining("within 500 ms"),
    });
    expect(errorFromTransport(abort, { ...ctx, aborted: "caller" }).message).toContain(
      "aborted by its caller",
    );
    expect(transportCode("weird")).toBe("UNKNOWN");
    expect(transportCode(new Error("plain"))).toBe("UNKNOWN");
  });
});

describe("the brand", () => {
  it("recognises errors from another copy of the module", async () => {
    vi.resetModules();
    const copy: typeof import("../../../provider/client/errors") = await import(
      "../../../provider/client/errors.js"
    );
    expect(copy.PolytomicError).not.toBe(PolytomicError);
    const foreign = new copy.PolytomicError("from the other copy", { code: "not_found" });
    expect(foreign instanceof PolytomicError).toBe(true);
    expect(isPolytomicError(foreign)).toBe(true);
    expect(copy.isPolytomicError(new PolytomicError("x", { code: "server" }))).toBe(true);
  });

  it("rejects lookalikes", () => {
    expect(isPolytomicError(new Error("x"))).toBe(false);
    expect(isPolytomicError({ code: "server", message: "x" })).toBe(false);
    expect(isPolytomicError(null)).toBe(false);
    expect(isPolytomicError("PolytomicError")).toBe(false);
    expect(new Error("x") instanceof PolytomicError).toBe(false);
  });
});

describe("withAttempts", () => {
  it("records attempts, says how many in the message, and keeps everything else", () => {
    const cause = new Error("socket");
    const err = new PolytomicError("GET /x -> 503 server", {
      code: "server",
      status: 503,
      method: "GET",
      path: "/x",
      metadata: { a: 1 },
      cause,
    });
    const after = withAttempts(err, 4);
    expect(after).toMatchObject({ code: "server", status: 503, attempts: 4, metadata: { a: 1 } });
    expect(after.message).toBe("GET /x -> 503 server (after 4 attempts)");
    expect(after.cause).toBe(cause);
    expect(withAttempts(err, 1).message).toBe("GET /x -> 503 server");
  });
});

describe("no secret in any rendering of an error", () => {
  it("from an API error that echoes the key and credentials", () => {
    const body = {
      status: 422,
      message: `invalid configuration for key ${API_KEY}: password=hunter2 rejected by postgres://admin:s3cr3t@db:5432/app`,
      key: "connection.invalid",
      metadata: {
        configuration: {
          host: "db",
          password: "hunter2",
          api_key: API_KEY,
          service_account: JSON.stringify({
            type: "service_account",
            private_key: "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----",
          }),
          nested: { oauth_refresh_token: "rt-abcdef", list: [{ clientSecret: "cs-123456" }] },
        },
        headers: { Authorization: `Bearer ${API_KEY}` },
        note: `sent Authorization: Bearer ${API_KEY}`,
      },
    };
    const err = withAttempts(
      errorFromResponse("PUT", "/api/connections/c1", 422, body, { secrets: [API_KEY] }),
      2,
    );
    for (const text of renderings(err)) {
      for (const secret of [API_KEY, "hunter2", "s3cr3t", "MIIE", "rt-abcdef", "cs-123456"]) {
        expect(text).not.toContain(secret);
      }
    }
    expect(err.apiMessage).toContain("postgres://[redacted]@db:5432/app");
    expect((err.metadata as { configuration: { host: string } }).configuration.host).toBe("db");
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({ code: "validation", status: 422, attempts: 2 });
  });

  it("from a transport error", () => {
    const err = errorFromTransport(
      Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      {
        method: "POST",
        path: "/api/connections",
        origin: "https://app.polytomic.com",
      },
    );
    expect(JSON.parse(JSON.stringify(err)).cause).toEqual({
      name: "Error",
      code: "ECONNREFUSED",
      message: "connect ECONNREFUSED",
    });
  });
});
