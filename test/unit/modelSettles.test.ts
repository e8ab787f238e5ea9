/**
 * Every step settles (issue 12): a Model or ModelSync created through the provider against the
 * emulator, then read back, diffs clean against the same program; explicit `false`s and the program's
 * field order survive the round trip, and a real change made out of band still shows as drift.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { UNKNOWN } from "../../provider/internal/check";
import { type ModelInputs, type ModelOutputs, modelProvider } from "../../provider/resources/model";
import { modelSyncProvider } from "../../provider/resources/modelSync";
import type { ModelSyncInputs, ModelSyncOutputs } from "../../provider/resources/modelSyncWire";
import { data, rawClient } from "../contract/http";
import { providerOnEmulator, stopProviderOnEmulator, warehouseAndCrm } from "./providerOnEmulator";

let emu: Emulator;
const call = rawClient(() => emu);
const ids = { pg: "", sf: "" };

beforeAll(async () => {
  emu = await providerOnEmulator();
  Object.assign(ids, await warehouseAndCrm(emu));
});
afterAll(async () => {
  await stopProviderOnEmulator(emu);
});

const urn = (kind: string, name: string) =>
  `urn:pulumi:dev::p::pulumi-nodejs:dynamic/polytomic:${kind}::${name}`;

function modelInputs(name: string, over: Partial<ModelInputs> = {}): ModelInputs {
  return {
    resourceUrn: urn("Model", name),
    name,
    connectionId: ids.pg,
    configuration: { table: "public.users" },
    ...over,
  };
}

/** `pulumi up` then `pulumi refresh`: create, then read with the state create left. */
async function createThenRead<I, O>(
  provider: {
    create?: (inputs: I) => Promise<{ id: string; outs?: O }>;
    read?: (id: string, props?: O) => Promise<{ id?: string; props?: O; inputs?: I }>;
  },
  inputs: I,
): Promise<{ id: string; outs: O; read: I }> {
  const created = await provider.create?.(inputs);
  if (!created?.outs) throw new Error("create returned no outputs");
  const read = await provider.read?.(created.id, created.outs);
  if (!read?.inputs) throw new Error("read found nothing");
  return { id: created.id, outs: created.outs, read: read.inputs };
}

const modelDiff = (olds: ModelInputs, news: ModelInputs) =>
  modelProvider.diff?.("id", olds as ModelOutputs, news);
const syncDiff = (olds: ModelSyncInputs, news: ModelSyncInputs) =>
  modelSyncProvider.diff?.("id", olds as ModelSyncOutputs, news);

describe("Model settles", () => {
  // The catalogue lists public.users as id, email, first_name, last_name, created_at.
  const programOrder = ["last_name", "email", "id"];

  it("keeps the program's field order in create's outputs and in read", async () => {
    const inputs = modelInputs("ordered", { fields: programOrder, identifier: "id" });
    const { outs, read } = await createThenRead(modelProvider, inputs);
    expect(outs.fields).toEqual(programOrder);
    expect(read.fields).toEqual(programOrder);
    expect((await modelDiff(outs, inputs))?.changes).toBe(false);
    expect((await modelDiff(read, inputs))?.changes).toBe(false);
  });

  it("shows a field added out of band as drift", async () => {
    const inputs = modelInputs("narrow", { fields: ["email", "id"] });
    const { id, outs } = await createThenRead(modelProvider, inputs);
    const put = await call("PUT", `/api/models/${id}`, {
      name: "narrow",
      connection_id: ids.pg,
      configuration: { table: "public.users" },
      fields: ["id", "email", "first_name"],
    });
    expect(put.status).toBe(200);
    const read = await modelProvider.read?.(id, outs);
    expect(read?.inputs?.fields).toEqual(["email", "id", "first_name"]);
    expect((await modelDiff(read?.inputs as ModelInputs, inputs))?.changes).toBe(true);
  });

  it("treats a reordered field list as no change, a different set as a change", async () => {
    const olds = modelInputs("m", { fields: ["email", "id"] });
    expect((await modelDiff(olds, modelInputs("m", { fields: ["id", "email"] })))?.changes).toBe(false);
    expect((await modelDiff(olds, modelInputs("m", { fields: ["id", "last_name"] })))?.changes).toBe(true);
    expect((await modelDiff(olds, modelInputs("m", { fields: ["id"] })))?.changes).toBe(true);
  });

  it("keeps an explicitly empty additional field example", async () => {
    const inputs = modelInputs("extra", {
      additionalFields: [{ name: "tier", label: "Tier", type: "string", example: "" }],
    });
    const { outs, read } = await createThenRead(modelProvider, inputs);
    expect(outs.additionalFields).toEqual(inputs.additionalFields);
    expect((await modelDiff(read, inputs))?.changes).toBe(false);
  });
});

describe("ModelSync settles", () => {
  let modelId = "";
  beforeAll(async () => {
    const created = await modelProvider.create?.(modelInputs("sync-source"));
    modelId = created?.id ?? "";
  });
  const ref = (field: string) => ({ modelId, field });

  function syncInputs(name: string, over: Partial<ModelSyncInputs> = {}): ModelSyncInputs {
    return {
      resourceUrn: urn("ModelSync", name),
      name,
      mode: "updateOrCreate",
      schedule: { frequency: "daily", hour: "2", minute: "0" },
      target: { connectionId: ids.sf, object: "Contact" },
      targetConnectionId: ids.sf,
      identity: { source: ref("email"), target: "Email" },
      fields: [{ source: ref("last_name"), target: "LastName" }],
      ...over,
    };
  }

  async function settles(inputs: ModelSyncInputs): Promise<ModelSyncInputs> {
    const { outs, read } = await createThenRead(modelSyncProvider, inputs);
    expect((await syncDiff(outs, inputs))?.changes).toBe(false);
    expect((await syncDiff(read, inputs))?.changes).toBe(false);
    return read;
  }

  it("round-trips explicit falses on mappings, identity and the sync", async () => {
    const read = await settles(
      syncInputs("explicit-false", {
        identity: { source: ref("email"), target: "Email", function: "Equality", newField: false },
        fields: [
          { source: ref("last_name"), target: "LastName", new: false, encryptionEnabled: false },
          { source: ref("first_name"), target: "FirstName", syncMode: "create" },
        ],
        active: false,
        onlyEnrichUpdates: false,
        skipInitialBackfill: false,
        syncAllRecords: false,
      }),
    );
    expect(read.fields[0]).toEqual({
      source: ref("last_name"),
      target: "LastName",
      new: false,
      encryptionEnabled: false,
    });
    expect(read.identity?.newField).toBe(false);
    expect(read.active).toBe(false);
  });

  it("leaves unset optionals unset when the API holds their defaults", async () => {
    const inputs = syncInputs("defaults");
    const read = await settles(inputs);
    expect(read.fields).toEqual(inputs.fields);
    expect(read.identity).toEqual(inputs.identity);
    for (const key of ["active", "onlyEnrichUpdates", "filters", "policies", "filterLogic"] as const)
      expect(read).not.toHaveProperty(key);
  });

  it("sends and reads back false and empty filter and override values", async () => {
    const read = await settles(
      syncInputs("falsy-values", {
        filters: [{ field: ref("email"), function: "Equality", value: false, label: "" }],
        overrides: [{ field: ref("first_name"), function: "Equality", value: 0, override: "" }],
      }),
    );
    expect(read.filters).toEqual([{ field: ref("email"), function: "Equality", value: false, label: "" }]);
    expect(read.overrides).toEqual([
      { field: ref("first_name"), function: "Equality", value: 0, override: "" },
    ]);
  });

  it("round-trips a run-after schedule with explicit false and empty members", async () => {
    const first = await modelSyncProvider.create?.(syncInputs("leader"));
    const read = await settles(
      syncInputs("follower", {
        schedule: {
          frequency: "runafter",
          runAfter: { syncIds: [first?.id ?? ""], bulkSyncIds: [] },
          runAfterSuccessOnly: false,
        },
        target: { connectionId: ids.sf, object: "Contact", configuration: {} },
      }),
    );
    expect(read.schedule.runAfterSuccessOnly).toBe(false);
    expect(read.schedule.runAfter?.bulkSyncIds).toEqual([]);
  });

  it("shows a value changed out of band as drift", async () => {
    const inputs = syncInputs("drifted", {
      fields: [{ source: ref("last_name"), target: "LastName", encryptionEnabled: false }],
    });
    const { id, outs } = await createThenRead(modelSyncProvider, inputs);
    const live = data(await call("GET", `/api/syncs/${id}`));
    const fields = (live.fields as Record<string, unknown>[]).map((f) => ({
      ...f,
      encryption_enabled: true,
    }));
    expect((await call("PUT", `/api/syncs/${id}`, { ...live, fields })).status).toBe(200);
    const read = await modelSyncProvider.read?.(id, outs);
    expect(read?.inputs?.fields[0]?.encryptionEnabled).toBe(true);
    expect((await syncDiff(read?.inputs as ModelSyncInputs, inputs))?.changes).toBe(true);
  });
});

describe("Model check during preview", () => {
  it("passes lists that are unknown as a whole instead of failing on them", async () => {
    const inputs = modelInputs("pending-lists", {
      fields: UNKNOWN as unknown as string[],
      additionalFields: UNKNOWN as unknown as ModelInputs["additionalFields"],
      trackingColumns: UNKNOWN as unknown as string[],
    });
    expect((await modelProvider.check?.(inputs, inputs))?.failures ?? []).toEqual([]);
  });
});
