/**
 * The program-facing schedule and its two wire shapes: 2024-02-08 `schedule` (split schedules as
 * `frequency: multi`) and 2025-09-18 `default_schedule` + `additional_schedules`.
 */
import type { ApiVersion } from "../client/client";
import { type Failures, isUnknown } from "../internal/check";

/** When a sync runs. Parts are cron-like strings: a number or `*`. */
export interface Schedule {
  /** `manual`, `continuous`, `hourly`, `daily`, `weekly`, `custom`, `builtin`, `runafter`. */
  readonly frequency: string;
  /** 0-59. Required for hourly, daily and weekly. */
  readonly minute?: string;
  /** 0-23. Required for daily and weekly. */
  readonly hour?: string;
  /** 0-6 (Sunday = 0). Required for weekly. */
  readonly dayOfWeek?: string;
  /** 1-31. */
  readonly dayOfMonth?: string;
  /** 1-12. */
  readonly month?: string;
}

const FREQUENCIES = ["manual", "continuous", "hourly", "daily", "weekly", "custom", "builtin", "runafter"];
const PARTS = {
  minute: [0, 59],
  hour: [0, 23],
  dayOfWeek: [0, 6],
  dayOfMonth: [1, 31],
  month: [1, 12],
} as const;
type Part = keyof typeof PARTS;
const REQUIRED: Record<string, readonly Part[]> = {
  hourly: ["minute"],
  daily: ["minute", "hour"],
  weekly: ["minute", "hour", "dayOfWeek"],
};
const WIRE: Record<Part, string> = {
  minute: "minute",
  hour: "hour",
  dayOfWeek: "day_of_week",
  dayOfMonth: "day_of_month",
  month: "month",
};

/** Validates a schedule at `path`. */
export function checkSchedule(failures: Failures, path: string, schedule: unknown): void {
  if (isUnknown(schedule)) return;
  if (typeof schedule !== "object" || schedule === null) {
    failures.add(path, "is required: an object with a frequency");
    return;
  }
  const s = schedule as Record<string, unknown>;
  failures.oneOf(`${path}.frequency`, s.frequency ?? "", FREQUENCIES);
  for (const [part, [min, max]] of Object.entries(PARTS) as [Part, readonly [number, number]][]) {
    const value = s[part];
    if (value === undefined || isUnknown(value) || value === "*") continue;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max || String(value).trim() === "") {
      failures.add(
        `${path}.${part}`,
        `must be "*" or a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`,
      );
    }
  }
  for (const part of REQUIRED[String(s.frequency)] ?? []) {
    if (s[part] === undefined)
      failures.add(`${path}.${part}`, `is required when frequency is ${String(s.frequency)}`);
  }
}

function toWire(s: Schedule): Record<string, unknown> {
  const out: Record<string, unknown> = { frequency: s.frequency };
  for (const part of Object.keys(WIRE) as Part[])
    if (s[part] !== undefined) out[WIRE[part]] = String(s[part]);
  return out;
}

function fromWire(w: Record<string, unknown>): Schedule {
  const out: Record<string, string> = { frequency: String(w.frequency) };
  for (const part of Object.keys(WIRE) as Part[]) {
    const v = w[WIRE[part]];
    if (v !== undefined && v !== null && v !== "") out[part] = String(v);
  }
  return out as unknown as Schedule;
}

/** Program schedules → request fields for `version`. */
export function toApiSchedules(
  main: Schedule,
  additional: readonly (Schedule & { schemas?: string[]; selectiveMode?: string })[],
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
  schedule: Schedule;
  additionalSchedules: (Schedule & { schemas?: string[]; selectiveMode?: string })[];
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
