/**
 * Every step settles (issue 12) for a bulk sync's schema selection: omitting `schemas` means every
 * source schema, so going to or from that must reach the API, what to disable is decided by what the
 * API has enabled (not by the previous inputs), a refresh shows a sync that no longer selects every
 * schema as drift, and after each update a read diffs clean against the same program. The same holds
 * for the fields within a schema.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import {
  type BulkSchemaSelection,
  type BulkSyncInputs,
  type BulkSyncOutputs,
  bulkSyncProvider,
} from "../../provider/resources/bulkSync";
import { data, rawClient } from "../contract/http";
import { providerOnEmulator, stopProviderOnEmulator } from "./providerOnEmulator";

let emu: Emulator;
const call = rawClient(() => emu);
const ids = { source: "", destination: "" };
/** Every schema of the Stripe source, from the API. */
let catalogue: string[] = [];
/** The fields of the source's `customers` schema. */
let customerFields: string[] = [];

async function connection(name: string, type: string, configuration: Record<string, unknown>) {
  const created = await call("POST", "/api/connections", { name, type, configuration });
  expect(created.status).toBe(200);
  return String(data(created).id);
}

beforeAll(async () => {
  emu = await providerOnEmulator();
  ids.source = await connection("billing", "stripe", { api_key: "sk_test_schemas" });
  ids.destination = await connection("lake", "s3", {
    auth_mode: "access_key_and_secret",
    aws_access_key_id: "AKIA",
    aws_secret_access_key: "bucket-secret",
    s3_bucket_region: "us-east-1",
    s3_bucket_name: "lake",
  });
  const source = await call("GET", `/api/connections/${ids.source}/bulksync/source?include_fields=true`);
  const schemas = data(source).schemas as { id: string; fields: { id: string }[] }[];
  catalogue = schemas.map((s) => s.id).sort();
  customerFields = (schemas.find((s) => s.id === "customers")?.fields ?? []).map((f) => f.id).sort();
  expect(catalogue.length).toBeGreaterThan(2);
  expect(customerFields.length).toBeGreaterThan(2);
});
afterAll(async () => {
  await stopProviderOnEmulator(emu);
});

/** The program: `schemas` omitted when undefined (every schema). */
function program(name: string, schemas?: (string | BulkSchemaSelection)[]): BulkSyncInputs {
  return {
    resourceUrn: `urn:pulumi:dev::p::pulumi-nodejs:dynamic/polytomic:BulkSync::${name}`,
    name,
    sourceConnectionId: ids.source,
    destinationConnectionId: ids.destination,
    schedule: { frequency: "manual" },
    destinationConfiguration: { format: "csv" },
    ...(schemas ? { schemas } : {}),
  };
}

async function create(inputs: BulkSyncInputs): Promise<{ id: string; outs: BulkSyncOutputs }> {
  const created = await bulkSyncProvider.create?.(inputs);
  if (!created) throw new Error("no create result");
  return { id: created.id, outs: created.outs as BulkSyncOutputs };
}

/** An `up` of a changed program: check, diff, then update from the stored outputs. */
async function up(id: string, olds: BulkSyncOutputs, news: BulkSyncInputs): Promise<BulkSyncOutputs> {
  const checked = await bulkSyncProvider.check?.(olds, news);
  expect(checked?.failures ?? []).toEqual([]);
  expect((await bulkSyncProvider.diff?.(id, olds, news))?.changes).toBe(true);
  const updated = await bulkSyncProvider.update?.(id, olds, news);
  return updated?.outs as BulkSyncOutputs;
}

/** A refresh: what read reports as the live state. */
async function refresh(id: string, state: BulkSyncOutputs): Promise<BulkSyncOutputs> {
  const read = await bulkSyncProvider.read?.(id, state);
  if (!read?.props) throw new Error("the bulk sync is gone");
  return read.props as BulkSyncOutputs;
}

/** Read then diff with the same program: does the program still differ from the API? */
async function drifted(id: string, state: BulkSyncOutputs, inputs: BulkSyncInputs): Promise<boolean> {
  const live = await refresh(id, state);
  return (await bulkSyncProvider.diff?.(id, live, inputs))?.changes ?? true;
}

/** The ids of the schemas the API has enabled. */
async function enabledSchemas(id: string): Promise<string[]> {
  const list = await call("GET", `/api/bulk/syncs/${id}/schemas`);
  return (list.body.data as { id: string; enabled: boolean }[])
    .filter((s) => s.enabled)
    .map((s) => s.id)
    .sort();
}

/** The ids of the fields the API has enabled in one schema. */
async function enabledFields(id: string, schema: string): Promise<string[]> {
  const detail = await call("GET", `/api/bulk/syncs/${id}/schemas/${schema}`);
  return (data(detail).fields as { id: string; enabled: boolean }[])
    .filter((f) => f.enabled)
    .map((f) => f.id)
    .sort();
}

/** A change made in the Polytomic UI (outside the program). */
async function patchOutOfBand(id: string, schemas: unknown[]): Promise<void> {
  expect((await call("PATCH", `/api/bulk/syncs/${id}/schemas`, { schemas })).status).toBe(200);
}

describe("every schema (schemas omitted)", () => {
  it("is enabled on the API when the program drops its explicit list", async () => {
    const first = program("drop-list", ["customers"]);
    const { id, outs } = await create(first);
    expect(await enabledSchemas(id)).toEqual(["customers"]);

    const every = program("drop-list");
    const state = await up(id, outs, every);
    expect(await enabledSchemas(id)).toEqual(catalogue);
    expect(await drifted(id, state, every)).toBe(false);
  });

  it("shows as drift when the API no longer selects every schema, and the next update restores it", async () => {
    const every = program("every-drift");
    const { id, outs } = await create(every);
    expect(await enabledSchemas(id)).toEqual(catalogue);
    expect(await drifted(id, outs, every)).toBe(false);

    await patchOutOfBand(id, [{ id: "invoices", enabled: false }]);
    const live = await refresh(id, outs);
    expect((await bulkSyncProvider.diff?.(id, live, every))?.changes).toBe(true);

    const state = await up(id, live, every);
    expect(await enabledSchemas(id)).toEqual(catalogue);
    expect(await drifted(id, state, every)).toBe(false);
  });

  it("going to an explicit list disables every other schema the API has enabled", async () => {
    const every = program("to-list");
    const { id, outs } = await create(every);

    const list = program("to-list", ["customers", "invoices"]);
    const state = await up(id, outs, list);
    expect(await enabledSchemas(id)).toEqual(["customers", "invoices"]);
    expect(await drifted(id, state, list)).toBe(false);
  });

  it("an explicit list disables schemas enabled out of band that the previous inputs never named", async () => {
    const { id, outs } = await create(program("stale-olds", ["customers"]));
    await patchOutOfBand(id, [{ id: "charges", enabled: true }]);

    const list = program("stale-olds", ["invoices"]);
    const state = await up(id, outs, list);
    expect(await enabledSchemas(id)).toEqual(["invoices"]);
    expect(await drifted(id, state, list)).toBe(false);
  });
});

describe("fields within a schema", () => {
  it("going from every field to a field list leaves only the listed fields enabled", async () => {
    const { id, outs } = await create(program("to-fields", ["customers"]));
    expect(await enabledFields(id, "customers")).toEqual(customerFields);

    const fields = program("to-fields", [{ id: "customers", fields: ["id", "email"] }]);
    const state = await up(id, outs, fields);
    expect(await enabledFields(id, "customers")).toEqual(["email", "id"]);
    expect(await drifted(id, state, fields)).toBe(false);
  });

  it("dropping the field list enables every field of the schema", async () => {
    const { id, outs } = await create(program("drop-fields", [{ id: "customers", fields: ["id"] }]));
    expect(await enabledFields(id, "customers")).toEqual(["id"]);

    const every = program("drop-fields", ["customers"]);
    const state = await up(id, outs, every);
    expect(await enabledFields(id, "customers")).toEqual(customerFields);
    expect(await drifted(id, state, every)).toBe(false);
  });

  it("dropping `schemas` altogether also enables every field of a schema that had a field list", async () => {
    const { id, outs } = await create(program("drop-all", [{ id: "customers", fields: ["id"] }]));
    const every = program("drop-all");
    const state = await up(id, outs, every);
    expect(await enabledSchemas(id)).toEqual(catalogue);
    expect(await enabledFields(id, "customers")).toEqual(customerFields);
    expect(await drifted(id, state, every)).toBe(false);
  });

  it("a field list shows fields enabled out of band as drift, and the next update disables them", async () => {
    const fields = program("fields-drift", [{ id: "customers", fields: ["id", "email"] }]);
    const { id, outs } = await create(fields);
    await patchOutOfBand(id, [{ id: "customers", enabled: true }]); // every field, from the UI
    const live = await refresh(id, outs);
    expect((await bulkSyncProvider.diff?.(id, live, fields))?.changes).toBe(true);

    const state = await up(id, live, fields);
    expect(await enabledFields(id, "customers")).toEqual(["email", "id"]);
    expect(await drifted(id, state, fields)).toBe(false);
  });
});

describe("a selection read back in the program's shape", () => {
  it("keeps `{ id }` items as objects and a field list in the program's order", async () => {
    const reversed = [...customerFields].reverse().slice(0, 2);
    const other = catalogue.find((s) => s !== "customers") ?? "";
    const inputs = program("shaped", [{ id: "customers", fields: reversed }, { id: other }]);
    const { id, outs } = await create(inputs);
    expect(await drifted(id, outs, inputs)).toBe(false);
    const live = await refresh(id, outs);
    expect(live.schemas).toEqual([{ id: "customers", fields: reversed }, { id: other }]);
  });
});

describe("a schema's partition key and tracking field", () => {
  it("are cleared in the API when the program removes them, and the sync settles", async () => {
    const [partition, tracking] = customerFields;
    const withKeys = program("keys", [{ id: "customers", partitionKey: partition, trackingField: tracking }]);
    const { id, outs } = await create(withKeys);
    const without = program("keys", [{ id: "customers", trackingField: tracking }]);
    const updated = await up(id, outs, without);
    expect(await drifted(id, updated, without)).toBe(false);
    const live = data(await call("GET", `/api/bulk/syncs/${id}/schemas/customers`));
    expect(live.partition_key ?? "").toBe("");
    expect(live.tracking_field).toBe(tracking);
  });
});
