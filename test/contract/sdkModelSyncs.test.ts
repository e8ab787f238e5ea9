/**
 * The official Polytomic SDK against the emulator: models, model syncs with their run controls, and the
 * model-sync source and target discovery calls, in both API versions.
 */
import { Polytomic, type PolytomicClient } from "polytomic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createConnection,
  errorMessage,
  expectActors,
  expectKeys,
  expectNotFound,
  KEYS,
  once,
  postgresBody,
  type SdkContext,
  salesforceBody,
  sdkError,
  startSdkContext,
  UNKNOWN_ID,
  waitForCache,
} from "./sdk";

let sdk: SdkContext;
const ids = { sf: "", pg: "" };
beforeAll(async () => {
  sdk = await startSdkContext();
  ids.sf = await createConnection(sdk.v2024, salesforceBody("crm"));
  ids.pg = await createConnection(sdk.v2024, postgresBody("warehouse"));
  await waitForCache(sdk.v2024, ids.pg);
});
afterAll(async () => {
  await sdk.emu.close();
});

const usersModel = (name: string): Polytomic.CreateModelRequest => ({
  name,
  connection_id: ids.pg,
  configuration: { table: "public.users" },
  identifier: "id",
  tracking_columns: ["created_at"],
});

async function createModel(client: PolytomicClient, name: string): Promise<string> {
  const created = await client.models.create({ body: usersModel(name) }, once);
  return String(created.data?.id);
}

function syncBody(name: string, modelId: string): Polytomic.CreateModelSyncRequest {
  return {
    name,
    mode: "updateOrCreate",
    identity: { source: { model_id: modelId, field: "email" }, target: "Email", function: "Equality" },
    fields: [
      { source: { model_id: modelId, field: "first_name" }, target: "FirstName" },
      { source: { model_id: modelId, field: "last_name" }, target: "LastName" },
    ],
    schedule: { frequency: "manual" },
    target: { connection_id: ids.sf, object: "Contact" },
  };
}

describe.each(["v2024", "v2025"] as const)("models (%s)", (v) => {
  it("creates, lists, gets, updates and deletes a model with its fields", async () => {
    const client = sdk[v];
    const created = expectKeys(
      (await client.models.create({ body: usersModel(`users-${v}`) }, once)).data,
      KEYS.model,
    );
    expectActors(created);
    expect(created).toMatchObject({ name: `users-${v}`, connection_id: ids.pg, type: "table", version: 1 });
    expect(created.identifier).toBe("id");
    expect(created.tracking_columns).toEqual(["created_at"]);
    const fields = created.fields as Record<string, unknown>[];
    expect(fields.map((f) => f.id)).toEqual(expect.arrayContaining(["id", "email", "first_name"]));
    const email = expectKeys(
      fields.find((f) => f.id === "email"),
      KEYS.modelField,
    );
    expect(email).toMatchObject({ type: "string", remote_type: "text", unique: false, user_added: false });
    const id = String(created.id);

    const read = expectKeys((await client.models.get(id, {}, once)).data, KEYS.model);
    expect(read.id).toBe(id);
    const listed = (await client.models.list(once)).data ?? [];
    expectKeys(
      listed.find((m) => m.id === id),
      KEYS.model,
    );

    const updated = await client.models.update(
      id,
      { ...usersModel(`users-${v}-2`), fields: ["id", "email", "created_at"], labels: ["crm"] },
      once,
    );
    expect(updated.data).toMatchObject({ name: `users-${v}-2`, version: 2 });
    expect((updated.data?.fields ?? []).map((f) => f.id)).toEqual(["id", "email", "created_at"]);

    await client.models.remove(id, {}, once);
    expect(await sdkError(client.models.get(id, {}, once))).toBeInstanceOf(Polytomic.NotFoundError);
  });

  it("maps an unknown model to NotFound and an invalid body to a 4xx naming the field", async () => {
    const client = sdk[v];
    const missing = await sdkError(client.models.get(UNKNOWN_ID, {}, once));
    expect(missing).toBeInstanceOf(Polytomic.NotFoundError);
    expect(missing.statusCode).toBe(404);
    expect(await sdkError(client.models.update(UNKNOWN_ID, usersModel("x"), once))).toBeInstanceOf(
      Polytomic.NotFoundError,
    );
    expect(await sdkError(client.models.remove(UNKNOWN_ID, {}, once))).toBeInstanceOf(
      Polytomic.NotFoundError,
    );
    const bad = await sdkError(
      client.models.create({ body: { ...usersModel("bad"), configuration: {} } }, once),
    );
    expect(bad).toBeInstanceOf(Polytomic.BadRequestError);
    expect(errorMessage(bad)).toContain("configuration: exactly one of query, table, view");
    // A table the sample catalogue lacks is accepted (no source says the API refuses it).
    const other = await client.models.create(
      { body: { ...usersModel(`other-${v}`), configuration: { table: "public.nope" } } },
      once,
    );
    expect(other.data?.fields).toEqual([]);
  });
});

describe("model-sync discovery", () => {
  it("drills into a source and lists its fields from the SDK's JSON params", async () => {
    const source = await sdk.v2024.modelSync.getSource(ids.pg, {}, once);
    expect(source.data?.requires_one_of).toEqual(["query", "table", "view"]);
    expect(source.data?.items?.table?.items).toEqual(expect.arrayContaining(["public.users"]));
    const fields = await sdk.v2025.modelSync.getSourceFields(
      ids.pg,
      { params: { table: ["public.users"] } },
      once,
    );
    expect(Array.isArray(fields.data)).toBe(true);
    const email = expectKeys(
      (fields.data ?? []).find((f) => f.id === "email"),
      ["id", "name", "label", "type", "remote_type", "unique"],
    );
    expect(email.type).toBe("string");
    const unknown = await sdk.v2024.modelSync.getSourceFields(
      ids.pg,
      { params: { table: ["public.nope"] } },
      once,
    );
    expect(unknown.data).toEqual([]);
    const bad = await sdkError(
      sdk.v2024.modelSync.getSourceFields(
        ids.pg,
        { params: { table: ["public.users"], query: ["select 1"] } },
        once,
      ),
    );
    expect(bad).toBeInstanceOf(Polytomic.BadRequestError);
  });

  it("lists target objects with their modes, browses them, and describes an object's fields", async () => {
    const objects = await sdk.v2024.modelSync.targets.list(ids.sf, once);
    const contact = expectKeys(
      (objects.data ?? []).find((o) => o.id === "Contact"),
      KEYS.targetObject,
    );
    const modes = contact.modes as Record<string, unknown>[];
    expectKeys(modes[0], KEYS.targetMode);
    expect(modes.map((m) => m.id)).toContain("updateOrCreate");

    const browse = await sdk.v2024.modelSync.targets.getTarget(ids.sf, { search: "cont" }, once);
    expect(browse.data?.requires_one_of).toEqual(["object"]);
    expect(browse.data?.items?.object?.items).toEqual([{ label: "Contact", value: "Contact" }]);

    const described = await sdk.v2025.modelSync.targets.getTargetFields(ids.sf, { target: "Contact" }, once);
    const data = expectKeys(described.data, KEYS.targetFields);
    expect(data.id).toBe("Contact");
    const email = expectKeys(
      (data.fields as Record<string, unknown>[]).find((f) => f.id === "Email"),
      KEYS.targetField,
    );
    expect(email.supports_identity).toBe(true);
    expect(email.identity_functions).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: "Equality" })]),
    );

    const unknown = await sdkError(
      sdk.v2024.modelSync.targets.getTargetFields(ids.sf, { target: "Nope" }, once),
    );
    expect(unknown).toBeInstanceOf(Polytomic.NotFoundError);
    const noConnection = await sdkError(sdk.v2024.modelSync.targets.list(UNKNOWN_ID, once));
    expect(noConnection).toBeInstanceOf(Polytomic.NotFoundError);
  });
});

describe.each(["v2024", "v2025"] as const)("model syncs (%s)", (v) => {
  it("creates, lists, gets, updates, activates, runs, cancels and deletes a sync", async () => {
    const client = sdk[v];
    const modelId = await createModel(client, `sync-source-${v}`);
    const created = expectKeys(
      (await client.modelSync.create(syncBody(`contacts-${v}`, modelId), once)).data,
      KEYS.modelSync,
    );
    expectActors(created);
    expect(created).toMatchObject({
      name: `contacts-${v}`,
      mode: "updateOrCreate",
      active: false,
      model_ids: [modelId],
      schedule: { frequency: "manual" },
      target: { connection_id: ids.sf, object: "Contact" },
      identity: { target: "Email", function: "Equality" },
    });
    const id = String(created.id);
    expect((await client.modelSync.get(id, once)).data).toEqual(created);

    const listed = await client.modelSync.list({ target_connection_id: ids.sf }, once);
    const item = (listed.data ?? []).find((s) => s.id === id);
    if (v === "v2024") expectKeys(item, KEYS.modelSync);
    else {
      expect(expectKeys(item, KEYS.modelSyncListItem)).toMatchObject({ target_object: "Contact" });
      expect(item).not.toHaveProperty("fields");
      expect(listed).toHaveProperty("pagination");
    }

    const body = syncBody(`contacts-${v}-2`, modelId);
    const updated = await client.modelSync.update(
      id,
      { ...body, schedule: { frequency: "daily", hour: "6", minute: "30" } },
      once,
    );
    expect(updated.data).toMatchObject({
      name: `contacts-${v}-2`,
      schedule: { frequency: "daily", hour: "6", minute: "30" },
    });

    expect((await client.modelSync.activate(id, { active: true }, once)).data).toEqual({ id, active: true });
    const started = expectKeys((await client.modelSync.start(id, {}, once)).data, KEYS.execution);
    expect(started.status).toBe("running");
    expect(await sdkError(client.modelSync.start(id, {}, once))).toBeInstanceOf(Polytomic.ConflictError);

    const running = expectKeys((await client.modelSync.getStatus(id, once)).data, KEYS.syncStatus);
    expect(running.current_execution).toMatchObject({ id: started.id, status: "running" });
    expect((await client.modelSync.cancel(id, once)).data?.message).toBeTypeOf("string");
    const after = await client.modelSync.getStatus(id, once);
    expect(after.data?.current_execution ?? null).toBeNull();
    expect(after.data?.last_execution).toMatchObject({ id: started.id, status: "canceled" });

    await client.modelSync.remove(id, once);
    expect(await sdkError(client.modelSync.get(id, once))).toBeInstanceOf(Polytomic.NotFoundError);
  });

  it("maps unknown ids to NotFound and an invalid body to a 4xx naming the field", async () => {
    const client = sdk[v];
    await expectNotFound(() => client.modelSync.get(UNKNOWN_ID, once));
    await expectNotFound(() => client.modelSync.remove(UNKNOWN_ID, once));
    await expectNotFound(() => client.modelSync.activate(UNKNOWN_ID, { active: true }, once));
    await expectNotFound(() => client.modelSync.start(UNKNOWN_ID, {}, once));
    await expectNotFound(() => client.modelSync.getStatus(UNKNOWN_ID, once));
    const modelId = await createModel(client, `invalid-${v}`);
    const body = syncBody("bad", modelId);
    const bad = await sdkError(
      client.modelSync.create(
        { ...body, fields: [{ source: { model_id: UNKNOWN_ID, field: "email" }, target: "LastName" }] },
        once,
      ),
    );
    expect(bad).toBeInstanceOf(Polytomic.UnprocessableEntityError);
    expect(errorMessage(bad)).toContain("fields[0].source.model_id");
  });
});
