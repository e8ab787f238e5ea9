/**
 * What preview says when check cannot ask the API, or the API would refuse the create (issue 14, item
 * 3): a refused API key fails check with how to set the key (never the key); an unreachable API is said
 * in a warning naming what was not checked, and check still passes; a name another connection of the
 * organization already has fails check, naming that connection and both remedies, while the resource's
 * own connection never counts.
 */
import * as net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { configureProvider, resetRuntime } from "../../provider/client/runtime";
import { setDiagnosticSink } from "../../provider/internal/diagnostics";
import { type BulkSyncInputs, bulkSyncProvider } from "../../provider/resources/bulkSync";
import {
  type ConnectionInputs,
  type ConnectionOutputs,
  connectionProvider,
} from "../../provider/resources/connection";
import { type ModelInputs, modelProvider } from "../../provider/resources/model";
import { modelSyncProvider } from "../../provider/resources/modelSync";
import type { ModelSyncInputs } from "../../provider/resources/modelSyncWire";
import { providerOnEmulator, stopProviderOnEmulator } from "./providerOnEmulator";

let emu: Emulator;
beforeAll(async () => {
  emu = await providerOnEmulator();
});
afterAll(async () => {
  await stopProviderOnEmulator(emu);
});
afterEach(async () => {
  setDiagnosticSink(undefined);
  // Back to the emulator with its own key, caches emptied.
  await resetRuntime();
  configureProvider({
    get: (key) => ({ "polytomic:apiKey": emu.apiKey, "polytomic:baseUrl": emu.url })[key],
  });
});

const stripe = (name: string, over: Partial<ConnectionInputs> = {}): ConnectionInputs => ({
  resourceUrn: `urn:pulumi:dev::p::pulumi-nodejs:dynamic/polytomic:Connection::${name}`,
  name,
  type: "stripe",
  configuration: { api_key: "sk_test_preview" },
  ...over,
});

/** A Connection's check, with the warnings it gave. */
async function check(olds: Partial<ConnectionOutputs>, news: ConnectionInputs) {
  const warned: string[] = [];
  const previous = setDiagnosticSink((urn, message, severity) => {
    warned.push(message);
    previous?.(urn, message, severity);
  });
  try {
    const result = await connectionProvider.check?.(olds as ConnectionInputs, news);
    if (!result) throw new Error("no check result");
    return { ...result, warned };
  } finally {
    setDiagnosticSink(previous);
  }
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("Connection check against the API", () => {
  it("fails once, on type, when the API refuses the key, saying how to set it and never the key", async () => {
    const wrong = "emu_this-key-is-wrong-0123456789";
    await resetRuntime();
    configureProvider({ get: (key) => ({ "polytomic:apiKey": wrong, "polytomic:baseUrl": emu.url })[key] });
    const result = await check({}, stripe("refused"));
    expect(result.failures).toHaveLength(1);
    const failure = result.failures?.[0];
    expect(failure?.property).toBe("type");
    expect(failure?.reason).toMatch(/^Connection "refused": type .*refused the API key \(401/);
    expect(failure?.reason).toContain("polytomic:apiKey");
    expect(failure?.reason).toContain("POLYTOMIC_API_KEY");
    expect(failure?.reason).not.toContain(wrong);
  });

  it("passes with a warning naming what was not checked when the API is unreachable", async () => {
    const port = await closedPort();
    await resetRuntime({ maxRetries: 0, connectTimeoutMs: 2_000, operationTimeoutMs: 5_000 });
    configureProvider({
      get: (key) =>
        ({ "polytomic:apiKey": emu.apiKey, "polytomic:baseUrl": `http://127.0.0.1:${port}` })[key],
    });
    const warnings: { urn: string; message: string }[] = [];
    setDiagnosticSink((urn, message) => warnings.push({ urn, message }));
    const inputs = stripe("offline");
    const result = await check({}, inputs);
    expect(result.failures ?? []).toEqual([]);
    expect(result.inputs).toEqual(inputs);
    expect(warnings.map((w) => w.urn)).toContain(inputs.resourceUrn);
    expect(warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /^Connection "offline": configuration not checked against the API \(unreachable: .+\)$/,
      ),
    );
    expect(warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /^Connection "offline": name "offline" not checked against the API \(unreachable: /,
      ),
    );
  });

  it("warns of a create whose name another connection has, naming it and both remedies", async () => {
    const first = await connectionProvider.create?.(stripe("taken"));
    if (!first) throw new Error("no create result");
    // A second stack of the same program: the same resource, nothing in its state.
    const result = await check(
      {},
      stripe("taken", {
        resourceUrn: "urn:pulumi:prod::p::pulumi-nodejs:dynamic/polytomic:Connection::taken",
      }),
    );
    // A warning, not a failure: after an up killed mid-create, the name is this resource's own, and
    // the create's idempotency key answers that connection back.
    expect(result.failures ?? []).toEqual([]);
    expect(result.warned).toEqual([
      `Connection "taken": name "taken" is already used by connection ${first.id} in this organization, ` +
        "so a create will fail unless that connection is this resource's own from an interrupted up; set a " +
        `different name, or adoptId: "${first.id}" to manage that one`,
    ]);
    // A rename onto it is warned of too; adopting it is not.
    const other = await connectionProvider.create?.(stripe("elsewhere"));
    const renamed = await check({ ...stripe("elsewhere"), connectionId: other?.id }, stripe("taken"));
    expect(renamed.warned).toHaveLength(1);
    expect((await check({}, stripe("taken", { adoptId: first.id }))).warned).toEqual([]);
  });

  it("never flags the resource's own connection: unchanged preview, refresh, rename back", async () => {
    const inputs = stripe("mine");
    const created = await connectionProvider.create?.(inputs);
    if (!created) throw new Error("no create result");
    const outs = created.outs as ConnectionOutputs;
    // The name is checked (another resource may not take it) ...
    expect(
      (await check({}, stripe("mine", { resourceUrn: "urn:pulumi:prod::p::x::mine" }))).warned,
    ).toHaveLength(1);
    // ... but never against the connection that holds it for this resource.
    // An unchanged preview: olds are the inputs the state holds.
    expect((await check(inputs, inputs)).warned).toEqual([]);
    // After a refresh: olds are what read returned.
    const read = await connectionProvider.read?.(created.id, outs);
    expect((await check(read?.inputs as ConnectionOutputs, inputs)).warned).toEqual([]);
    // Olds that carry the id (outputs).
    expect((await check(outs, { ...inputs, configuration: { api_key: "sk_test_other" } })).warned).toEqual(
      [],
    );
  });

  it("does not count a connection deleted or renamed since the list was read", async () => {
    const gone = await connectionProvider.create?.(stripe("gone"));
    const moved = await connectionProvider.create?.(stripe("moved"));
    if (!gone || !moved) throw new Error("no create result");
    const elsewhere = (name: string) => stripe(name, { resourceUrn: `urn:pulumi:prod::p::x::${name}` });
    // The list is read (and kept) while both exist.
    expect((await check({}, elsewhere("gone"))).warned).toHaveLength(1);
    expect((await check({}, elsewhere("moved"))).warned).toHaveLength(1);
    await connectionProvider.delete?.(gone.id, gone.outs as ConnectionOutputs);
    await connectionProvider.update?.(
      moved.id,
      moved.outs as ConnectionOutputs,
      stripe("moved", { name: "moved-away" }),
    );
    expect((await check({}, elsewhere("gone"))).warned).toEqual([]);
    expect((await check({}, elsewhere("moved"))).warned).toEqual([]);
  });

  it("adds at most one GET /api/connections per provider process", async () => {
    await resetRuntime();
    configureProvider({
      get: (key) => ({ "polytomic:apiKey": emu.apiKey, "polytomic:baseUrl": emu.url })[key],
    });
    const lists = () =>
      emu.requestLog.filter((r) => r.method === "GET" && r.path === "/api/connections").length;
    const before = lists();
    for (const name of ["fresh-1", "fresh-2", "fresh-3"])
      expect((await check({}, stripe(name))).failures ?? []).toEqual([]);
    expect(lists() - before).toBe(1);
  });
});

const urnOf = (type: string, name: string) =>
  `urn:pulumi:dev::p::pulumi-nodejs:dynamic/polytomic:${type}::${name}`;
const model: ModelInputs = {
  resourceUrn: urnOf("Model", "users"),
  name: "users",
  connectionId: "pg",
  configuration: { table: "public.users" },
};
const modelSync: ModelSyncInputs = {
  resourceUrn: urnOf("ModelSync", "contacts"),
  name: "contacts",
  mode: "updateOrCreate",
  schedule: { frequency: "daily", hour: "2", minute: "0" },
  target: { connectionId: "sf", object: "Contact" },
  targetConnectionId: "sf",
  identity: { source: { modelId: "m1", field: "email" }, target: "Email" },
  fields: [{ source: { modelId: "m1", field: "last_name" }, target: "LastName" }],
};
const bulkSync: BulkSyncInputs = {
  resourceUrn: urnOf("BulkSync", "nightly"),
  name: "nightly",
  sourceConnectionId: "src",
  destinationConnectionId: "dst",
  schedule: { frequency: "daily", hour: "2", minute: "0" },
  destinationConfiguration: { schema: "RAW" },
  schemas: ["public.users"],
};

describe("Model, ModelSync and BulkSync checks against the API", () => {
  it("fail once when the API refuses the key, saying how to set it", async () => {
    await resetRuntime();
    configureProvider({
      get: (key) => ({ "polytomic:apiKey": "emu_wrong-key-0123456789", "polytomic:baseUrl": emu.url })[key],
    });
    const results = [
      await modelProvider.check?.({} as ModelInputs, model),
      await modelSyncProvider.check?.({} as ModelSyncInputs, modelSync),
      await bulkSyncProvider.check?.({} as BulkSyncInputs, bulkSync),
    ];
    const reasons = results.map((r) => (r?.failures ?? []).map((f) => f.reason));
    for (const [i, kind] of ["Model", "ModelSync", "BulkSync"].entries()) {
      expect(reasons[i]).toHaveLength(1);
      expect(reasons[i]?.[0]).toMatch(
        new RegExp(`^${kind} ".+refused the API key \\(401.*polytomic:apiKey.*POLYTOMIC_API_KEY`),
      );
    }
  });

  it("pass with a warning naming what was not checked when the API is unreachable", async () => {
    const port = await closedPort();
    await resetRuntime({ maxRetries: 0, connectTimeoutMs: 2_000, operationTimeoutMs: 5_000 });
    configureProvider({
      get: (key) =>
        ({ "polytomic:apiKey": emu.apiKey, "polytomic:baseUrl": `http://127.0.0.1:${port}` })[key],
    });
    const warnings: string[] = [];
    setDiagnosticSink((_urn, message) => warnings.push(message));
    expect((await modelProvider.check?.({} as ModelInputs, model))?.failures ?? []).toEqual([]);
    expect((await modelSyncProvider.check?.({} as ModelSyncInputs, modelSync))?.failures ?? []).toEqual([]);
    expect((await bulkSyncProvider.check?.({} as BulkSyncInputs, bulkSync))?.failures ?? []).toEqual([]);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^Model "users": configuration and fields not checked against the API \(unreachable: /,
      ),
      expect.stringMatching(
        /^ModelSync "contacts": target object, mode and fields not checked against the API \(unreachable: /,
      ),
      expect.stringMatching(/^BulkSync "nightly": schemas not checked against the API \(unreachable: /),
    ]);
  });
});
