/**
 * Resource logic without the engine: check failures name the resource and the property, diffs ignore
 * what must not count, schedules translate between API versions, idempotency keys are deterministic.
 */
import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../provider/internal/check";
import { idempotencyKey } from "../../provider/internal/idempotency";
import { type BulkSyncInputs, bulkSyncProvider } from "../../provider/resources/bulkSync";
import { type ConnectionInputs, connectionProvider } from "../../provider/resources/connection";
import { fromApiSchedules, toApiSchedules } from "../../provider/resources/schedule";

const urn = (type: string, name: string) =>
  `urn:pulumi:dev::proj::pulumi-nodejs:dynamic/polytomic:${type}::${name}`;
const sync = (over: Partial<BulkSyncInputs> = {}): BulkSyncInputs => ({
  resourceUrn: urn("BulkSync", "nightly"),
  name: "nightly",
  sourceConnectionId: "src",
  destinationConnectionId: "dst",
  schedule: { frequency: "daily", hour: "2", minute: "0" },
  destinationConfiguration: { schema: "RAW" },
  ...over,
});

async function failuresOf(inputs: BulkSyncInputs): Promise<string[]> {
  const result = await bulkSyncProvider.check?.(inputs, inputs);
  return (result?.failures ?? []).map((f) => `${f.property}|${f.reason}`);
}

describe("BulkSync check", () => {
  it("accepts a valid sync and values unknown during preview", async () => {
    expect(await failuresOf(sync())).toEqual([]);
    expect(await failuresOf(sync({ sourceConnectionId: UNKNOWN, schemas: [UNKNOWN] }))).toEqual([]);
  });
  it("accepts the SDK's schedule frequency builder, and refuses builtin, which no source names", async () => {
    expect(await failuresOf(sync({ schedule: { frequency: "builder" } }))).toEqual([]);
    expect(await failuresOf(sync({ schedule: { frequency: "builtin" } }))).toHaveLength(1);
  });
  it.each<[string, Partial<BulkSyncInputs>, string]>([
    ["mode", { mode: "mirror" }, "mode"],
    ["frequency", { schedule: { frequency: "sometimes" } }, "schedule.frequency"],
    ["cron part", { schedule: { frequency: "daily", hour: "25", minute: "0" } }, "schedule.hour"],
    ["minute text", { schedule: { frequency: "hourly", minute: "half past" } }, "schedule.minute"],
    ["missing part", { schedule: { frequency: "weekly", hour: "1", minute: "0" } }, "schedule.dayOfWeek"],
    [
      "additional",
      { additionalSchedules: [{ frequency: "daily", minute: "0" }] },
      "additionalSchedules[0].hour",
    ],
    ["empty schemas", { schemas: [] }, "schemas"],
    ["duplicate schema", { schemas: ["Account", "Account"] }, "schemas[1]"],
    ["empty fields", { schemas: [{ id: "Account", fields: [] }] }, "schemas[0].fields"],
    ["discovery", { automaticallyAddNewFields: "some" }, "automaticallyAddNewFields"],
    ["names", { normalizeNames: "yes" }, "normalizeNames"],
    ["concurrency", { concurrencyLimit: 0 }, "concurrencyLimit"],
    [
      "destination",
      { destinationConfiguration: "RAW" as unknown as Record<string, unknown> },
      "destinationConfiguration",
    ],
    ["source", { sourceConnectionId: "" }, "sourceConnectionId"],
  ])("rejects a bad %s naming the resource and %s", async (_label, over, property) => {
    const failures = await failuresOf(sync(over));
    expect(failures.length).toBeGreaterThan(0);
    const [prop, reason] = (failures[0] ?? "").split("|");
    // The engine looks the property up among the top-level inputs only: the whole path is in the reason.
    expect(prop).toBe(property.split(/[.[]/)[0]);
    expect(reason).toMatch(new RegExp(`^BulkSync "nightly": ${property.replace(/[[\].]/g, "\\$&")} `));
  });
});

describe("Connection check and diff", () => {
  const connection = (over: Partial<ConnectionInputs> = {}): ConnectionInputs => ({
    resourceUrn: urn("Connection", "crm"),
    name: "crm",
    type: "stripe",
    configuration: { api_key: "sk_test_1" },
    ...over,
  });
  it("names the resource and field without needing the API for structural errors", async () => {
    const result = await connectionProvider.check?.(
      connection(),
      connection({ type: "", configuration: [] as unknown as Record<string, unknown> }),
    );
    const reasons = (result?.failures ?? []).map((f) => f.reason);
    expect(reasons).toContain('Connection "crm": type is required and must be a non-empty string');
    expect(reasons).toContain('Connection "crm": configuration must be an object');
  });
  it("replaces only on a type change, deleting first when the name is kept, and ignores key order", async () => {
    const olds = {
      ...connection({ configuration: { a: 1, api_key: "x" } }),
      connectionId: "1",
      status: "healthy",
      statusError: "",
    };
    expect(
      await connectionProvider.diff?.("1", olds, connection({ configuration: { api_key: "x", a: 1 } })),
    ).toMatchObject({ changes: false });
    expect(
      await connectionProvider.diff?.(
        "1",
        olds,
        connection({ name: "crm2", configuration: { api_key: "x", a: 1 } }),
      ),
    ).toMatchObject({
      changes: true,
      replaces: [],
    });
    expect(await connectionProvider.diff?.("1", olds, connection({ type: "hubspot" }))).toMatchObject({
      replaces: ["type"],
      deleteBeforeReplace: true,
    });
  });
});

describe("schedules", () => {
  const main = { frequency: "daily", hour: "2", minute: "30" };
  const extra = [{ frequency: "hourly", minute: "5", selectiveMode: "incrementalFields" }];
  it("round-trips through both API versions", () => {
    for (const version of ["2024-02-08", "2025-09-18"] as const) {
      const wire = toApiSchedules(main, extra, version);
      expect(
        fromApiSchedules(
          version === "2025-09-18" ? (wire as never) : { schedule: wire.schedule as Record<string, unknown> },
          version,
        ),
      ).toEqual({
        schedule: main,
        additionalSchedules: extra,
      });
    }
    expect(toApiSchedules(main, [], "2024-02-08")).toEqual({
      schedule: { frequency: "daily", hour: "2", minute: "30" },
    });
    expect(
      toApiSchedules({ frequency: "weekly", dayOfWeek: "1", hour: "0", minute: "0" }, [], "2025-09-18"),
    ).toMatchObject({
      default_schedule: { day_of_week: "1" },
    });
  });
});

describe("idempotency keys", () => {
  it("are deterministic per resource, body and attempt, in the API's alphabet", () => {
    const a = idempotencyKey("urn:a", { x: 1, y: 2 }, 0);
    expect(a).toBe(idempotencyKey("urn:a", { y: 2, x: 1 }, 0));
    expect(a).not.toBe(idempotencyKey("urn:a", { x: 1, y: 2 }, 1));
    expect(a).not.toBe(idempotencyKey("urn:b", { x: 1, y: 2 }, 0));
    expect(a).toMatch(/^[A-Za-z0-9_-]{8,255}$/);
  });
});
