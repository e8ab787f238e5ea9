/**
 * The bulk-sync schemas sub-resource as the sources describe it, and where they are silent, refusing
 * nothing and losing nothing: the list holds the schemas configured on the sync (SDK
 * `bulkSync.schemas.list`); PATCH changes only the schemas it lists and, within one, only what it sets
 * (omitted `fields` enable every field, as documented); a field list never drops a field.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator";
import { data, rawClient } from "./http";

let emu: Emulator;
const call = rawClient(() => emu);
const ids = { source: "", destination: "" };
let accountFields: string[] = [];
type Json = Record<string, unknown>;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, schemaCacheDelayMs: 0 });
  const sf = await call("POST", "/api/connections", {
    name: "crm",
    type: "salesforce",
    configuration: { domain: "d", connect_mode: "api", client_id: "i", client_secret: "s" },
  });
  const pg = await call("POST", "/api/connections", {
    name: "pg",
    type: "postgresql",
    configuration: { hostname: "h", username: "u", password: "p", database: "d" },
  });
  ids.source = String(data(sf).id);
  ids.destination = String(data(pg).id);
  const account = await call("GET", `/api/connections/${ids.source}/schemas/Account`);
  accountFields = (data(account).fields as Json[]).map((f) => String(f.id));
  expect(accountFields.length).toBeGreaterThan(3);
});
afterAll(async () => {
  await emu.close();
});

async function sync(schemas: unknown[]): Promise<string> {
  const created = await call("POST", "/api/bulk/syncs", {
    name: `s-${Math.random()}`,
    source_connection_id: ids.source,
    destination_connection_id: ids.destination,
    mode: "replicate",
    default_schedule: { frequency: "manual" },
    destination_configuration: { schema: "sf" },
    schemas,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return String(data(created).id);
}

const schema = async (id: string, schemaId: string) =>
  data(await call("GET", `/api/bulk/syncs/${id}/schemas/${schemaId}`));
const fieldsOf = (s: Json) => s.fields as { id: string; enabled: boolean; obfuscated: boolean }[];
const enabledOf = (s: Json) =>
  fieldsOf(s)
    .filter((f) => f.enabled)
    .map((f) => f.id);

describe("bulk sync schemas", () => {
  it("lists the schemas configured on the sync, enabled or not, filtered by the SDK's filters", async () => {
    const id = await sync(["Account", { id: "Contact", enabled: false }]);
    const list = await call("GET", `/api/bulk/syncs/${id}/schemas`);
    expect((list.body.data as Json[]).map((s) => [s.id, s.enabled])).toEqual([
      ["Account", true],
      ["Contact", false],
    ]);
    const off = await call(
      "GET",
      `/api/bulk/syncs/${id}/schemas?filters=${encodeURIComponent('{"enabled":"false"}')}`,
    );
    expect((off.body.data as Json[]).map((s) => s.id)).toEqual(["Contact"]);
    // A filters value no source describes filters nothing (it is not refused).
    const odd = await call("GET", `/api/bulk/syncs/${id}/schemas?filters=not-json`);
    expect(odd.status).toBe(200);
    expect(odd.body.data).toHaveLength(2);
  });

  it("keeps every field of an object a field list leaves out, disabled, on create and PUT", async () => {
    const id = await sync([{ id: "Account", fields: ["Id", "Name"] }]);
    const created = await schema(id, "Account");
    expect(enabledOf(created)).toEqual(["Id", "Name"]);
    expect(fieldsOf(created).map((f) => f.id)).toEqual(accountFields);
    const put = await call("PUT", `/api/bulk/syncs/${id}/schemas/Account`, {
      fields: [{ id: "Website" }],
      partition_key: "Id",
    });
    expect(put.status).toBe(200);
    expect(enabledOf(data(put))).toEqual(["Website"]);
    expect(fieldsOf(data(put)).map((f) => f.id)).toEqual(accountFields);
    // PUT is a full replacement: what it leaves out is unset.
    const again = await call("PUT", `/api/bulk/syncs/${id}/schemas/Account`, {});
    expect(data(again)).not.toHaveProperty("partition_key");
    expect(enabledOf(data(again))).toEqual(accountFields);
  });

  it("PATCH changes only what it sets: listed fields, the keys it sends", async () => {
    const id = await sync([
      {
        id: "Account",
        partition_key: "Id",
        tracking_field: "LastModifiedDate",
        fields: [{ id: "Id", obfuscate: false }, { id: "Name", obfuscate: true }, { id: "Website" }],
      },
      "Contact",
    ]);
    const patch = (schemas: unknown[]) => call("PATCH", `/api/bulk/syncs/${id}/schemas`, { schemas });

    // A field list changes the fields it names; the others stay as they were, none is dropped.
    expect(
      (await patch([{ id: "Account", fields: [{ id: "Website", enabled: false }, { id: "Industry" }] }]))
        .status,
    ).toBe(200);
    let account = await schema(id, "Account");
    expect(enabledOf(account)).toEqual(
      ["Id", "Name", "Industry"].sort((a, b) => accountFields.indexOf(a) - accountFields.indexOf(b)),
    );
    expect(fieldsOf(account).map((f) => f.id)).toEqual(accountFields);
    expect(account).toMatchObject({ partition_key: "Id", tracking_field: "LastModifiedDate" });

    // Without fields: every field enabled (documented), obfuscation and the keys kept.
    expect((await patch([{ id: "Account", enabled: true }])).status).toBe(200);
    account = await schema(id, "Account");
    expect(enabledOf(account)).toEqual(accountFields);
    expect(fieldsOf(account).find((f) => f.id === "Name")?.obfuscated).toBe(true);
    expect(account).toMatchObject({ partition_key: "Id", tracking_field: "LastModifiedDate" });

    // The schemas it does not list are untouched; a schema it names for the first time is added.
    const before = await schema(id, "Contact");
    expect((await patch([{ id: "Lead", enabled: false }])).status).toBe(200);
    expect(await schema(id, "Contact")).toEqual(before);
    const list = await call("GET", `/api/bulk/syncs/${id}/schemas`);
    expect((list.body.data as Json[]).map((s) => [s.id, s.enabled])).toEqual([
      ["Account", true],
      ["Contact", true],
      ["Lead", false],
    ]);
  });
});
