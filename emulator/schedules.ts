/**
 * Bulk-sync schedules in both API versions. The store keeps the 2025-09-18 form (`default_schedule` +
 * `additional_schedules`); 2024-02-08's single `schedule` (with `frequency: multi` for split schedules)
 * is translated on the way in and out.
 */
import {
  REQUIRED_SCHEDULE_PARTS,
  SCHEDULE_PART_RANGES,
  type SchedulePart,
  schedulePartProblem,
} from "../grammar/cron";
import { badRequest } from "./errors";
import type { StoredSchedule } from "./store";

/** Schedule frequencies the API accepts. */
export const FREQUENCIES = [
  "manual",
  "continuous",
  "hourly",
  "daily",
  "weekly",
  "custom",
  "builtin",
  "runafter",
  "multi",
];
/** Schedule parts and their ranges. */
export const PARTS = SCHEDULE_PART_RANGES;
/** Parts a frequency cannot do without. */
export const REQUIRED_PARTS = REQUIRED_SCHEDULE_PARTS;

/** Validates one schedule part; cron syntax only with the `custom` frequency. */
export function part(value: unknown, field: string, name: SchedulePart, cron: boolean): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const text = String(value);
  const problem = schedulePartProblem(name, text, cron);
  if (problem) throw badRequest(field, problem);
  return text;
}

/** Validates one schedule object (either version's fields) into the stored form. */
export function readSchedule(raw: unknown, field: string, id: string): StoredSchedule {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw badRequest(field, "must be an object");
  const s = raw as Record<string, unknown>;
  if (typeof s.frequency !== "string" || !FREQUENCIES.includes(s.frequency)) {
    throw badRequest(`${field}.frequency`, `must be one of ${FREQUENCIES.join(", ")}`);
  }
  const out: StoredSchedule = { frequency: s.frequency, id: typeof s.id === "string" ? s.id : id };
  for (const name of Object.keys(PARTS) as SchedulePart[]) {
    const value = part(s[name], `${field}.${name}`, name, s.frequency === "custom");
    if (value !== undefined) out[name] = value;
  }
  for (const required of REQUIRED_PARTS[s.frequency] ?? []) {
    if (out[required] === undefined)
      throw badRequest(`${field}.${required}`, `is required for frequency ${s.frequency}`);
  }
  if (Array.isArray(s.schemas)) out.schemas = s.schemas.map(String);
  if (typeof s.selective_mode === "string") out.selective_mode = s.selective_mode;
  if (typeof s.resync_mode === "string") out.resync_mode = s.resync_mode;
  return out;
}

/** Reads 2024-02-08 `schedule` into the stored form. */
export function fromLegacySchedule(
  raw: unknown,
  newId: () => string,
): { default_schedule: StoredSchedule; additional_schedules: StoredSchedule[] } {
  const schedule = readSchedule(raw, "schedule", newId());
  if (schedule.frequency !== "multi") return { default_schedule: schedule, additional_schedules: [] };
  const multi = (raw as { multi?: { schedules?: unknown } }).multi;
  const items = Array.isArray(multi?.schedules)
    ? (multi.schedules as { item?: string; schedule?: unknown }[])
    : [];
  if (items.length === 0) throw badRequest("schedule.multi.schedules", "is required for frequency multi");
  const read = items.map((item, i) => ({
    item: item.item ?? "none",
    schedule: readSchedule(item.schedule, `schedule.multi.schedules[${i}].schedule`, newId()),
  }));
  const main = read.find((r) => r.item === "none") ?? read[0];
  return {
    default_schedule: main?.schedule ?? schedule,
    additional_schedules: read
      .filter((r) => r !== main)
      .map((r) => ({ ...r.schedule, selective_mode: r.item })),
  };
}

const publicFields = (s: StoredSchedule) => {
  const { schemas: _schemas, selective_mode: _mode, resync_mode: _resync, ...rest } = s;
  return rest;
};

/** Answers the stored schedules in 2024-02-08's `schedule` shape. */
export function toLegacySchedule(
  defaultSchedule: StoredSchedule,
  additional: StoredSchedule[],
): Record<string, unknown> {
  const { id: _id, ...main } = publicFields(defaultSchedule);
  if (additional.length === 0) return main;
  return {
    frequency: "multi",
    multi: {
      type: "split",
      schedules: [
        { item: "none", schedule: main },
        ...additional.map((s) => {
          const { id: _sid, ...rest } = publicFields(s);
          return { item: s.selective_mode ?? "none", schedule: rest };
        }),
      ],
    },
  };
}
