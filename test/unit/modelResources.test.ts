/**
 * Model and ModelSync without the engine: check failures name the resource and the property, unknowns
 * pass, diffs replace only on the connection, and the wire mapping reads what the API holds in the
 * program's shape (API bodies written out by hand; modelSettles.test.ts round-trips through the emulator).
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
    expect(prop).toBe(property.split(/[.[]/)[0]);
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
    // The engine looks the property up among the top-level inputs only: the whole path is in the reason.
    expect(failures[0]?.split("|")[0]).toBe(property.split(/[.[]/)[0]);
    expect(failures[0]?.split("|")[1]?.startsWith(`ModelSync "contacts": ${property} `)).toBe(true);
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

/**
 * Hand-written bodies as shared/docs/polytomic-api.md §4 documents them (Sync object = request fields
 * plus id, organization_id, model_ids[], created/updated): never built by the mapping under test.
 */
describe("ModelSync wire mapping", () => {
  const wireRef = (field: string) => ({ model_id: "m1", field });
  /** What the API holds for `sync()`, every optional member absent. */
  const sparse = {
    id: "s1",
    organization_id: "o1",
    name: "contacts",
    mode: "updateOrCreate",
    schedule: { frequency: "daily", hour: "2", minute: "0" },
    target: { connection_id: "sf", object: "Contact" },
    fields: [{ target: "LastName", source: wireRef("last_name") }],
    identity: { source: wireRef("email"), target: "Email", function: "Equality" },
    model_ids: ["m1"],
  } as ApiModelSync;
  /** The same sync with every optional member answered with its zero value, as typed APIs do. */
  const zeroed = {
    ...sparse,
    active: false,
    schedule: { frequency: "daily", hour: "2", minute: "0", day_of_week: "", run_after: null },
    target: { connection_id: "sf", object: "Contact", new_name: "", configuration: {}, create: null },
    fields: [
      {
        target: "LastName",
        source: wireRef("last_name"),
        override_value: "",
        new: false,
        sync_mode: "",
        encryption_enabled: false,
      },
    ],
    identity: { source: wireRef("email"), target: "Email", function: "Equality", new_field: false },
    override_fields: [],
    overrides: null,
    filters: [],
    filter_logic: "",
    policies: [],
    only_enrich_updates: false,
    skip_initial_backfill: false,
    sync_all_records: false,
    created_at: "2024-01-01T00:00:00Z",
  } as unknown as ApiModelSync;

  it("reads unset optionals as unset whether the API leaves them out or answers their defaults", () => {
    for (const api of [sparse, zeroed]) {
      const { syncId, modelIds, ...back } = fromApiModelSync(api, sync());
      expect(syncId).toBe("s1");
      expect(modelIds).toEqual(["m1"]);
      expect(back).toEqual(sync());
    }
  });

  it("reads explicit falses, empty strings and empty lists back as the program gave them", () => {
    const inputs = sync({
      fields: [
        { source: ref("last_name"), target: "LastName", new: false, encryptionEnabled: false, syncMode: "" },
      ],
      identity: { source: ref("email"), target: "Email", function: "Equality", newField: false },
      target: { connectionId: "sf", object: "Contact", configuration: {} },
      active: false,
      policies: [],
      filters: [],
      filterLogic: "",
      onlyEnrichUpdates: false,
      skipInitialBackfill: false,
      syncAllRecords: false,
    });
    const { syncId: _s, modelIds: _m, ...back } = fromApiModelSync(zeroed, inputs);
    expect(back).toEqual(inputs);
    // An API that leaves the defaults out holds them all the same.
    const { syncId: _s2, modelIds: _m2, ...sparseBack } = fromApiModelSync(sparse, inputs);
    expect(sparseBack).toEqual(inputs);
  });

  it("reads a value changed out of band as drift, even where the program leaves the member out", () => {
    const api = {
      ...sparse,
      active: true,
      fields: [{ target: "LastName", source: wireRef("last_name"), encryption_enabled: true }],
      identity: { source: wireRef("email"), target: "Email", function: "ISubstring" },
    } as ApiModelSync;
    const back = fromApiModelSync(api, sync());
    expect(back.active).toBe(true);
    expect(back.fields[0]?.encryptionEnabled).toBe(true);
    expect(back.identity?.function).toBe("ISubstring");
  });

  it("reads filter and override values of any type, false and zero included", () => {
    const api = {
      ...sparse,
      filters: [{ field: wireRef("email"), function: "Equality", value: false, label: "" }],
      // The program's override "" is held as unset (typed APIs' zero value): the key is absent.
      overrides: [{ field: wireRef("first_name"), function: "Equality", value: 0 }],
      filter_logic: "1",
    } as unknown as ApiModelSync;
    const inputs = sync({
      filters: [{ field: ref("email"), function: "Equality" }],
      overrides: [{ field: ref("first_name"), function: "Equality", value: 0, override: "" }],
    });
    const back = fromApiModelSync(api, inputs);
    expect(back.filters).toEqual([{ field: ref("email"), function: "Equality", value: false }]);
    expect(back.overrides).toEqual(inputs.overrides);
    expect(back.filterLogic).toBe("1");
    // Without the program's "", the API's unset override stays unset.
    expect(fromApiModelSync(api, sync()).overrides).toEqual([
      { field: ref("first_name"), function: "Equality", value: 0 },
    ]);
  });

  it("sends what the program says, falses and empty values included", () => {
    const body = toApiModelSync(
      sync({
        schedule: { frequency: "runafter", runAfter: { syncIds: ["s0"] }, runAfterSuccessOnly: false },
        fields: [{ source: ref("last_name"), target: "LastName", new: false, encryptionEnabled: false }],
        filters: [{ field: ref("email"), function: "Equality", value: false }],
        overrides: [{ field: ref("first_name"), function: "Equality", value: 0, override: "" }],
        onlyEnrichUpdates: false,
      }),
    );
    expect(body).toEqual({
      name: "contacts",
      mode: "updateOrCreate",
      schedule: {
        frequency: "runafter",
        run_after: { sync_ids: ["s0"], bulk_sync_ids: [] },
        run_after_success_only: false,
      },
      target: { connection_id: "sf", object: "Contact" },
      fields: [{ target: "LastName", source: wireRef("last_name"), new: false, encryption_enabled: false }],
      identity: { source: wireRef("email"), target: "Email", function: "Equality" },
      filters: [{ field: wireRef("email"), function: "Equality", value: false }],
      overrides: [{ field: wireRef("first_name"), function: "Equality", value: 0, override: "" }],
      active: false,
      only_enrich_updates: false,
    });
  });
});
