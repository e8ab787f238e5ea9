/**
 * Seed 003 (the Create Bulk Sync reference) replayed as raw HTTP: the documented defaults when the
 * optional fields are omitted (all source schemas selected, new objects not added, new fields added,
 * names normalized, record timestamps kept), and a 400 naming each missing required field.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator";
import { data, rawClient } from "./http";

let emu: Emulator;
const call = rawClient(() => emu);
const v = { "X-Polytomic-Version": "2025-09-18" };
const ids = { source: "", destination: "" };

beforeAll(async () => {
  emu = await startEmulator({ port: 0, schemaCacheDelayMs: 50 });
  const create = async (body: Record<string, unknown>) =>
    String(data(await call("POST", "/api/connections", body, v)).id);
  ids.source = await create({
    name: "crm",
    type: "salesforce",
    configuration: {
      domain: "acme.my.salesforce.com",
      connect_mode: "api",
      client_id: "i",
      client_secret: "s",
    },
  });
  ids.destination = await create({
    name: "warehouse",
    type: "postgresql",
    configuration: { hostname: "db", port: 5432, database: "raw", username: "u", password: "p" },
  });
  await schemasCached(ids.source);
});
afterAll(async () => {
  await emu.close();
});

/**
 * Polls the schema status until the cache holds a completed refresh, as the API reference says: poll
 * until `cache_status` goes from `refreshing` to `fresh` (the docs' example value is `cached`, so that
 * counts too). Throws on timeout: the test below is meaningless against an empty cache.
 */
async function schemasCached(connectionId: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const status = await call("GET", `/api/connections/${connectionId}/schemas/status`, undefined, v);
    expect(status.status).toBe(200);
    last = data(status).cache_status;
    if (last === "fresh" || last === "cached") return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the schema cache of ${connectionId} was not filled in ${timeoutMs} ms (last "${last}")`);
}

const required = () => ({
  name: "crm to warehouse",
  source_connection_id: ids.source,
  destination_connection_id: ids.destination,
  mode: "replicate",
  default_schedule: { frequency: "daily", hour: 3, minute: 0 },
  destination_configuration: { schema: "salesforce" },
});

describe("seed 003: Create Bulk Sync defaults and required fields", () => {
  it("selects every source schema and applies the documented discovery defaults when they are omitted", async () => {
    const created = await call("POST", "/api/bulk/syncs", required(), v);
    expect(created.status).toBe(200);
    const sync = data(created);
    expect(sync).toMatchObject({
      automatically_add_new_objects: "none",
      automatically_add_new_fields: "all",
      normalize_names: "enabled",
      disable_record_timestamps: false,
    });
    const source = await call("GET", `/api/connections/${ids.source}/bulksync/source`, undefined, v);
    const available = (data(source).schemas as { id: string }[]).map((s) => s.id).sort();
    expect(available.length).toBeGreaterThan(5);
    const selected = await call("GET", `/api/bulk/syncs/${sync.id}/schemas`, undefined, v);
    expect((selected.body.data as { id: string }[]).map((s) => s.id).sort()).toEqual(available);
    await call("DELETE", `/api/bulk/syncs/${sync.id}`, undefined, v);
  });

  it.each(["name", "source_connection_id", "destination_connection_id", "mode", "default_schedule"])(
    "answers 400 naming %s when it is missing",
    async (field) => {
      const body: Record<string, unknown> = required();
      delete body[field];
      const response = await call("POST", "/api/bulk/syncs", body, v);
      expect(response.status).toBe(400);
      expect(String(response.body.message)).toContain(field);
      expect(emu.store.list("bulkSyncs")).toHaveLength(0);
    },
  );
});
