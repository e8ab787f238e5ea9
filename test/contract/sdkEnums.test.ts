/**
 * The emulator's enumerations (emulator/enums.ts) against the ones the official SDK declares
 * (`polytomic` 1.18.1, `api/types/*.d.ts`, whose runtime constants carry the same values), and the
 * emulator accepting every value of each.
 */
import { Polytomic } from "polytomic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator";
import { SDK_ENUMS } from "../../emulator/enums";
import { data, goClient } from "./http";

let emu: Emulator;
const go = goClient(() => emu);
const ids = { sf: "", pg: "", model: "", bulk: "" };
const ref = (field: string) => ({ model_id: ids.model, field });

beforeAll(async () => {
  emu = await startEmulator({ port: 0, schemaCacheDelayMs: 0 });
  const create = async (path: string, body: Record<string, unknown>) => {
    const r = await go("POST", path, body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return String(data(r).id);
  };
  ids.sf = await create("/api/connections", {
    name: "sf",
    type: "salesforce",
    configuration: { domain: "d", connect_mode: "api", client_id: "i", client_secret: "s" },
  });
  ids.pg = await create("/api/connections", {
    name: "pg",
    type: "postgresql",
    configuration: { hostname: "h", username: "u", password: "p", database: "d" },
  });
  ids.model = await create("/api/models", {
    name: "users",
    connection_id: ids.pg,
    configuration: { table: "public.users" },
  });
  ids.bulk = await create("/api/bulk/syncs", {
    name: "b",
    source_connection_id: ids.sf,
    destination_connection_id: ids.pg,
    mode: "replicate",
    schedule: { frequency: "manual" },
    destination_configuration: { schema: "sf" },
  });
});
afterAll(async () => {
  await emu.close();
});

const sdkValues = (name: string) =>
  Object.values((Polytomic as unknown as Record<string, Record<string, string>>)[name] ?? {});

describe("enumerations", () => {
  it.each(Object.keys(SDK_ENUMS))("%s has exactly the SDK's values", (name) => {
    expect(sdkValues(name)).not.toEqual([]);
    expect([...(SDK_ENUMS[name] ?? [])].sort()).toEqual(sdkValues(name).sort());
  });

  const sync = (change: Record<string, unknown>) =>
    go("POST", "/api/syncs", {
      name: "s",
      mode: "create",
      fields: [{ source: ref("email"), target: "email" }],
      schedule: { frequency: "manual" },
      target: { connection_id: ids.pg, object: "public.users" },
      ...change,
    });

  it.each(sdkValues("ScheduleFrequency"))(
    "accepts schedule frequency %s on model and bulk syncs",
    async (f) => {
      expect((await sync({ schedule: { frequency: f } })).status).toBe(200);
      const bulk = await go("POST", "/api/bulk/syncs", {
        name: `bulk ${f}`,
        source_connection_id: ids.sf,
        destination_connection_id: ids.pg,
        mode: "replicate",
        schedule: { frequency: f },
        destination_configuration: { schema: "sf" },
      });
      expect(bulk.status, JSON.stringify(bulk.body)).toBe(200);
    },
  );

  it.each(sdkValues("ModelSyncMode"))(
    "accepts model-sync mode %s on a target that offers it",
    async (mode) => {
      const identity = { source: ref("email"), target: "Email", function: "Equality" };
      const onSalesforce = ["update", "remove"].includes(mode);
      const r = await sync({
        mode,
        identity: onSalesforce ? identity : { ...identity, target: "email" },
        fields: [{ source: ref("email"), target: onSalesforce ? "Email" : "email" }],
        target: onSalesforce
          ? { connection_id: ids.sf, object: "Contact" }
          : { connection_id: ids.pg, object: "public.users" },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    },
  );

  it.each(sdkValues("SchemaIdentityFunction"))("accepts identity function %s", async (fn) => {
    const r = await sync({ identity: { source: ref("email"), target: "email", function: fn } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });

  it.each(sdkValues("FilterFunction"))("accepts filter and override function %s", async (fn) => {
    const r = await sync({
      filters: [{ function: fn, field: ref("email"), field_type: "Model" }],
      overrides: [{ function: fn, field: ref("email"), override: "x" }],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });

  it("accepts every bulk-sync enumeration value", async () => {
    for (const mode of sdkValues("BulkSyncMode"))
      for (const discover of sdkValues("BulkDiscover"))
        for (const normalize of sdkValues("BulkNormalizeNames")) {
          const r = await go("PUT", `/api/bulk/syncs/${ids.bulk}`, {
            name: "b",
            source_connection_id: ids.sf,
            destination_connection_id: ids.pg,
            mode,
            schedule: {
              frequency: "multi",
              multi: {
                schedules: sdkValues("BulkSelectiveMode").map((item) => ({
                  item,
                  schedule: { frequency: "daily", hour: "1", minute: "0" },
                })),
              },
            },
            destination_configuration: { schema: "sf" },
            automatically_add_new_fields: discover,
            automatically_add_new_objects: discover,
            normalize_names: normalize,
          });
          expect(r.status, JSON.stringify(r.body)).toBe(200);
        }
    for (const resync of sdkValues("BulkResyncMode"))
      for (const fetch of sdkValues("BulkFetchMode")) {
        const started = await go("POST", `/api/bulk/syncs/${ids.bulk}/executions`, {
          resync_mode: resync,
          fetch_mode: fetch,
        });
        expect(started.status, JSON.stringify(started.body)).toBe(200);
        expect((await go("POST", `/api/bulk/syncs/${ids.bulk}/cancel`)).status).toBe(200);
      }
  });
});
