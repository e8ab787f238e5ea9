/**
 * The official Polytomic SDK against the emulator: identity, connection types, connections, the schema
 * cache and the bulk-sync source/target metadata, with the SDK's error mapping.
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
  postgresBody,
  type SdkContext,
  s3Body,
  salesforceBody,
  sdkError,
  startSdkContext,
  UNKNOWN_ID,
  waitForCache,
} from "./sdk";

let sdk: SdkContext;
beforeAll(async () => {
  sdk = await startSdkContext();
});
afterAll(async () => {
  await sdk.emu.close();
});

describe("identity", () => {
  it.each(["v2024", "v2025"] as const)("GET /api/me answers the organization of the key (%s)", async (v) => {
    const me = await sdk[v].identity.get(once);
    const data = expectKeys(me.data, KEYS.identity);
    expect(data.organization_id).toBe(sdk.emu.organizationId);
    expect(data.organization_name).toBeTypeOf("string");
    expect(data.is_organization).toBe(true);
    expect(data.is_user).toBe(false);
  });
});

describe("connection types", () => {
  it("lists the types with their capabilities", async () => {
    const types = await sdk.v2024.connections.getTypes(once);
    expect(Array.isArray(types.data)).toBe(true);
    const salesforce = (types.data ?? []).find((t) => t.id === "salesforce");
    const data = expectKeys(salesforce, KEYS.connectionType);
    expect(data.use_oauth).toBe(true);
    const capabilities = expectKeys(data.capabilities, [
      "source",
      "destination",
      "enrichment",
      "orchestration",
    ]);
    for (const value of Object.values(capabilities)) expect(value).toBeTypeOf("boolean");
    expect((types.data ?? []).map((t) => t.id)).toEqual(expect.arrayContaining(["postgresql", "s3"]));
  });

  it("gets one type as a bare JSON Schema with sensitive properties", async () => {
    const schema = await sdk.v2025.connections.getConnectionTypeSchema("s3", once);
    const data = expectKeys(schema, ["$schema", "type", "properties", "required"]);
    expect(data).not.toHaveProperty("data");
    const properties = data.properties as Record<string, Record<string, unknown>>;
    expect(properties.aws_secret_access_key?.sensitive).toBe(true);
    expect(data.required).toEqual(expect.arrayContaining(["s3_bucket_region"]));
  });

  it("answers NotFound for an unknown type", async () => {
    const error = await sdkError(sdk.v2024.connections.getConnectionTypeSchema("nope", once));
    expect(error).toBeInstanceOf(Polytomic.NotFoundError);
    expect(error.statusCode).toBe(404);
  });
});

describe.each(["v2024", "v2025"] as const)("connections (%s)", (v) => {
  it("creates, lists, gets, updates and deletes, masking secrets on every read", async () => {
    const client = sdk[v];
    const created = await client.connections.create(s3Body(`s3-${v}`), once);
    const write = expectKeys(created.data, KEYS.connectionWrite);
    expect(write.status).toBe("healthy");
    expectKeys(write.type, KEYS.connectionTypeRef);
    expect((write.configuration as Record<string, unknown>).aws_secret_access_key).toBe("********");
    const id = String(write.id);

    const read = expectKeys((await client.connections.get(id, once)).data, KEYS.connection);
    expectActors(read);
    expect(read).toMatchObject({ id, name: `s3-${v}`, saved: true, organization_id: sdk.emu.organizationId });
    expect(read.configuration).toMatchObject({
      aws_secret_access_key: "********",
      s3_bucket_name: "my-bucket",
    });
    expect(JSON.stringify(read)).not.toContain("SECRET");

    const listed = (await client.connections.list(once)).data ?? [];
    const item = expectKeys(
      listed.find((c) => c.id === id),
      KEYS.connection,
    );
    expect(item.configuration).toMatchObject({
      aws_secret_access_key: "********",
      aws_access_key_id: "AKIAEXAMPLE",
    });

    // Sending the mask back keeps the stored secret; the other keys are replaced.
    const updated = await client.connections.update(
      id,
      {
        name: `s3-${v}-renamed`,
        configuration: {
          ...s3Body("").configuration,
          aws_secret_access_key: "********",
          s3_bucket_name: "other",
        },
      },
      once,
    );
    expect(updated.data).toMatchObject({
      name: `s3-${v}-renamed`,
      configuration: { s3_bucket_name: "other" },
    });
    expect(sdk.emu.store.data.connections[id]?.configuration.aws_secret_access_key).toBe("SECRET");

    await client.connections.remove(id, {}, once);
    const gone = await sdkError(client.connections.get(id, once));
    expect(gone).toBeInstanceOf(Polytomic.NotFoundError);
  });

  it("maps an unknown id to NotFound and an invalid body to a 4xx naming the field", async () => {
    const client = sdk[v];
    await expectNotFound(() => client.connections.get(UNKNOWN_ID, once));
    await expectNotFound(() => client.connections.update(UNKNOWN_ID, s3Body("x"), once));
    await expectNotFound(() => client.connections.remove(UNKNOWN_ID, {}, once));
    const body = s3Body(`bad-${v}`);
    const { s3_bucket_region: _region, ...configuration } = body.configuration;
    const invalid = await sdkError(client.connections.create({ ...body, configuration }, once));
    expect(invalid.statusCode).toBeGreaterThanOrEqual(400);
    expect(invalid.statusCode).toBeLessThan(500);
    expect(errorMessage(invalid)).toContain("configuration.s3_bucket_region");
  });
});

describe("schema cache and bulk-sync metadata", () => {
  it("reports the status, refreshes with 202 and serves a cached schema", async () => {
    const id = await createConnection(sdk.v2024, salesforceBody("sf-cache"));
    await waitForCache(sdk.v2024, id);
    const status = expectKeys((await sdk.v2024.schemas.getStatus(id, once)).data, KEYS.schemaStatus);
    expect(status.cache_status).toBe("fresh");
    expect(Date.parse(String(status.last_refresh_finished))).toBeGreaterThanOrEqual(
      Date.parse(String(status.last_refresh_started)),
    );

    await expect(sdk.v2024.schemas.refresh(id, once)).resolves.toBeUndefined();
    expect(sdk.emu.requestLog.at(-1)).toMatchObject({
      path: `/api/connections/${id}/schemas/refresh`,
      status: 202,
    });
    await waitForCache(sdk.v2025, id);

    const schema = expectKeys((await sdk.v2025.schemas.get(id, "Account", once)).data, KEYS.schema);
    expect(schema.id).toBe("Account");
    const fields = schema.fields as unknown[];
    expect(fields.length).toBeGreaterThan(0);
    const idField = expectKeys(
      fields.find((f) => (f as { id: string }).id === "Id"),
      KEYS.schemaField,
    );
    expect(idField.is_primary_key).toBe(true);
    expect(idField.type).toBe("string");

    const missing = await sdkError(sdk.v2024.schemas.get(id, "NoSuchObject", once));
    expect(missing).toBeInstanceOf(Polytomic.NotFoundError);
    const unknown = await sdkError(sdk.v2024.schemas.getStatus(UNKNOWN_ID, once));
    expect(unknown).toBeInstanceOf(Polytomic.NotFoundError);
  });

  it("lists bulk-sync source schemas, with fields on request, and the destination's options", async () => {
    const sf = await createConnection(sdk.v2024, salesforceBody("sf-bulk-meta"));
    const s3 = await createConnection(sdk.v2024, s3Body("s3-bulk-meta"));
    await waitForCache(sdk.v2024, sf);

    const bare = expectKeys((await sdk.v2024.bulkSync.getSource(sf, {}, once)).data, KEYS.bulkSource);
    const schemas = bare.schemas as Record<string, unknown>[];
    expect(schemas.map((s) => s.id)).toEqual(expect.arrayContaining(["Account", "Contact"]));
    expectKeys(bare.capabilities, ["supports_tracking_fields"]);

    const withFields = await sdk.v2025.bulkSync.getSource(sf, { include_fields: true }, once);
    const account = (withFields.data?.schemas ?? []).find((s) => s.id === "Account");
    expectKeys(account?.fields?.[0], KEYS.schemaField);

    const target = expectKeys((await sdk.v2024.bulkSync.getDestination(s3, once)).data, KEYS.bulkTarget);
    const modes = target.modes as Record<string, unknown>[];
    expect(modes.map((m) => m.id)).toEqual(expect.arrayContaining(["snapshot", "replicate"]));
    expect(target.supported_resync_modes).toBeInstanceOf(Array);
  });

  it("refuses a refresh of an unhealthy connection with a 4xx", async () => {
    const pending = await sdk.v2024.connections.create(
      { name: "sf-oauth", type: "salesforce", configuration: { domain: "https://x.my.salesforce.com" } },
      once,
    );
    expect(pending.data?.auth_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\//);
    const error = await sdkError(sdk.v2024.schemas.refresh(String(pending.data?.id), once));
    expect(error).toBeInstanceOf(Polytomic.BadRequestError);
    const pg = await createConnection(sdk.v2025, postgresBody("pg-refresh"));
    await expect(sdk.v2025.schemas.refresh(pg, once)).resolves.toBeUndefined();
  });
});
