/**
 * What preview says when check cannot ask the API, or the API would refuse the create (issue 14, item
 * 3): a refused API key fails check with how to set the key (never the key), and so does a provider
 * setting set wrongly (issue "The first hour"), with the setting's own message; an unreachable API, or
 * no API key at all, is said in a warning naming what was not checked, and check still passes; a name
 * another connection of the organization already has is warned of, naming that connection and both
 * remedies, while the resource's own connection never counts.
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

describe("provider settings set wrongly", () => {
  const KEY = "emu_settings-key-must-not-leak-0123456789";
  const settings = (values: Record<string, string>) => async () => {
    await resetRuntime();
    configureProvider({ get: (key) => ({ "polytomic:apiKey": KEY, ...values })[key] });
  };
  /** Each kind's check under the settings in force: its failures and the warnings it gave. */
  async function checkEveryKind() {
    const warnings: string[] = [];
    setDiagnosticSink((_urn, message) => warnings.push(message));
    const before = emu.requestLog.length;
    const failures = [
      await connectionProvider.check?.({} as ConnectionInputs, stripe("warehouse")),
      await modelProvider.check?.({} as ModelInputs, model),
      await modelSyncProvider.check?.({} as ModelSyncInputs, modelSync),
      await bulkSyncProvider.check?.({} as BulkSyncInputs, bulkSync),
    ].map((r) => r?.failures ?? []);
    return { failures, warnings, requests: emu.requestLog.length - before };
  }

  it.each([
    [
      "a plain http:// base URL to another host",
      { "polytomic:baseUrl": "http://polytomic.invalid:8787" },
      /Refusing Polytomic base URL "http:\/\/polytomic\.invalid:8787" from stack config polytomic:baseUrl: .*"polytomic\.invalid:8787".*polytomic:allowCleartextHttp/,
    ],
    [
      "a base URL that is not a URL",
      { "polytomic:baseUrl": "app.polytomic.com" },
      /Invalid Polytomic base URL "app\.polytomic\.com" from stack config polytomic:baseUrl: not a URL/,
    ],
    [
      "an unknown API version",
      { "polytomic:baseUrl": "EMULATOR", "polytomic:apiVersion": "2020-01-01" },
      /Unsupported Polytomic API version "2020-01-01" from stack config polytomic:apiVersion: use one of /,
    ],
    [
      "an allowCleartextHttp that is neither true nor false",
      { "polytomic:baseUrl": "EMULATOR", "polytomic:allowCleartextHttp": "yes" },
      /Invalid polytomic:allowCleartextHttp "yes" from stack config polytomic:allowCleartextHttp: use true or false/,
    ],
  ])(
    "%s fails each kind's check once, with the setting's message and never the key",
    async (_, values, message) => {
      // EMULATOR: settings a request would reach the emulator with, had one been sent.
      await settings(
        Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === "EMULATOR" ? emu.url : v])),
      )();
      const { failures, warnings, requests } = await checkEveryKind();
      const expected = [
        ["Connection", "warehouse", "type"],
        ["Model", "users", "configuration"],
        ["ModelSync", "contacts", "target.object"],
        ["BulkSync", "nightly", "schemas"],
      ];
      for (const [i, [kind, name, path]] of expected.entries()) {
        expect(failures[i]).toHaveLength(1);
        const reason = failures[i]?.[0]?.reason ?? "";
        expect(reason.startsWith(`${kind} "${name}": ${path} could not be checked: `)).toBe(true);
        expect(reason).toMatch(message);
        expect(reason).not.toContain(KEY);
      }
      expect(warnings).toEqual([]);
      expect(requests).toBe(0);
    },
  );

  it("never shows the key, even when it was pasted into the base URL", async () => {
    await settings({ "polytomic:baseUrl": `http://${KEY}.example` })();
    const { failures } = await checkEveryKind();
    const reasons = failures.flat().map((f) => f.reason);
    expect(reasons).toHaveLength(4);
    for (const reason of reasons) {
      expect(reason).toContain("[redacted]");
      expect(reason).not.toContain(KEY);
    }
  });

  it("no API key at all is still a warning, and check passes", async () => {
    const saved = process.env.POLYTOMIC_API_KEY;
    delete process.env.POLYTOMIC_API_KEY;
    try {
      await resetRuntime();
      configureProvider({ get: (key) => ({ "polytomic:baseUrl": emu.url })[key] });
      const { failures, warnings } = await checkEveryKind();
      expect(failures).toEqual([[], [], [], []]);
      expect(warnings.length).toBeGreaterThan(0);
      for (const warning of warnings)
        expect(warning).toMatch(
          / not checked against the API \(unreachable: The Polytomic API key is not set: /,
        );
    } finally {
      if (saved !== undefined) process.env.POLYTOMIC_API_KEY = saved;
    }
  });
});
