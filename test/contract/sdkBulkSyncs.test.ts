/**
 * The official Polytomic SDK against the emulator: bulk syncs in both API versions, activation, the
 * per-sync schemas sub-resource and the run controls (start, cancel, status).
 */
import { Polytomic } from "polytomic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createConnection,
  errorMessage,
  expectActors,
  expectKeys,
  expectNotFound,
  KEYS,
  once,
  type SdkContext,
  s3Body,
  salesforceBody,
  sdkError,
  startSdkContext,
  UNKNOWN_ID,
  waitForCache,
} from "./sdk";

let sdk: SdkContext;
const ids = { sf: "", s3: "" };
beforeAll(async () => {
  sdk = await startSdkContext();
  ids.sf = await createConnection(sdk.v2024, salesforceBody("crm"));
  ids.s3 = await createConnection(sdk.v2024, s3Body("lake"));
  await waitForCache(sdk.v2024, ids.sf);
});
afterAll(async () => {
  await sdk.emu.close();
});

function legacyBody(name: string): Polytomic.CreateBulkSyncRequest {
  return {
    name,
    source_connection_id: ids.sf,
    destination_connection_id: ids.s3,
    mode: "replicate",
    schedule: { frequency: "daily", hour: "2", minute: "0" },
    destination_configuration: { format: "csv" },
    concurrency_limit: 2,
    schemas: [
      "Account",
      { id: "Contact", fields: ["Id", "Email", { id: "Phone", obfuscate: true }] },
      { id: "Lead", enabled: false },
    ],
  };
}

/**
 * The 2025-09-18 body: `default_schedule` replaces `schedule`. polytomic 1.18.1 types only the
 * 2024-02-08 body (its `schedule` is required), so this one body is retyped for the SDK.
 */
function currentBody(name: string): Polytomic.CreateBulkSyncRequest {
  const { schedule: _schedule, ...rest } = legacyBody(name);
  const body = {
    ...rest,
    default_schedule: { frequency: "daily", hour: "2", minute: "0" },
    additional_schedules: [{ frequency: "hourly", minute: "15", schemas: ["Account"] }],
  };
  return body as unknown as Polytomic.CreateBulkSyncRequest;
}

describe("bulk syncs", () => {
  it("answers 'No schemas found' as a BadRequest while the source cache is not ready", async () => {
    const fresh = await createConnection(sdk.v2024, salesforceBody("crm-new"));
    const error = await sdkError(
      sdk.v2024.bulkSync.create({ ...legacyBody("early"), source_connection_id: fresh }, once),
    );
    expect(error).toBeInstanceOf(Polytomic.BadRequestError);
    expect(errorMessage(error)).toMatch(/^No schemas found\./);
  });

  it("creates, lists, gets, updates, activates and deletes (2024-02-08)", async () => {
    const client = sdk.v2024;
    const created = expectKeys(
      (await client.bulkSync.create(legacyBody("lake-2024"), once)).data,
      KEYS.bulkSync,
    );
    expectActors(created);
    expect(created).toMatchObject({
      name: "lake-2024",
      mode: "replicate",
      active: false,
      concurrency_limit: 2,
      schedule: { frequency: "daily", hour: "2", minute: "0" },
      destination_configuration: { format: "csv" },
    });
    expect(created).not.toHaveProperty("default_schedule");
    expect(created).not.toHaveProperty("schemas");
    const id = String(created.id);
    expect((await client.bulkSync.get(id, {}, once)).data).toEqual(created);
    expect((await client.bulkSync.list({ active: false }, once)).data?.map((s) => s.id)).toContain(id);
    expect((await client.bulkSync.list({ active: true }, once)).data?.map((s) => s.id)).not.toContain(id);

    const updated = await client.bulkSync.update(
      id,
      { ...legacyBody("lake-2024-2"), mode: "snapshot" },
      once,
    );
    expect(updated.data).toMatchObject({ name: "lake-2024-2", mode: "snapshot" });

    expect((await client.bulkSync.activate(id, { active: true }, once)).data).toEqual({ id, active: true });
    expect((await client.bulkSync.get(id, {}, once)).data?.active).toBe(true);
    expect((await client.bulkSync.list({ active: true }, once)).data?.map((s) => s.id)).toContain(id);

    await client.bulkSync.remove(id, {}, once);
    expect(await sdkError(client.bulkSync.get(id, {}, once))).toBeInstanceOf(Polytomic.NotFoundError);
  });

  it("creates with default and additional schedules and reads both shapes (2025-09-18)", async () => {
    const created = expectKeys(
      (await sdk.v2025.bulkSync.create(currentBody("lake-2025"), once)).data,
      KEYS.bulkSync,
    );
    expect(created).not.toHaveProperty("schedule");
    const schedule = expectKeys(created.default_schedule, KEYS.bulkSchedule);
    expect(schedule).toMatchObject({ frequency: "daily", hour: "2", minute: "0" });
    const additional = created.additional_schedules as unknown[];
    expect(additional).toHaveLength(1);
    expect(expectKeys(additional[0], KEYS.bulkSchedule)).toMatchObject({
      frequency: "hourly",
      schemas: ["Account"],
    });

    const id = String(created.id);
    const legacy = await sdk.v2024.bulkSync.get(id, {}, once);
    expect(legacy.data?.schedule?.frequency).toBe("multi");
    const updated = await sdk.v2025.bulkSync.update(id, currentBody("lake-2025-2"), once);
    expect(updated.data).toMatchObject({ name: "lake-2025-2", default_schedule: { frequency: "daily" } });
    await sdk.v2025.bulkSync.remove(id, {}, once);
  });

  it.each(["v2024", "v2025"] as const)(
    "maps unknown ids to NotFound and invalid bodies to a 4xx (%s)",
    async (v) => {
      const client = sdk[v];
      await expectNotFound(() => client.bulkSync.get(UNKNOWN_ID, {}, once));
      await expectNotFound(() =>
        client.bulkSync.update(UNKNOWN_ID, v === "v2024" ? legacyBody("x") : currentBody("x"), once),
      );
      await expectNotFound(() => client.bulkSync.remove(UNKNOWN_ID, {}, once));
      await expectNotFound(() => client.bulkSync.activate(UNKNOWN_ID, { active: true }, once));
      await expectNotFound(() => client.bulkSync.start(UNKNOWN_ID, {}, once), false);
      await expectNotFound(() => client.bulkSync.getStatus(UNKNOWN_ID, once));
      await expectNotFound(() => client.bulkSync.schemas.list(UNKNOWN_ID, {}, once));
      await expectNotFound(() => client.bulkSync.schemas.get(UNKNOWN_ID, "Account", once));
      const body = v === "v2024" ? legacyBody("bad") : currentBody("bad");
      // An object the sample catalogue lacks is accepted (no source says the API refuses it).
      const other = await client.bulkSync.create({ ...body, schemas: ["NoSuchObject"] }, once);
      const listed = await client.bulkSync.schemas.list(String(other.data?.id), {}, once);
      expect((listed.data ?? []).map((s) => s.id)).toEqual(["NoSuchObject"]);
      const badSchema = await sdkError(
        client.bulkSync.create(
          { ...body, schemas: [{ id: "Account", enabled: "yes" as unknown as boolean }] },
          once,
        ),
      );
      expect(badSchema).toBeInstanceOf(Polytomic.BadRequestError);
      expect(errorMessage(badSchema)).toContain("schemas[0].enabled");
      const { destination_configuration: _dc, ...noDestination } = body;
      const missing = await sdkError(
        client.bulkSync.create(noDestination as Polytomic.CreateBulkSyncRequest, once),
      );
      expect(missing).toBeInstanceOf(Polytomic.BadRequestError);
      expect(errorMessage(missing)).toContain("destination_configuration");
    },
  );
});

describe("bulk sync schemas sub-resource", () => {
  it("lists with the SDK's filters, gets with fields, patches and replaces one schema", async () => {
    const id = String((await sdk.v2024.bulkSync.create(legacyBody("schemas"), once)).data?.id);
    const all = (await sdk.v2024.bulkSync.schemas.list(id, {}, once)).data ?? [];
    expect(all.map((s) => s.id)).toEqual(["Account", "Contact", "Lead"]);
    const account = expectKeys(all[0], KEYS.bulkSchema);
    expect(account).not.toHaveProperty("fields");
    expect(account.output_name).toBe("account");
    const enabled = await sdk.v2025.bulkSync.schemas.list(id, { filters: { enabled: "true" } }, once);
    expect((enabled.data ?? []).map((s) => s.id)).toEqual(["Account", "Contact"]);

    const contact = expectKeys((await sdk.v2024.bulkSync.schemas.get(id, "Contact", once)).data, [
      ...KEYS.bulkSchema,
      "fields",
      "filters",
    ]);
    // The created field list enables Id, Email and Phone; the object's other fields stay, disabled.
    const fields = (contact.fields as Record<string, unknown>[]).filter((f) => f.enabled);
    expect(fields.map((f) => f.id)).toEqual(["Id", "Email", "Phone"]);
    expect(expectKeys(fields[2], KEYS.bulkField)).toMatchObject({ obfuscated: true, enabled: true });
    expect((contact.fields as unknown[]).length).toBeGreaterThan(3);

    const patched = await sdk.v2024.bulkSync.schemas.patch(
      id,
      { schemas: [{ id: "Lead", enabled: true }] },
      once,
    );
    expect((patched.data ?? []).find((s) => s.id === "Lead")?.enabled).toBe(true);

    const replaced = await sdk.v2025.bulkSync.schemas.update(
      id,
      "Account",
      {
        enabled: true,
        user_output_name: "accounts",
        tracking_field: "SystemModstamp",
        fields: [{ id: "Id" }, { id: "Name", obfuscated: true, user_output_name: "account_name" }],
      },
      once,
    );
    expect(replaced.data).toMatchObject({
      id: "Account",
      output_name: "accounts",
      user_output_name: "accounts",
      tracking_field: "SystemModstamp",
    });
    expect(replaced.data?.fields?.filter((f) => f.enabled)).toEqual([
      expect.objectContaining({ id: "Id", obfuscated: false }),
      expect.objectContaining({ id: "Name", obfuscated: true, output_name: "account_name" }),
    ]);
    expect((await sdk.v2024.bulkSync.schemas.get(id, "Account", once)).data).toEqual(replaced.data);

    expect(await sdkError(sdk.v2024.bulkSync.schemas.get(id, "Nope", once))).toBeInstanceOf(
      Polytomic.NotFoundError,
    );
    const bad = await sdkError(
      sdk.v2024.bulkSync.schemas.update(id, "Account", { tracking_field: 5 as unknown as string }, once),
    );
    expect(bad.statusCode).toBe(400);
    expect(errorMessage(bad)).toContain("tracking_field");
  });
});

describe("bulk sync executions", () => {
  it("starts, refuses a second start with Conflict, reports status, cancels, and deactivating cancels", async () => {
    const client = sdk.v2024;
    const id = String((await client.bulkSync.create(legacyBody("runs"), once)).data?.id);
    const started = expectKeys(
      (await client.bulkSync.start(id, { test: true }, once)).data,
      KEYS.bulkExecution,
    );
    expect(started).toMatchObject({ status: "running", is_test: true, is_resync: false, is_partial: false });
    expect((started.schemas as { schema: string }[]).map((s) => s.schema)).toEqual(["Account", "Contact"]);
    expect(await sdkError(client.bulkSync.start(id, {}, once))).toBeInstanceOf(Polytomic.ConflictError);

    const running = expectKeys((await client.bulkSync.getStatus(id, once)).data, KEYS.syncStatus);
    expect(expectKeys(running.current_execution, KEYS.bulkExecution).id).toBe(started.id);
    expect((await client.bulkSync.cancel(id, once)).data?.message).toBeTypeOf("string");
    const after = await sdk.v2025.bulkSync.getStatus(id, once);
    expect(after.data?.current_execution ?? null).toBeNull();
    expect(after.data?.last_execution).toMatchObject({ id: started.id, status: "canceled" });

    const partial = await sdk.v2025.bulkSync.start(
      id,
      { schemas: ["Contact"], resync_mode: "rebuild" },
      once,
    );
    expect(partial.data).toMatchObject({ is_partial: true, is_resync: true, output_disposition: "rebuild" });
    await client.bulkSync.activate(id, { active: false }, once);
    const deactivated = await client.bulkSync.getStatus(id, once);
    expect(deactivated.data?.current_execution ?? null).toBeNull();
    expect(deactivated.data?.last_execution).toMatchObject({ id: partial.data?.id, status: "canceled" });

    const both = await sdkError(client.bulkSync.start(id, { test: true, resync_mode: "resync" }, once));
    expect(both).toBeInstanceOf(Polytomic.BadRequestError);
    expect(errorMessage(both)).toContain("test");
    const unknownSchema = await sdkError(client.bulkSync.start(id, { schemas: ["Lead"] }, once));
    expect(errorMessage(unknownSchema)).toContain("schemas[0]");
  });
});
