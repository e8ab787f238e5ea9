/**
 * Model and ModelSync without the engine: check failures name the resource and the property, unknowns
 * pass, diffs replace only on the connection, and the wire mapping round-trips without spurious drift.
 */
import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../provider/internal/check";
import { type ModelInputs, modelProvider } from "../../provider/resources/model";
import { modelSyncProvider } from "../../provider/resources/modelSync";
import {
  type ApiModelSync,
  fromApiModelSync,
  type ModelSyncInputs,
  toApiModelSync,
} from "../../provider/resources/modelSyncWire";

const urn = (type: string, name: string) =>
  `urn:pulumi:dev::proj::pulumi-nodejs:dynamic/polytomic:${type}::${name}`;
const model = (over: Partial<ModelInputs> = {}): ModelInputs => ({
  resourceUrn: urn("Model", "users"),
  name: "users",
  connectionId: "pg",
  configuration: { table: "public.users" },
  ...over,
});
const ref = (field: string) => ({ modelId: "m1", field });
const sync = (over: Partial<ModelSyncInputs> = {}): ModelSyncInputs => ({
  resourceUrn: urn("ModelSync", "contacts"),
  name: "contacts",
  mode: "updateOrCreate",
  schedule: { frequency: "daily", hour: "2", minute: "0" },
  target: { connectionId: "sf", object: "Contact" },
  targetConnectionId: "sf",
  identity: { source: ref("email"), target: "Email" },
  fields: [{ source: ref("last_name"), target: "LastName" }],
  ...over,
});

async function modelFailures(inputs: ModelInputs): Promise<string[]> {
  const result = await modelProvider.check?.(inputs, inputs);
  return (result?.failures ?? []).map((f) => `${f.property}|${f.reason}`);
}
async function syncFailures(inputs: ModelSyncInputs): Promise<string[]> {
  const result = await modelSyncProvider.check?.(inputs, inputs);
  return (result?.failures ?? []).map((f) => `${f.property}|${f.reason}`);
}

describe("Model check", () => {
  it("accepts valid models and unknowns", async () => {
    expect(await modelFailures(model())).toEqual([]);
    expect(
      await modelFailures(model({ configuration: { database: "example", collection: "users" } })),
    ).toEqual([]);
    expect(await modelFailures(model({ connectionId: UNKNOWN, configuration: { query: UNKNOWN } }))).toEqual(
      [],
    );
  });
  it.each<[string, Partial<ModelInputs>, string]>([
    ["empty configuration", { configuration: {} }, "configuration"],
    ["query and table", { configuration: { query: "select 1", table: "t" } }, "configuration"],
    ["database without collection", { configuration: { database: "example" } }, "configuration.collection"],
    [
      "model_from enum",
      { configuration: { model_from: "folder", key: "a.csv" } },
      "configuration.model_from",
    ],
    ["key required", { configuration: { model_from: "single_file" } }, "configuration.key"],
    ["empty field list", { fields: [] }, "fields"],
    ["duplicate field", { fields: ["email", "email"] }, "fields"],
    ["identifier outside fields", { fields: ["email"], identifier: "id" }, "identifier"],
    [
      "relation without target",
      { relations: [{ from: "id", to: { modelId: "", field: "x" } }] },
      "relations[0].to.modelId",
    ],
  ])("%s → failure on %s", async (_case, over, property) => {
    const failures = await modelFailures(model(over));
    expect(failures.length).toBeGreaterThan(0);
    const [prop, reason] = (failures[0] ?? "").split("|");
    expect(prop).toBe(property);
    expect(reason).toMatch(new RegExp(`^Model "users": ${property.replaceAll(/[.[\]]/g, "\\$&")} `));
  });
  it("replaces only when the connection changes", async () => {
    const olds = { ...model(), modelId: "m1", fieldIds: [], sourceType: "table" };
    expect((await modelProvider.diff?.("m1", olds, model({ name: "renamed" })))?.replaces).toEqual([]);
    expect((await modelProvider.diff?.("m1", olds, model({ connectionId: "pg2" })))?.replaces).toEqual([
      "connectionId",
    ]);
  });
});

describe("ModelSync check", () => {
  it("accepts a valid sync and unknowns", async () => {
    expect(await syncFailures(sync())).toEqual([]);
    expect(
      await syncFailures(
        sync({ fields: [{ source: { modelId: UNKNOWN, field: "x" }, target: "LastName" }] }),
      ),
    ).toEqual([]);
  });
  it.each<[string, Partial<ModelSyncInputs>, string]>([
    ["mode enum", { mode: "upsert" }, "mode"],
    ["identity required by the mode", { identity: undefined }, "identity"],
    [
      "identity function enum",
      { identity: { source: ref("email"), target: "Email", function: "Fuzzy" } },
      "identity.function",
    ],
    ["no fields", { fields: [] }, "fields"],
    ["mapping without source", { fields: [{ target: "LastName" }] }, "fields[0].source"],
    [
      "target mapped twice",
      {
        fields: [{ source: ref("a"), target: "LastName" }],
        overrideFields: [{ target: "LastName", value: "x" }],
      },
      "overrideFields[0].target",
    ],
    ["frequency enum", { schedule: { frequency: "fortnightly" } }, "schedule.frequency"],
    [
      "cron field",
      {
        schedule: {
          frequency: "custom",
          minute: "*/0",
          hour: "*",
          dayOfMonth: "*",
          month: "*",
          dayOfWeek: "*",
        },
      },
      "schedule.minute",
    ],
    [
      "custom needs every part",
      { schedule: { frequency: "custom", minute: "0", hour: "*", dayOfMonth: "*", month: "*" } },
      "schedule.dayOfWeek",
    ],
    ["runafter needs ids", { schedule: { frequency: "runafter" } }, "schedule.runAfter"],
    ["target object", { target: { connectionId: "sf" } }, "target.object"],
    [
      "filter function",
      { filters: [{ field: ref("email"), function: "Near", value: "x" }] },
      "filters[0].function",
    ],
    ["filter value", { filters: [{ field: ref("email"), function: "Equality" }] }, "filters[0].value"],
    [
      "filter logic",
      { filters: [{ field: ref("email"), function: "IsNull" }], filterLogic: "1 OR 2" },
      "filterLogic",
    ],
  ])("%s → failure on %s", async (_case, over, property) => {
    const failures = await syncFailures(sync(over));
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]?.split("|")[0]).toBe(property);
    expect(failures[0]?.split("|")[1]).toMatch(/^ModelSync "contacts": /);
  });
  it("replaces when the target connection changes, updates in place otherwise", async () => {
    const olds = { ...sync(), syncId: "s1", modelIds: ["m1"] };
    const checked = await modelSyncProvider.check?.(
      olds,
      sync({ target: { connectionId: "sf2", object: "Contact" } }),
    );
    const news = checked?.inputs as ModelSyncInputs;
    expect((await modelSyncProvider.diff?.("s1", olds, news))?.replaces).toEqual(["targetConnectionId"]);
    expect((await modelSyncProvider.diff?.("s1", olds, sync({ name: "x" })))?.replaces).toEqual([]);
  });
});

describe("ModelSync wire mapping", () => {
  it("round-trips, drops server defaults, and answers the default identity function as unset", () => {
    const inputs = sync({
      schedule: { frequency: "runafter", runAfter: { syncIds: ["s0"] } },
      filters: [{ field: ref("email"), function: "IsNotNull" }],
      filterLogic: "1",
    });
    const body = toApiModelSync(inputs);
    expect(body).toMatchObject({
      identity: { source: { model_id: "m1", field: "email" }, target: "Email", function: "Equality" },
      schedule: { frequency: "runafter", run_after: { sync_ids: ["s0"], bulk_sync_ids: [] } },
    });
    const api = {
      ...body,
      id: "s1",
      model_ids: ["m1"],
      active: false,
      policies: [],
      override_fields: [],
      overrides: null,
      only_enrich_updates: false,
    } as unknown as ApiModelSync;
    const { syncId, modelIds, ...back } = fromApiModelSync(api, inputs);
    expect(syncId).toBe("s1");
    expect(modelIds).toEqual(["m1"]);
    expect(back).toEqual(inputs);
  });
});
