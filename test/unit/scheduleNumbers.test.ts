/**
 * Schedule parts written as numbers (`hour: 9`) are the same program as their decimal strings
 * (`hour: "9"`): check passes them and hands the engine the string form, so the request body is the
 * same, and neither a diff against the strings nor one after a refresh (the API answers strings) finds
 * a change. Out-of-range numbers fail check on the part's path like out-of-range strings.
 */
import { describe, expect, it } from "vitest";
import { type BulkSyncInputs, bulkSyncProvider } from "../../provider/resources/bulkSync";
import { modelSyncProvider } from "../../provider/resources/modelSync";
import {
  type ApiModelSync,
  fromApiModelSync,
  type ModelSyncInputs,
  toApiModelSync,
} from "../../provider/resources/modelSyncWire";
import { fromApiSchedules, toApiSchedules } from "../../provider/resources/schedule";

const urn = (type: string, name: string) =>
  `urn:pulumi:dev::proj::pulumi-nodejs:dynamic/polytomic:${type}::${name}`;

/** What a JavaScript program (or a TypeScript one, now) may pass: parts as numbers. */
type Loose<T> = Omit<T, "schedule" | "additionalSchedules"> & {
  schedule: Record<string, unknown>;
  additionalSchedules?: Record<string, unknown>[];
};

const bulk = (over: Partial<Loose<BulkSyncInputs>> = {}): BulkSyncInputs =>
  ({
    resourceUrn: urn("BulkSync", "nightly"),
    name: "nightly",
    sourceConnectionId: "src",
    destinationConnectionId: "dst",
    schedule: { frequency: "daily", hour: "9", minute: "0" },
    destinationConfiguration: { schema: "RAW" },
    ...over,
  }) as BulkSyncInputs;

const modelSync = (over: Partial<Loose<ModelSyncInputs>> = {}): ModelSyncInputs =>
  ({
    resourceUrn: urn("ModelSync", "contacts"),
    name: "contacts",
    mode: "create",
    schedule: { frequency: "daily", hour: "9", minute: "0" },
    target: { connectionId: "sf", object: "Contact" },
    targetConnectionId: "sf",
    fields: [{ source: { modelId: "m1", field: "email" }, target: "Email" }],
    ...over,
  }) as ModelSyncInputs;

const numbers = { frequency: "custom", minute: 5, hour: 9, dayOfWeek: 1, dayOfMonth: 15, month: 12 };
const strings = {
  frequency: "custom",
  minute: "5",
  hour: "9",
  dayOfWeek: "1",
  dayOfMonth: "15",
  month: "12",
};

async function checkedBulk(inputs: BulkSyncInputs): Promise<BulkSyncInputs> {
  const result = await bulkSyncProvider.check?.(inputs, inputs);
  expect(result?.failures ?? []).toEqual([]);
  return result?.inputs as BulkSyncInputs;
}

async function checkedModelSync(inputs: ModelSyncInputs): Promise<ModelSyncInputs> {
  const result = await modelSyncProvider.check?.(inputs, inputs);
  expect(result?.failures ?? []).toEqual([]);
  return result?.inputs as ModelSyncInputs;
}

describe("BulkSync schedule parts as numbers", () => {
  it("hour: 9 passes check and becomes the string the API takes", async () => {
    const checked = await checkedBulk(bulk({ schedule: { frequency: "daily", hour: 9, minute: 0 } }));
    expect(checked.schedule).toEqual({ frequency: "daily", hour: "9", minute: "0" });
  });

  it("every part, in the schedule and the additional schedules, checks to what the strings check to", async () => {
    const fromNumbers = await checkedBulk(
      bulk({ schedule: numbers, additionalSchedules: [{ ...numbers, selectiveMode: "incrementalFields" }] }),
    );
    const fromStrings = await checkedBulk(
      bulk({ schedule: strings, additionalSchedules: [{ ...strings, selectiveMode: "incrementalFields" }] }),
    );
    expect(fromNumbers).toEqual(fromStrings);
    for (const version of ["2024-02-08", "2025-09-18"] as const)
      expect(
        toApiSchedules(fromNumbers.schedule, fromNumbers.additionalSchedules ?? [], version),
        `request body, API ${version}`,
      ).toEqual(toApiSchedules(fromStrings.schedule, fromStrings.additionalSchedules ?? [], version));
  });

  it("shows no change against the strings, nor after a refresh", async () => {
    const fromNumbers = await checkedBulk(bulk({ schedule: numbers }));
    const fromStrings = await checkedBulk(bulk({ schedule: strings }));
    expect((await bulkSyncProvider.diff?.("b1", fromStrings as never, fromNumbers))?.changes).toBe(false);
    expect((await bulkSyncProvider.diff?.("b1", fromNumbers as never, fromStrings))?.changes).toBe(false);
    // Refresh: the state's schedule becomes what the API answers.
    const api = toApiSchedules(fromNumbers.schedule, [], "2025-09-18");
    const refreshed = { ...fromNumbers, schedule: fromApiSchedules(api, "2025-09-18").schedule };
    expect(refreshed.schedule).toEqual(strings);
    expect((await bulkSyncProvider.diff?.("b1", refreshed as never, fromNumbers))?.changes).toBe(false);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ["hour 24", { frequency: "daily", hour: 24, minute: 0 }, "schedule.hour", "from 0 to 23 (got 24)"],
    ["minute -1", { frequency: "hourly", minute: -1 }, "schedule.minute", "from 0 to 59 (got -1)"],
    ["minute 7.5", { frequency: "hourly", minute: 7.5 }, "schedule.minute", "(got 7.5)"],
    ["minute NaN", { frequency: "hourly", minute: Number.NaN }, "schedule.minute", "(got NaN)"],
    ["month 0", { ...numbers, month: 0 }, "schedule.month", "from 1 to 12 (got 0)"],
    ["dayOfWeek 7", { ...numbers, dayOfWeek: 7 }, "schedule.dayOfWeek", "from 0 to 6 (got 7)"],
    ["dayOfMonth 32", { ...numbers, dayOfMonth: 32 }, "schedule.dayOfMonth", "from 1 to 31 (got 32)"],
  ])("refuses %s, naming the part", async (_, schedule, path, reason) => {
    const result = await bulkSyncProvider.check?.(bulk({ schedule }), bulk({ schedule }));
    expect(result?.failures).toHaveLength(1);
    // The engine looks the property up among the top-level inputs only: the whole path is in the reason.
    expect(result?.failures?.[0]?.property).toBe("schedule");
    expect(result?.failures?.[0]?.reason).toMatch(
      new RegExp(`^BulkSync "nightly": ${path.replace(".", "\\.")} `),
    );
    expect(result?.failures?.[0]?.reason).toContain(reason);
  });

  it("refuses a number out of range in an additional schedule on its path", async () => {
    const inputs = bulk({ additionalSchedules: [{ frequency: "hourly", minute: 60 }] });
    const result = await bulkSyncProvider.check?.(inputs, inputs);
    expect(result?.failures?.map((f) => `${f.property}|${f.reason}`)).toEqual([
      expect.stringMatching(
        /^additionalSchedules\|BulkSync "nightly": additionalSchedules\[0\]\.minute .*\(got 60\)$/,
      ),
    ]);
  });
});

describe("ModelSync schedule parts as numbers", () => {
  it('hour: 9 passes check and sends the same body as hour: "9"', async () => {
    const fromNumbers = await checkedModelSync(
      modelSync({ schedule: { frequency: "daily", hour: 9, minute: 0 } }),
    );
    const fromStrings = await checkedModelSync(modelSync());
    expect(fromNumbers.schedule).toEqual({ frequency: "daily", hour: "9", minute: "0" });
    expect(toApiModelSync(fromNumbers)).toEqual(toApiModelSync(fromStrings));
    expect((toApiModelSync(fromNumbers) as { schedule: unknown }).schedule).toEqual({
      frequency: "daily",
      hour: "9",
      minute: "0",
    });
  });

  it("shows no change against the strings, nor after a refresh", async () => {
    const fromNumbers = await checkedModelSync(modelSync({ schedule: numbers }));
    const fromStrings = await checkedModelSync(modelSync({ schedule: strings }));
    expect((await modelSyncProvider.diff?.("s1", fromStrings as never, fromNumbers))?.changes).toBe(false);
    // Refresh: read builds the state from what the API answers.
    const api = { id: "s1", ...toApiModelSync(fromNumbers) } as unknown as ApiModelSync;
    const refreshed = fromApiModelSync(api, fromNumbers);
    expect(refreshed.schedule).toEqual(strings);
    expect((await modelSyncProvider.diff?.("s1", refreshed, fromNumbers))?.changes).toBe(false);
  });

  it("refuses an out-of-range number, naming the part", async () => {
    const inputs = modelSync({ schedule: { frequency: "daily", hour: 9, minute: 60 } });
    const result = await modelSyncProvider.check?.(inputs, inputs);
    expect(result?.failures?.map((f) => `${f.property}|${f.reason}`)).toEqual([
      expect.stringMatching(/^schedule\|ModelSync "contacts": schedule\.minute .*from 0 to 59 \(got 60\)$/),
    ]);
  });
});
