/**
 * Bulk-sync schedules in both API versions. The store keeps the 2025-09-18 form (`default_schedule` +
 * `additional_schedules`); 2024-02-08's single `schedule` (with `frequency: multi` for split schedules)
 * is translated on the way in and out.
 */
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
/** Cron-style schedule parts and their ranges (UTC). */
export const PARTS = {
  minute: [0, 59],
  hour: [0, 23],
  day_of_week: [0, 6],
  day_of_month: [1, 31],
  month: [1, 12],
} as const;
/** Parts a frequency cannot do without. */
export const REQUIRED_PARTS: Readonly<Record<string, readonly (keyof typeof PARTS)[]>> = {
  hourly: ["minute"],
  daily: ["minute", "hour"],
  weekly: ["minute", "hour", "day_of_week"],
  custom: ["minute", "hour", "day_of_month", "month", "day_of_week"],
};

function inRange(text: string, [min, max]: readonly [number, number]): boolean {
  if (!/^\d+$/.test(text)) return false;
  const n = Number(text);
  return n >= min && n <= max;
}

/** One cron field: `*`, `*\/n`, `a`, `a-b`, `a-b/n`, or a comma list of those. */
function cronPart(text: string, range: readonly [number, number]): boolean {
  return text.split(",").every((item) => {
    const [base = "", step] = item.split("/");
    if (step !== undefined && (!/^\d+$/.test(step) || Number(step) === 0)) return false;
    if (base === "*") return true;
    const [from = "", to] = base.split("-");
    if (!inRange(from, range)) return false;
    return to === undefined || (inRange(to, range) && Number(to) >= Number(from));
  });
}

/** Validates one schedule part; cron syntax only with the `custom` frequency. */
export function part(
  value: unknown,
  field: string,
  range: readonly [number, number],
  cron: boolean,
): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const text = String(value);
  if (text === "*") return text;
  if (cron ? cronPart(text, range) : inRange(text, range)) return text;
  const [min, max] = range;
  throw badRequest(
    field,
    cron
      ? `must be a cron field ("*", "*/n", "a-b" or a list) with values from ${min} to ${max}`
      : `must be "*" or a whole number from ${min} to ${max}`,
  );
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
  for (const [name, range] of Object.entries(PARTS) as [keyof typeof PARTS, readonly [number, number]][]) {
    const value = part(s[name], `${field}.${name}`, range, s.frequency === "custom");
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
