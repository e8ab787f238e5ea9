/**
 * Preview warnings (provider/internal/diagnostics.ts): outside the dynamic provider host a warning is
 * one stderr line and never throws; a ModelSync whose mode creates records and whose mappings leave out
 * a field the target object marks required gets a warning naming the resource, the object and the
 * field, and passes its check (the API accepts such a sync; the target refuses the records at run time).
 */
import { createRequire } from "node:module";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type Emulator, startEmulator } from "../../emulator";
import { configureProvider, resetRuntime } from "../../provider/client/runtime";
import { UNKNOWN } from "../../provider/internal/check";
import {
  engineAddress,
  resetDiagnostics,
  setDiagnosticSink,
  warn,
} from "../../provider/internal/diagnostics";
import { modelSyncProvider } from "../../provider/resources/modelSync";
import type { ModelSyncInputs } from "../../provider/resources/modelSyncWire";
import { data, rawClient } from "../contract/http";

describe("warn outside the dynamic provider host", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("recognises the host by its script and an address, and nothing else", () => {
    const host = "/x/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";
    expect(engineAddress(["node", host, "127.0.0.1:41234"])).toBe("127.0.0.1:41234");
    expect(engineAddress(["node", "/x/node_modules/@pulumi/pulumi/cmd/dynamic-provider", "[::1]:9"])).toBe(
      "[::1]:9",
    );
    expect(engineAddress(["node", host])).toBeUndefined();
    expect(engineAddress(["node", host, "--flag"])).toBeUndefined();
    expect(engineAddress(["node", "/x/vitest.mjs", "127.0.0.1:41234"])).toBeUndefined();
    expect(engineAddress(process.argv)).toBeUndefined();
  });

  it("writes one warning line on stderr", async () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    await warn("urn:pulumi:dev::p::t::n", 'ModelSync "n": Contact field LastName is not mapped');
    expect(write).toHaveBeenCalledTimes(1);
    expect(write.mock.calls[0]?.[0]).toBe('warning: ModelSync "n": Contact field LastName is not mapped\n');
  });

  it("never throws, not even when stderr does", async () => {
    vi.spyOn(process.stderr, "write").mockImplementation(() => {
      throw new Error("stderr closed");
    });
    await expect(warn("urn", "message")).resolves.toBeUndefined();
  });

  it("falls back to stderr when the sink throws, and redacts credentials", async () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const previous = setDiagnosticSink(() => {
      throw new Error("sink broken");
    });
    try {
      await warn("urn", "connect with password=hunter22 and Bearer abcdef123456");
    } finally {
      setDiagnosticSink(previous);
    }
    const line = String(write.mock.calls[0]?.[0]);
    expect(line).toMatch(/^warning: /);
    expect(line).not.toContain("hunter22");
    expect(line).not.toContain("abcdef123456");
  });
});

describe("warn inside the dynamic provider host", () => {
  // The host's script, from which diagnostics.ts loads grpc-js and the Engine stubs, as in the host.
  const hostScript = createRequire(__filename).resolve("@pulumi/pulumi/cmd/dynamic-provider");
  const fromHost = createRequire(hostScript);
  const grpc = fromHost("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
  const rpc = fromHost("../../proto/engine_grpc_pb");
  const emptyProto = fromHost("google-protobuf/google/protobuf/empty_pb");
  const argv = process.argv;

  // The directory form (as `node .../cmd/dynamic-provider` would give it); the engine test runs the
  // host as Pulumi starts it, with the script's file.
  const asHost = (address: string) => {
    process.argv = [argv[0] ?? "node", hostScript.replace(/[\\/]index\.js$/, ""), address];
  };
  afterEach(() => {
    process.argv = argv;
    resetDiagnostics();
    vi.restoreAllMocks();
  });

  it("sends Engine.Log with severity WARNING and the resource's URN, over one reused client", async () => {
    interface Logged {
      severity: number;
      message: string;
      urn: string;
      ephemeral: boolean;
    }
    const logged: Logged[] = [];
    const peers = new Set<string>();
    const server = new grpc.Server();
    server.addService(rpc.EngineService, {
      log(
        call: {
          getPeer(): string;
          request: {
            getSeverity(): number;
            getMessage(): string;
            getUrn(): string;
            getEphemeral(): boolean;
          };
        },
        callback: (err: null, value: unknown) => void,
      ) {
        peers.add(call.getPeer());
        const r = call.request;
        logged.push({
          severity: r.getSeverity(),
          message: r.getMessage(),
          urn: r.getUrn(),
          ephemeral: r.getEphemeral(),
        });
        callback(null, new emptyProto.Empty());
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
        err ? reject(err) : resolve(p),
      ),
    );
    const write = vi.spyOn(process.stderr, "write");
    try {
      asHost(`127.0.0.1:${port}`);
      const urn = "urn:pulumi:dev::p::pulumi-nodejs:dynamic/polytomic:ModelSync::contacts";
      await warn(urn, "first");
      await warn("not a urn", "second");
      expect(logged).toEqual([
        { severity: 2, message: "first", urn, ephemeral: false },
        { severity: 2, message: "second", urn: "", ephemeral: false },
      ]);
      expect(peers.size).toBe(1);
      expect(write).not.toHaveBeenCalled();
    } finally {
      server.forceShutdown();
    }
  });

  it("falls back to stderr when the engine cannot be reached", async () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    asHost("127.0.0.1:1");
    await expect(warn("urn:pulumi:dev::p::t::n", "unreachable")).resolves.toBeUndefined();
    expect(write.mock.calls.map((c) => c[0])).toEqual(["warning: unreachable\n"]);
  });

  it("falls back to stderr when the host's stubs cannot be loaded", async () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    process.argv = [
      "node",
      "/nowhere/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js",
      "127.0.0.1:9",
    ];
    await warn("urn", "no stubs");
    expect(write.mock.calls.map((c) => c[0])).toEqual(["warning: no stubs\n"]);
  });
});

describe("ModelSync check: required target fields", () => {
  let emu: Emulator;
  let salesforce: string;
  let warehouse: string;
  let users: string;
  const warnings: { urn: string; message: string }[] = [];
  const call = rawClient(() => emu);

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, schemaCacheDelayMs: 0 });
    await resetRuntime();
    const values: Record<string, string> = { "polytomic:apiKey": emu.apiKey, "polytomic:baseUrl": emu.url };
    configureProvider({ get: (key) => values[key] });
    const connection = async (name: string, type: string, configuration: Record<string, unknown>) =>
      String(data(await call("POST", "/api/connections", { name, type, configuration })).id);
    salesforce = await connection("crm", "salesforce", {
      domain: "crm.my.salesforce.com",
      connect_mode: "api",
      client_id: "sf-client-id",
      client_secret: "sf-client-secret",
    });
    warehouse = await connection("warehouse", "postgresql", {
      hostname: "db.internal",
      username: "reader",
      password: "pg-password",
      database: "app",
    });
    // A model that exists, as the API refuses a sync reading one that does not; the catalogue's
    // public.users has id, email, first_name, last_name and created_at.
    const model = { name: "users", connection_id: warehouse, configuration: { table: "public.users" } };
    users = String(data(await call("POST", "/api/models", model)).id);
  });
  afterAll(async () => {
    await resetRuntime();
    await emu?.close();
  });
  let previous: ReturnType<typeof setDiagnosticSink>;
  beforeEach(() => {
    warnings.length = 0;
    previous = setDiagnosticSink((urn, message) => warnings.push({ urn, message }));
  });
  afterEach(() => {
    setDiagnosticSink(previous);
  });

  const resourceUrn = "urn:pulumi:dev::p::pulumi-nodejs:dynamic/polytomic:ModelSync::contacts";
  const ref = (field: string) => ({ modelId: users, field });
  const sync = (over: Partial<ModelSyncInputs> = {}): ModelSyncInputs => ({
    resourceUrn,
    name: "contacts",
    mode: "updateOrCreate",
    schedule: { frequency: "daily", hour: "2", minute: "0" },
    target: { connectionId: salesforce, object: "Contact" },
    targetConnectionId: salesforce,
    identity: { source: ref("email"), target: "Email" },
    fields: [{ source: ref("first_name"), target: "FirstName" }],
    ...over,
  });
  // Checked as a new sync is: inputs the engine already applied (olds equal to news) are not checked
  // against the API again.
  const check = async (inputs: ModelSyncInputs) => {
    const result = await modelSyncProvider.check?.({} as ModelSyncInputs, inputs);
    return result?.failures ?? [];
  };

  it("warns about LastName on Contact in mode updateOrCreate, naming resource, object and field; no failure", async () => {
    expect(await check(sync())).toEqual([]);
    expect(warnings).toEqual([
      {
        urn: resourceUrn,
        message: expect.stringMatching(
          /^ModelSync "contacts": Contact field LastName is required .*not mapped/,
        ),
      },
    ]);
  });

  it("warns in mode create too, once per missing field", async () => {
    const lead = sync({
      mode: "create",
      identity: undefined,
      target: { connectionId: salesforce, object: "Lead" },
    });
    expect(await check(lead)).toEqual([]);
    expect(warnings.map((w) => w.message.split(" is required")[0])).toEqual([
      'ModelSync "contacts": Lead field LastName',
      'ModelSync "contacts": Lead field Company',
      'ModelSync "contacts": Lead field Status',
    ]);
  });

  it("is satisfied by a mapping, an override field or the identity", async () => {
    await check(sync({ fields: [{ source: ref("last_name"), target: "LastName" }] }));
    await check(sync({ overrideFields: [{ target: "LastName", value: "Unknown" }] }));
    await check(sync({ identity: { source: ref("last_name"), target: "LastName" } }));
    expect(warnings).toEqual([]);
  });

  it("is silent while a target is unknown, but not while only a source model is", async () => {
    await check(sync({ fields: [{ source: ref("last_name"), target: UNKNOWN }] }));
    await check(sync({ fields: UNKNOWN as unknown as ModelSyncInputs["fields"] }));
    expect(warnings).toEqual([]);
    await check(
      sync({ fields: [{ source: { modelId: UNKNOWN, field: "first_name" }, target: "FirstName" }] }),
    );
    expect(warnings).toHaveLength(1);
  });

  it("is silent for modes that create nothing and for targets without required fields", async () => {
    await check(sync({ mode: "update" }));
    const table = sync({
      mode: "updateOrCreate",
      target: { connectionId: warehouse, object: "public.users" },
      targetConnectionId: warehouse,
      identity: { source: ref("email"), target: "email" },
      fields: [{ source: ref("first_name"), target: "first_name" }],
    });
    expect(await check(table)).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it("says nothing about a sync that fails its check", async () => {
    const failures = await check(sync({ fields: [{ source: ref("x"), target: "NoSuchField" }] }));
    expect(failures.map((f) => f.property)).toEqual(["fields"]);
    expect(failures[0]?.reason).toMatch(/: fields\[0\]\.target /);
    expect(warnings).toEqual([]);
  });
});
