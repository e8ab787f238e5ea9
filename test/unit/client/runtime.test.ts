/**
 * Per-process state: shared through globalThis by every copy of the module (as each deserialized
 * provider has), settings from configure over the environment, one client per settings, and one
 * concurrency limit for all of them.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isPolytomicError } from "../../../provider/client/errors";
import * as runtime from "../../../provider/client/runtime";
import type { ConfigSource } from "../../../provider/config";
import { json, type Loopback, startLoopback } from "./loopback";

type Runtime = typeof runtime;
const RUNTIME_KEY = Symbol.for("pulumi-polytomic.runtime");
const ENV_NAMES = [
  "POLYTOMIC_API_KEY",
  "POLYTOMIC_BASE_URL",
  "POLYTOMIC_API_VERSION",
  "POLYTOMIC_ORGANIZATION_ID",
  "POLYTOMIC_MAX_CONCURRENCY",
];

const config = (values: Record<string, string>): ConfigSource => ({ get: (key) => values[key] });

/** A second, independent copy of the runtime module and everything it imports. */
async function freshCopy(): Promise<Runtime> {
  vi.resetModules();
  return (await import("../../../provider/client/runtime.js")) as Runtime;
}

let saved: Record<string, string | undefined>;
let server: Loopback | undefined;

beforeEach(async () => {
  saved = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
  for (const name of ENV_NAMES) delete process.env[name];
  await runtime.resetRuntime();
});
afterEach(async () => {
  await runtime.resetRuntime();
  await server?.close();
  server = undefined;
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("settings", () => {
  it("come from the environment until a provider is configured, then from its config", () => {
    process.env.POLYTOMIC_API_KEY = "env-key";
    process.env.POLYTOMIC_BASE_URL = "http://127.0.0.1:1";
    expect(runtime.getClient().settings).toMatchObject({ apiKey: "env-key", baseUrl: "http://127.0.0.1:1" });
    runtime.configureProvider(config({ "polytomic:apiKey": "config-key" }));
    expect(runtime.getClient().settings).toMatchObject({
      apiKey: "config-key",
      baseUrl: "http://127.0.0.1:1",
    });
    runtime.configureProvider(undefined);
    expect(runtime.currentSettings().apiKey).toBe("env-key");
  });

  it("fail with a configuration error when there is no key", () => {
    let caught: unknown;
    try {
      runtime.getClient();
    } catch (err) {
      caught = err;
    }
    expect(isPolytomicError(caught) && caught.code).toBe("configuration");
  });

  it("give one client per distinct settings", () => {
    runtime.configureProvider(config({ "polytomic:apiKey": "key-a" }));
    const a = runtime.getClient();
    expect(runtime.getClient()).toBe(a);
    runtime.configureProvider(config({ "polytomic:apiKey": "key-b" }));
    const b = runtime.getClient();
    expect(b).not.toBe(a);
    runtime.configureProvider(config({ "polytomic:apiKey": "key-a" }));
    expect(runtime.getClient()).toBe(a);
  });
});

describe("state on globalThis", () => {
  it("is shared by every copy of the module", async () => {
    const other = await freshCopy();
    expect(other.getClient).not.toBe(runtime.getClient);
    other.configureProvider(config({ "polytomic:apiKey": "from-the-other-copy" }));
    expect(runtime.currentSettings().apiKey).toBe("from-the-other-copy");
    expect(other.getClient()).toBe(runtime.getClient());
  });

  it("is created on first use, not at load", async () => {
    delete (globalThis as Record<symbol, unknown>)[RUNTIME_KEY];
    const copy = await freshCopy();
    expect((globalThis as Record<symbol, unknown>)[RUNTIME_KEY]).toBeUndefined();
    copy.configureProvider(undefined);
    expect((globalThis as Record<symbol, unknown>)[RUNTIME_KEY]).toBeDefined();
  });

  it("shares caches, loading once and forgetting failures", async () => {
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([runtime.cached("k", load), (await freshCopy()).cached("k", load)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    await expect(runtime.cached("bad", () => Promise.reject(new Error("no")))).rejects.toThrow("no");
    await expect(runtime.cached("bad", async () => "ok")).resolves.toBe("ok");
  });
});

describe("the concurrency limit", () => {
  async function countingServer(): Promise<{ url: string; maxInFlight: () => number }> {
    let inFlight = 0;
    let max = 0;
    server = await startLoopback((_req, res) => {
      inFlight++;
      max = Math.max(max, inFlight);
      setTimeout(() => {
        inFlight--;
        json(res, 200, { data: "ok" });
      }, 40);
    });
    return { url: server.url, maxInFlight: () => max };
  }

  it("holds every client and module copy of the process to POLYTOMIC_MAX_CONCURRENCY", async () => {
    const { url, maxInFlight } = await countingServer();
    process.env.POLYTOMIC_MAX_CONCURRENCY = "2";
    process.env.POLYTOMIC_BASE_URL = url;
    const other = await freshCopy();
    runtime.configureProvider(config({ "polytomic:apiKey": "key-a" }));
    const a = runtime.getClient();
    other.configureProvider(config({ "polytomic:apiKey": "key-b" }));
    const b = other.getClient();
    expect(a).not.toBe(b);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).request("GET", `/api/item/${i}`)),
    );
    expect(results).toHaveLength(8);
    expect(maxInFlight()).toBe(2);
    expect(server?.requests).toHaveLength(8);
    expect(runtime.concurrencyStats()).toEqual({ capacity: 2, running: 0, queued: 0 });
  });

  it("defaults to 8", async () => {
    const { url, maxInFlight } = await countingServer();
    runtime.configureProvider(config({ "polytomic:apiKey": "k", "polytomic:baseUrl": url }));
    const client = runtime.getClient();
    await Promise.all(Array.from({ length: 12 }, () => client.request("GET", "/api/x")));
    expect(maxInFlight()).toBe(8);
  });

  it("counts time spent waiting for a slot against the operation deadline", async () => {
    server = await startLoopback((_req, res) => {
      setTimeout(() => json(res, 200, { data: "slow" }), 600);
    });
    process.env.POLYTOMIC_MAX_CONCURRENCY = "1";
    await runtime.resetRuntime({ operationTimeoutMs: 200 });
    runtime.configureProvider(config({ "polytomic:apiKey": "k", "polytomic:baseUrl": server.url }));
    const client = runtime.getClient();
    const [first, second] = await Promise.allSettled([
      client.request("GET", "/api/first"),
      client.request("GET", "/api/second"),
    ]);
    for (const result of [first, second]) {
      expect(result.status).toBe("rejected");
      const reason = result.status === "rejected" ? (result.reason as unknown) : undefined;
      expect(isPolytomicError(reason) && reason.code).toBe("timeout");
    }
    // The second request never got a slot, so it never reached the server.
    expect(server.requests.map((r) => r.url)).toEqual(["/api/first"]);
    expect(runtime.concurrencyStats()).toEqual({ capacity: 1, running: 0, queued: 0 });
  });

  it("rejects a bad POLYTOMIC_MAX_CONCURRENCY as a configuration error", () => {
    process.env.POLYTOMIC_API_KEY = "k";
    process.env.POLYTOMIC_MAX_CONCURRENCY = "lots";
    expect(() => runtime.getClient()).toThrow(/POLYTOMIC_MAX_CONCURRENCY/);
  });
});

describe("serialization discipline", () => {
  it("no client module imports undici at load time, only types", () => {
    const dir = path.resolve(__dirname, "../../../provider/client");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const source = readFileSync(path.join(dir, file), "utf8");
      for (const line of source.split("\n").filter((l) => /^import\b.*["']undici["']/.test(l))) {
        expect(line, file).toMatch(/^import type\b/);
      }
      // Live handles at module scope would be captured, or fail, when a provider is serialized.
      expect(source, file).not.toMatch(
        /^(export )?(const|let|var)\s+\w+[^=\n]*=\s*new\s+(Agent|Pool|Client|MockAgent)\b/m,
      );
      expect(source, file).not.toMatch(/^(setTimeout|setInterval|setImmediate)\(/m);
    }
  });
});
