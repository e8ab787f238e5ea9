/**
 * A ModelSync whose models or target connection are named by ids known at preview: the API refuses a
 * sync that reads a model or writes to a connection that does not exist (422, polytomic-api.md §4,
 * emulator rule `model-sync.reference-unknown`), so check fails it, naming the resource, the path and
 * the id, and the examiner refuses the same inputs at create. Existing ones pass.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { modelSyncProvider } from "../../provider/resources/modelSync";
import type { ModelSyncInputs } from "../../provider/resources/modelSyncWire";
import { data, rawClient } from "../contract/http";
import { providerOnEmulator, stopProviderOnEmulator } from "./providerOnEmulator";

let emu: Emulator;
const call = rawClient(() => emu);
const ids = { pg: "", sf: "", users: "" };
const MISSING = "7b0c5f4e-0000-4000-8000-000000000001";

beforeAll(async () => {
  emu = await providerOnEmulator();
  const connection = async (name: string, type: string, configuration: Record<string, unknown>) =>
    String(data(await call("POST", "/api/connections", { name, type, configuration })).id);
  ids.pg = await connection("warehouse", "postgresql", {
    hostname: "db",
    port: 5432,
    database: "app",
    username: "u",
    password: "p",
  });
  ids.sf = await connection("crm", "salesforce", {
    domain: "https://example.my.salesforce.com",
    connect_mode: "api",
    client_id: "id",
    client_secret: "secret",
  });
  // The catalogue's public.users: id, email, first_name, last_name, created_at.
  ids.users = String(
    data(
      await call("POST", "/api/models", {
        name: "users",
        connection_id: ids.pg,
        configuration: { table: "public.users" },
      }),
    ).id,
  );
});
afterAll(async () => {
  await stopProviderOnEmulator(emu);
});

/** A Contact sync reading `users`, with `over` in place of its target, mappings or identity. */
function sync(over: Partial<ModelSyncInputs> = {}): ModelSyncInputs {
  const ref = (field: string) => ({ modelId: ids.users, field });
  return {
    resourceUrn: "urn:pulumi:dev::p::pulumi-nodejs:dynamic/polytomic:ModelSync::contacts",
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

async function failures(inputs: ModelSyncInputs): Promise<{ property: string; reason: string }[]> {
  const result = await modelSyncProvider.check?.({} as ModelSyncInputs, inputs);
  return (result?.failures ?? []).map((f) => ({ property: f.property, reason: f.reason }));
}

it("fails a model id no model has, once, on the first path naming it, as the API refuses the sync at up", async () => {
  const inputs = sync({
    identity: { source: { modelId: MISSING, field: "email" }, target: "Email" },
    fields: [
      { source: { modelId: ids.users, field: "first_name" }, target: "FirstName" },
      { source: { modelId: MISSING, field: "last_name" }, target: "LastName" },
    ],
  });
  expect(await failures(inputs)).toEqual([
    {
      property: "fields",
      reason:
        `ModelSync "contacts": fields[1].source.modelId "${MISSING}" is not a model of the organization: ` +
        "the API refuses a sync that reads a model that does not exist",
    },
  ]);
  await expect(modelSyncProvider.create?.(inputs)).rejects.toThrow(/422/);
});

it("fails a filter's model id no model has", async () => {
  const inputs = sync({ filters: [{ field: { modelId: MISSING, field: "email" }, function: "IsNotNull" }] });
  expect((await failures(inputs)).map((f) => f.reason)).toEqual([
    expect.stringMatching(
      new RegExp(`^ModelSync "contacts": filters\\[0\\]\\.field\\.modelId "${MISSING}" is not a model `),
    ),
  ]);
});

it("fails a target connection id no connection has, as the API refuses the sync at up", async () => {
  const inputs = sync({ target: { connectionId: MISSING, object: "Contact" }, targetConnectionId: MISSING });
  expect(await failures(inputs)).toEqual([
    {
      property: "target",
      reason:
        `ModelSync "contacts": target.connectionId "${MISSING}" is not a connection of the organization: ` +
        "the API refuses a sync to a connection that does not exist",
    },
  ]);
  await expect(modelSyncProvider.create?.(inputs)).rejects.toThrow(/422/);
});

it("passes an existing model and target connection", async () => {
  expect(await failures(sync())).toEqual([]);
});
