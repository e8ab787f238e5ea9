/**
 * The program-facing schedule and its two wire shapes: 2024-02-08 `schedule` (split schedules as
 * `frequency: multi`) and 2025-09-18 `default_schedule` + `additional_schedules`.
 */

import type { ApiVersion } from "../client/client";
import { type Failures, isUnknown } from "../internal/check";
import { REQUIRED_SCHEDULE_PARTS, type SchedulePart, schedulePartProblem } from "../internal/cron";
import { SCHEDULE_FREQUENCIES, type ScheduleFrequency, SPLIT_FREQUENCY, type Unchecked } from "./enums";

/**
 * When a sync runs. Parts are cron-like strings (UTC); a plain value may be written as a number
 * (`hour: 9` is `hour: "9"`: check sends and stores the string).
 */
export interface Schedule {
  /**
   * `manual`, `continuous`, `hourly`, `daily`, `weekly`, `custom` (cron), `builder`, `runafter`,
   * `dbtcloud`: the official SDK's `ScheduleFrequency`, except `multi`, which is how the API carries
   * split schedules and which a program writes as `additionalSchedules`.
   */
  readonly frequency: ScheduleFrequency;
  /** 0-59. Required for hourly, daily, weekly and custom. */
  readonly minute?: string | number;
  /** 0-23. Required for daily, weekly and custom. */
  readonly hour?: string | number;
  /** 0-6 (Sunday = 0). Required for weekly and custom. */
  readonly dayOfWeek?: string | number;
  /** 1-31. Required for custom. */
  readonly dayOfMonth?: string | number;
  /** 1-12. Required for custom. */
  readonly month?: string | number;
}

/** A schedule as the provider receives it (before `check`) and reads it back from the API. */
export type WireSchedule = Unchecked<Schedule>;

type Part = "minute" | "hour" | "dayOfWeek" | "dayOfMonth" | "month";
const WIRE: Record<Part, SchedulePart> = {
  minute: "minute",
  hour: "hour",
  dayOfWeek: "day_of_week",
  dayOfMonth: "day_of_month",
  month: "month",
};
const PROGRAM = Object.fromEntries(Object.entries(WIRE).map(([p, w]) => [w, p])) as Record<
  SchedulePart,
  Part
>;

/**
 * Validates a schedule at `path`. Its frequency is one of {@link SCHEDULE_FREQUENCIES}; `multi`, which
 * the SDK's `ScheduleFrequency` also lists, is refused with `splitAdvice`, which says how the program
 * writes what `multi` carries.
 */
export function checkSchedule(
  failures: Failures,
  path: string,
  schedule: unknown,
  splitAdvice: string,
): void {
  if (isUnknown(schedule)) return;
  if (typeof schedule !== "object" || schedule === null) {
    failures.add(path, "is required: an object with a frequency");
    return;
  }
  const s = schedule as Record<string, unknown>;
  if (s.frequency === SPLIT_FREQUENCY)
    failures.add(`${path}.frequency`, `must not be ${SPLIT_FREQUENCY}: ${splitAdvice}`);
  else failures.oneOf(`${path}.frequency`, s.frequency ?? "", SCHEDULE_FREQUENCIES);
  for (const part of Object.keys(WIRE) as Part[]) {
    const value = s[part];
    if (value === undefined || isUnknown(value)) continue;
    const problem = schedulePartProblem(WIRE[part], String(value).trim(), s.frequency === "custom");
    // JSON.stringify would show NaN and Infinity as null.
    const got = typeof value === "number" ? String(value) : JSON.stringify(value);
    if (problem) failures.add(`${path}.${part}`, `${problem} (got ${got})`);
  }
  for (const part of REQUIRED_SCHEDULE_PARTS[String(s.frequency)] ?? []) {
    if (s[PROGRAM[part]] === undefined)
      failures.add(`${path}.${PROGRAM[part]}`, `is required when frequency is ${String(s.frequency)}`);
  }
}

/**
 * `schedule` with parts written as numbers turned into the strings the API holds, for check to hand
 * on: state then holds what a refresh reads back, so `hour: 9` and `hour: "9"` never differ. Anything
 * that is not a schedule object (unknown during preview, a check failure) comes back as it was.
 */
export function normalizeSchedule<T>(schedule: T): T {
  if (isUnknown(schedule) || typeof schedule !== "object" || schedule === null || Array.isArray(schedule))
    return schedule;
  const out: Record<string, unknown> = { ...(schedule as Record<string, unknown>) };
  for (const part of Object.keys(WIRE) as Part[])
    if (typeof out[part] === "number") out[part] = String(out[part]);
  return out as T;
}

/** {@link normalizeSchedule} over a list of schedules; anything else comes back as it was. */
export function normalizeSchedules<T>(schedules: T): T {
  return (Array.isArray(schedules) ? schedules.map(normalizeSchedule) : schedules) as T;
}

/** A schedule's frequency and parts in the API's snake_case. */
export function toWire(s: WireSchedule): Record<string, unknown> {
  const out: Record<string, unknown> = { frequency: s.frequency };
  for (const part of Object.keys(WIRE) as Part[])
    if (s[part] !== undefined) out[WIRE[part]] = String(s[part]);
  return out;
}

/** The API's schedule parts back in the program's shape. */
export function fromWire(w: Record<string, unknown>): WireSchedule {
  const out: Record<string, string> = { frequency: String(w.frequency) };
  for (const part of Object.keys(WIRE) as Part[]) {
    const v = w[WIRE[part]];
    if (v !== undefined && v !== null && v !== "") out[part] = String(v);
  }
  return out as unknown as WireSchedule;
}

/** Program schedules → request fields for `version`. */
export function toApiSchedules(
  main: WireSchedule,
  additional: readonly (WireSchedule & { schemas?: string[]; selectiveMode?: string })[],
  version: ApiVersion,
): Record<string, unknown> {
  if (version === "2025-09-18") {
    return {
      default_schedule: toWire(main),
      additional_schedules: additional.map((a) => ({
        ...toWire(a),
        ...(a.schemas ? { schemas: a.schemas } : {}),
        ...(a.selectiveMode ? { selective_mode: a.selectiveMode } : {}),
      })),
    };
  }
  if (additional.length === 0) return { schedule: toWire(main) };
  return {
    schedule: {
      frequency: "multi",
      multi: {
        type: "split",
        schedules: [
          { item: "none", schedule: toWire(main) },
          ...additional.map((a) => ({ item: a.selectiveMode ?? "none", schedule: toWire(a) })),
        ],
      },
    },
  };
}

/** Response fields of `version` → program schedules. */
export function fromApiSchedules(
  api: {
    schedule?: Record<string, unknown>;
    default_schedule?: Record<string, unknown>;
    additional_schedules?: Record<string, unknown>[];
  },
  version: ApiVersion,
): {
  schedule: WireSchedule;
  additionalSchedules: (WireSchedule & { schemas?: string[]; selectiveMode?: string })[];
} {
  if (version === "2025-09-18") {
    return {
      schedule: fromWire(api.default_schedule ?? { frequency: "manual" }),
      additionalSchedules: (api.additional_schedules ?? []).map((a) => ({
        ...fromWire(a),
        ...(Array.isArray(a.schemas) && a.schemas.length > 0 ? { schemas: a.schemas.map(String) } : {}),
        ...(typeof a.selective_mode === "string" && a.selective_mode !== ""
          ? { selectiveMode: a.selective_mode }
          : {}),
      })),
    };
  }
  const legacy = api.schedule ?? { frequency: "manual" };
  if (legacy.frequency !== "multi") return { schedule: fromWire(legacy), additionalSchedules: [] };
  const items =
    (legacy.multi as { schedules?: { item?: string; schedule: Record<string, unknown> }[] } | undefined)
      ?.schedules ?? [];
  const [main, ...rest] = items;
  return {
    schedule: fromWire(main?.schedule ?? { frequency: "manual" }),
    additionalSchedules: rest.map((r) => ({
      ...fromWire(r.schedule),
      ...(r.item && r.item !== "none" ? { selectiveMode: r.item } : {}),
    })),
  };
}
