/**
 * Schedule parts: plain values (`*` or a number) and cron fields for `custom` schedules, as the
 * provider's `check` reads them (the emulator accepts every part, as no source says the API refuses one).
 */

/** Each schedule part's range (UTC). */
export const SCHEDULE_PART_RANGES = {
  minute: [0, 59],
  hour: [0, 23],
  day_of_week: [0, 6],
  day_of_month: [1, 31],
  month: [1, 12],
} as const;

/** A schedule part by its API name. */
export type SchedulePart = keyof typeof SCHEDULE_PART_RANGES;

/** Parts each frequency cannot do without. */
export const REQUIRED_SCHEDULE_PARTS: Readonly<Record<string, readonly SchedulePart[]>> = {
  hourly: ["minute"],
  daily: ["minute", "hour"],
  weekly: ["minute", "hour", "day_of_week"],
  custom: ["minute", "hour", "day_of_month", "month", "day_of_week"],
};

function inRange(text: string, [min, max]: readonly [number, number]): boolean {
  return /^\d+$/.test(text) && Number(text) >= min && Number(text) <= max;
}

/** A cron field: `*`, `*` + `/n`, `a`, `a-b`, `a-b/n`, or a comma list of those. */
function isCronField(text: string, range: readonly [number, number]): boolean {
  return text.split(",").every((item) => {
    const [base = "", step] = item.split("/");
    if (step !== undefined && !(/^\d+$/.test(step) && Number(step) > 0)) return false;
    if (base === "*") return true;
    const [from = "", to] = base.split("-");
    return inRange(from, range) && (to === undefined || (inRange(to, range) && Number(to) >= Number(from)));
  });
}

/**
 * Why `text` cannot be the schedule part `part`, or undefined when it can. Cron syntax is allowed
 * only when `cron` (the `custom` frequency).
 */
export function schedulePartProblem(part: SchedulePart, text: string, cron: boolean): string | undefined {
  const range = SCHEDULE_PART_RANGES[part];
  if (text === "*" || (cron ? isCronField(text, range) : inRange(text, range))) return undefined;
  const [min, max] = range;
  return cron
    ? `must be a cron field ("*", "*/n", "a-b" or a comma list) with values from ${min} to ${max}`
    : `must be "*" or a whole number from ${min} to ${max}`;
}
