/**
 * A ModelSync reading an existing model (its id known at preview) against that model as the API holds
 * it: a field the model lacks is a warning naming the resource, the path, the name and the field
 * meant, not a failure, as no source says the API refuses it (the emulator, which is the examiner,
 * creates such a sync). One GET per model per check; a model the same `up` creates (id unknown) is
 * skipped; an API that cannot be reached is one warning naming what was not checked. A model id or
 * target connection id that names nothing fails check, naming the path and the id: the API refuses
 * such a sync at up (422, polytomic-api.md §4, emulator rule `model-sync.reference-unknown`).
 */
import * as net from "node:net";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { configureProvider, resetRuntime } from "../../provider/client/runtime";
import { UNKNOWN } from "../../provider/internal/check";
import { setDiagnosticSink } from "../../provider/internal/diagnostics";
import { modelProvider } from "../../provider/resources/model";
import { modelSyncProvider } from "../../provider/resources/modelSync";
import type { ModelSyncInputs } from "../../provider/resources/modelSyncWire";
import { providerOnEmulator, stopProviderOnEmulator, warehouseAndCrm } from "./providerOnEmulator";

let emu: Emulator;
const ids = { pg: "", sf: "", users: "" };
const MISSING = "7b0c5f4e-0000-4000-8000-000000000001";
const urn = (kind: string, name: string) =>
  `urn:pulumi:dev::p::pulumi-nodejs:dynamic/polytomic:${kind}::${name}`;

beforeAll(async () => {
  emu = await providerOnEmulator();
  Object.assign(ids, await warehouseAndCrm(emu));
  // The catalogue's public.users: id, email, first_name, last_name, created_at.
  const created = await modelProvider.create?.({
    resourceUrn: urn("Model", "users"),
    name: "users",
    connectionId: ids.pg,
    configuration: { table: "public.users" },
  });
  ids.users = created?.id ?? "";
});
afterAll(async () => {
  await stopProviderOnEmulator(emu);
});
afterEach(() => {
  setDiagnosticSink(undefined);
});

/** A Contact sync reading `users`, with `over` in place of its mappings, identity or filters. */
function sync(over: Partial<ModelSyncInputs> = {}): ModelSyncInputs {
  const ref = (field: string) => ({ modelId: ids.users, field });
  return {
    resourceUrn: urn("ModelSync", "contacts"),
    name: "contacts",
    mode: "updateOrCreate",
    schedule: { frequency: "manual" },
    target: { connectionId: ids.sf, object: "Contact" },
    targetConnectionId: ids.sf,
    identity: { source: ref("email"), target: "Email" },
    fields: [
      { source: ref("first_name"), target: "FirstName" },
      { source: ref("last_name"), target: "LastName" },
    ],
    ...over,
  };
}

/** check as the engine calls it, with the warnings it gave and the model GETs it made. */
async function check(inputs: ModelSyncInputs) {
  const warnings: string[] = [];
  setDiagnosticSink((_urn, message) => warnings.push(message));
  const before = emu.requestLog.length;
  const result = await modelSyncProvider.check?.({} as ModelSyncInputs, inputs);
  const modelGets = emu.requestLog
    .slice(before)
    .filter((e) => e.method === "GET" && e.path.startsWith("/api/models/")).length;
  const properties = (result?.failures ?? []).map((f) => f.property);
  return { failures: (result?.failures ?? []).map((f) => f.reason), properties, warnings, modelGets };
}

it("warns of a mapped field the existing model lacks, naming the path and the field meant, and the API creates the sync", async () => {
  const inputs = sync({
    fields: [
      { source: { modelId: ids.users, field: "first_name" }, target: "FirstName" },
      { source: { modelId: ids.users, field: "lastname" }, target: "LastName" },
    ],
  });
  const { failures, warnings, modelGets } = await check(inputs);
  expect(failures).toEqual([]);
  expect(warnings).toEqual([
    `ModelSync "contacts": fields[1].source.field "lastname" is not a field of model "users" (${ids.users}) ` +
      'as the API holds it now (did you mean "last_name"?) (fields: id, email, first_name, last_name, created_at)',
  ]);
  expect(modelGets).toBe(1); // three references to one model
  // The examiner accepts it: no source says the API refuses a field the model lacks.
  const created = await modelSyncProvider.create?.(inputs);
  expect(created?.id).toMatch(/.+/);
  await modelSyncProvider.delete?.(created?.id ?? "", inputs as never);
});

it("warns of the identity's, a filter's and an override's field too", async () => {
  const { failures, warnings } = await check(
    sync({
      identity: { source: { modelId: ids.users, field: "emial" }, target: "Email" },
      filters: [{ field: { modelId: ids.users, field: "created" }, function: "IsNotNull" }],
      overrides: [
        { field: { modelId: ids.users, field: "Email" }, function: "IsNull", override: "none@example.com" },
      ],
    }),
  );
  expect(failures).toEqual([]);
  expect(warnings).toEqual([
    expect.stringMatching(
      /^ModelSync "contacts": identity\.source\.field "emial" .*\(did you mean "email"\?\)/,
    ),
    expect.stringMatching(
      /^ModelSync "contacts": filters\[0\]\.field\.field "created" is not a field of model "users"/,
    ),
    expect.stringMatching(
      /^ModelSync "contacts": overrides\[0\]\.field\.field "Email" .*\(did you mean "email"\?\)/,
    ),
  ]);
});

it("skips a model the same up creates (id unknown at preview) and says nothing of a field it may have", async () => {
  const { failures, warnings, modelGets } = await check(
    sync({
      identity: { source: { modelId: UNKNOWN, field: "email" }, target: "Email" },
      fields: [{ source: { modelId: UNKNOWN, field: "anything" }, target: "LastName" }],
    }),
  );
  expect({ failures, warnings, modelGets }).toEqual({ failures: [], warnings: [], modelGets: 0 });
});

it("says nothing when every field is the model's, by id or with an override value in place of a source", async () => {
  const { failures, warnings } = await check(
    sync({
      fields: [
        { source: { modelId: ids.users, field: "last_name" }, target: "LastName" },
        { source: { modelId: ids.users, field: "not_read" }, overrideValue: "x", target: "FirstName" },
      ],
    }),
  );
  expect({ failures, warnings }).toEqual({ failures: [], warnings: [] });
});

it("fails a model id no model has, once, on the first path naming it, as the API refuses the sync at up", async () => {
  const inputs = sync({
    identity: { source: { modelId: MISSING, field: "email" }, target: "Email" },
    fields: [
      { source: { modelId: ids.users, field: "first_name" }, target: "FirstName" },
      { source: { modelId: MISSING, field: "last_name" }, target: "LastName" },
    ],
  });
  const { failures, properties, warnings } = await check(inputs);
  expect({ failures, properties, warnings }).toEqual({
    failures: [
      `ModelSync "contacts": fields[1].source.modelId "${MISSING}" is not a model of the organization: ` +
        "the API refuses a sync that reads a model that does not exist",
    ],
    properties: ["fields"],
    warnings: [],
  });
  await expect(modelSyncProvider.create?.(inputs)).rejects.toThrow(/422/);
});

it("fails a filter's model id no model has", async () => {
  const { failures } = await check(
    sync({ filters: [{ field: { modelId: MISSING, field: "email" }, function: "IsNotNull" }] }),
  );
  expect(failures).toEqual([
    expect.stringMatching(
      new RegExp(`^ModelSync "contacts": filters\\[0\\]\\.field\\.modelId "${MISSING}" is not a model `),
    ),
  ]);
});

it("fails a target connection id no connection has, as the API refuses the sync at up", async () => {
  const inputs = sync({ target: { connectionId: MISSING, object: "Contact" }, targetConnectionId: MISSING });
  const { failures, properties } = await check(inputs);
  expect({ failures, properties }).toEqual({
    failures: [
      `ModelSync "contacts": target.connectionId "${MISSING}" is not a connection of the organization: ` +
        "the API refuses a sync to a connection that does not exist",
    ],
    properties: ["target"],
  });
  await expect(modelSyncProvider.create?.(inputs)).rejects.toThrow(/422/);
});

it("warns once, naming what was not checked, when the API cannot be reached", async () => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await resetRuntime({ maxRetries: 0, connectTimeoutMs: 2_000, operationTimeoutMs: 5_000 });
  configureProvider({
    get: (key) => ({ "polytomic:apiKey": emu.apiKey, "polytomic:baseUrl": `http://127.0.0.1:${port}` })[key],
  });
  try {
    // The target connection is created by the same up, so only the model is asked about.
    const { failures, warnings } = await check(
      sync({ target: { connectionId: UNKNOWN, object: "Contact" }, targetConnectionId: UNKNOWN }),
    );
    expect(failures).toEqual([]);
    expect(warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^ModelSync "contacts": fields of model ${ids.users} not checked against the API \\(unreachable: `,
        ),
      ),
    ]);
  } finally {
    await resetRuntime();
    configureProvider({
      get: (key) => ({ "polytomic:apiKey": emu.apiKey, "polytomic:baseUrl": emu.url })[key],
    });
  }
});

it("fails run-after ids that name no sync, as the API refuses the schedule at up; existing ones pass", async () => {
  const first = await modelSyncProvider.create?.(
    sync({ resourceUrn: urn("ModelSync", "first"), name: "first" }),
  );
  const firstId = first?.id ?? "";
  const runAfter = (syncIds: string[], bulkSyncIds: string[]) =>
    sync({ schedule: { frequency: "runafter", runAfter: { syncIds, bulkSyncIds } } });

  const missing = await check(runAfter([firstId, MISSING], [MISSING]));
  expect(missing.properties).toEqual(["schedule", "schedule"]);
  expect(missing.failures[0]).toBe(
    `ModelSync "contacts": schedule.runAfter.syncIds[1] "${MISSING}" is not a model sync of the organization: ` +
      "the API refuses a schedule naming one that does not exist",
  );
  expect(missing.failures[1]).toContain(`"${MISSING}" is not a bulk sync of the organization`);
  // The examiner agrees: the same schedule is refused at create.
  await expect(modelSyncProvider.create?.(runAfter([MISSING], []))).rejects.toThrow(/not found/);

  const existing = await check(runAfter([firstId], []));
  expect(existing.failures).toEqual([]);
  // An id that is an output not known yet is left to the API.
  expect((await check(runAfter([UNKNOWN], []))).failures).toEqual([]);
});

it("fails a dbtcloud schedule whose connection id names no connection; an existing one passes", async () => {
  const dbt = (connectionId: string) =>
    sync({ schedule: { frequency: "dbtcloud", connectionId, jobId: 42 } });
  const missing = await check(dbt(MISSING));
  expect(missing.failures).toEqual([
    `ModelSync "contacts": schedule.connectionId "${MISSING}" is not a connection of the organization: ` +
      "the API refuses a schedule naming one that does not exist",
  ]);
  await expect(modelSyncProvider.create?.(dbt(MISSING))).rejects.toThrow(/not found/);
  expect((await check(dbt(ids.pg))).failures).toEqual([]);
});

it("an unchanged preview asks the API nothing: inputs a check passed and up applied are not checked again", async () => {
  const before = emu.requestLog.length;
  const first = await modelSyncProvider.check?.({} as ModelSyncInputs, sync());
  expect(first?.failures ?? []).toEqual([]);
  const asked = emu.requestLog.length - before;
  expect(asked).toBeGreaterThan(0);
  const applied = first?.inputs as ModelSyncInputs;
  const again = emu.requestLog.length;
  expect((await modelSyncProvider.check?.(applied, sync()))?.failures ?? []).toEqual([]);
  expect(emu.requestLog.slice(again)).toEqual([]);
  // Any change is checked again.
  const changed = sync({ target: { connectionId: ids.sf, object: "Lead" } });
  await modelSyncProvider.check?.(applied, changed);
  expect(emu.requestLog.length).toBeGreaterThan(again);
});
