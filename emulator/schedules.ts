/**
 * Schedules. Bulk syncs: the store keeps the 2025-09-18 form (`default_schedule` +
 * `additional_schedules`); 2024-02-08's single `schedule` (with `frequency: multi` for split
 * schedules) is translated on the way in and out. Model syncs read their `schedule` with
 * {@link scheduleParts} too.
 *
 * Only the frequency is checked, against the SDK's `ScheduleFrequency`. Schedule parts (`minute`,
 * `hour`, `day_of_week`, `day_of_month`, `month`) are strings in the SDK's `Schedule` and
 * `BulkSchedule` and are stored as sent: no source documents which parts a frequency needs (the
 * Terraform provider treats them as values the server may fill in) or which cron syntax `custom`
 * accepts, so the emulator refuses neither. That is also why it needs no cron parser.
 */
import { BULK_SELECTIVE_MODES, isUnset, SCHEDULE_FREQUENCIES } from "./enums";
import { canonical } from "./filters";
import { refuse } from "./rules";
import type { StoredSchedule } from "./store";

/** The schedule parts of the SDK's `Schedule` / `BulkSchedule`. */
export const SCHEDULE_PARTS = ["minute", "hour", "day_of_week", "day_of_month", "month"] as const;

/** The parts `s` sets (an unset part, `""` included, is left out). */
export function scheduleParts(
  s: Record<string, unknown>,
): Partial<Record<(typeof SCHEDULE_PARTS)[number], string>> {
  const out: Partial<Record<(typeof SCHEDULE_PARTS)[number], string>> = {};
  for (const name of SCHEDULE_PARTS) if (!isUnset(s[name])) out[name] = String(s[name]);
  return out;
}

/** Validates one bulk schedule object (either version's fields) into the stored form. */
export function readSchedule(raw: unknown, field: string, id: string): StoredSchedule {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw refuse("body.wrong-type", { field, expected: "an object" });
  const s = raw as Record<string, unknown>;
  // BulkSchedule.frequency is required in the SDK's type.
  if (isUnset(s.frequency)) throw refuse("bulk-sync.required", { field: `${field}.frequency` });
  const frequency = canonical(s.frequency, SCHEDULE_FREQUENCIES, `${field}.frequency`);
  const out: StoredSchedule = { frequency, id: typeof s.id === "string" && s.id !== "" ? s.id : id };
  Object.assign(out, scheduleParts(s));
  if (Array.isArray(s.schemas)) out.schemas = s.schemas.map(String);
  if (!isUnset(s.selective_mode))
    out.selective_mode = canonical(s.selective_mode, BULK_SELECTIVE_MODES, `${field}.selective_mode`);
  if (!isUnset(s.resync_mode)) out.resync_mode = String(s.resync_mode);
  return out;
}

/** Reads 2024-02-08 `schedule` into the stored form. */
export function fromLegacySchedule(
  raw: unknown,
  newId: () => string,
): { default_schedule: StoredSchedule; additional_schedules: StoredSchedule[] } {
  const schedule = readSchedule(raw, "schedule", newId());
  const multi = (raw as { multi?: { schedules?: unknown } }).multi;
  const items = Array.isArray(multi?.schedules)
    ? (multi.schedules as { item?: unknown; schedule?: unknown }[])
    : [];
  if (schedule.frequency !== "multi" || items.length === 0)
    return { default_schedule: schedule, additional_schedules: [] };
  const read = items.map((item, i) => ({
    item: isUnset(item.item)
      ? "none"
      : canonical(item.item, BULK_SELECTIVE_MODES, `schedule.multi.schedules[${i}].item`),
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
