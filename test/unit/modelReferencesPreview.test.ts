/**
 * A Model whose connection or related model is named by an id known at preview: the API refuses a
 * model whose connection or related model does not exist (400, emulator rule
 * `model.reference-unknown`), so check fails it, naming the resource, the path and the id, and the
 * examiner refuses the same inputs at create. An existing related model passes with one GET.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { type ModelInputs, modelProvider } from "../../provider/resources/model";
import { data, rawClient } from "../contract/http";
import { providerOnEmulator, stopProviderOnEmulator } from "./providerOnEmulator";

let emu: Emulator;
const call = rawClient(() => emu);
const ids = { pg: "", users: "" };
const MISSING = "7b0c5f4e-0000-4000-8000-000000000000";

beforeAll(async () => {
  emu = await providerOnEmulator();
  ids.pg = String(
    data(
      await call("POST", "/api/connections", {
        name: "warehouse",
        type: "postgresql",
        configuration: { hostname: "db", port: 5432, database: "app", username: "u", password: "p" },
      }),
    ).id,
  );
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

function model(over: Partial<ModelInputs> = {}): ModelInputs {
  return {
    resourceUrn: "urn:pulumi:dev::p::pulumi-nodejs:dynamic/polytomic:Model::accounts",
    name: "accounts",
    connectionId: ids.pg,
    configuration: { table: "public.accounts" },
    ...over,
  };
}

async function reasons(inputs: ModelInputs): Promise<string[]> {
  return ((await modelProvider.check?.({} as ModelInputs, inputs))?.failures ?? []).map((f) => f.reason);
}

it("fails a connection id no connection has, as the API refuses the model at up", async () => {
  const inputs = model({ connectionId: MISSING });
  expect(await reasons(inputs)).toEqual([
    `Model "accounts": connectionId "${MISSING}" is not a connection of the organization: ` +
      "the API refuses a model on a connection that does not exist",
  ]);
  await expect(modelProvider.create?.(inputs)).rejects.toThrow(/400/);
});

it("fails a relation to a model id no model has, as the API refuses the model at up", async () => {
  const inputs = model({
    relations: [
      { from: "id", to: { modelId: ids.users, field: "id" } },
      { from: "id", to: { modelId: MISSING, field: "id" } },
    ],
  });
  expect(await reasons(inputs)).toEqual([
    `Model "accounts": relations[1].to.modelId "${MISSING}" is not a model of the organization: ` +
      "the API refuses a relation to a model that does not exist",
  ]);
  await expect(modelProvider.create?.(inputs)).rejects.toThrow(/400/);
});

it("passes a relation to an existing model, asking for it once", async () => {
  const before = emu.requestLog.length;
  const inputs = model({
    relations: [
      { from: "id", to: { modelId: ids.users, field: "id" } },
      { from: "id", to: { modelId: ids.users, field: "id" } },
    ],
  });
  expect(await reasons(inputs)).toEqual([]);
  const gets = emu.requestLog.slice(before).filter((e) => e.path === `/api/models/${ids.users}`);
  expect(gets).toHaveLength(1);
});

it("fails a field the source lacks, as before, with the field meant", async () => {
  expect(await reasons(model({ fields: ["id", "pln"] }))).toEqual([
    expect.stringMatching(
      /^Model "accounts": fields\[1\] "pln" is not a field of the source \(did you mean "plan"\?\)/,
    ),
  ]);
});

it("asks the API nothing for inputs a check passed and up applied (an unchanged preview)", async () => {
  const inputs = model({ relations: [{ from: "user_id", to: { modelId: ids.users, field: "id" } }] });
  const before = emu.requestLog.length;
  expect(await reasons(inputs)).toEqual([]);
  expect(emu.requestLog.length).toBeGreaterThan(before);
  const again = emu.requestLog.length;
  expect((await modelProvider.check?.(inputs, inputs))?.failures ?? []).toEqual([]);
  expect(emu.requestLog.slice(again)).toEqual([]);
});
