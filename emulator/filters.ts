/**
 * Filter functions and `filter_logic` expressions shared by model-sync filters and overrides.
 */
import { filterLogicProblem } from "../grammar/filterLogic";
import { FILTER_FUNCTIONS, VALUELESS_FILTER_FUNCTIONS } from "../grammar/modelSyncEnums";
import { badRequest, invalid } from "./errors";

/**
 * The canonical spelling of `value` in `allowed`, matched without regard to case (the API's own
 * examples send "Manual" and "equality"), or a 400 naming the field.
 */
export function canonical(value: unknown, allowed: readonly string[], field: string): string {
  const found =
    typeof value === "string" ? allowed.find((a) => a.toLowerCase() === value.toLowerCase()) : undefined;
  if (found === undefined) throw badRequest(field, `must be one of ${allowed.join(", ")}`);
  return found;
}

/** Checks a filter's function against its value; returns the canonical function name. */
export function filterFunction(raw: Record<string, unknown>, field: string): string {
  const fn = canonical(raw.function, FILTER_FUNCTIONS, `${field}.function`);
  if (
    !VALUELESS_FILTER_FUNCTIONS.includes(fn) &&
    (raw.value === undefined || raw.value === null || raw.value === "")
  ) {
    throw invalid(`${field}.value`, `is required for function ${fn}`);
  }
  if (fn === "Between" && !(Array.isArray(raw.value) && raw.value.length === 2)) {
    throw invalid(`${field}.value`, "must be a list of two values for function Between");
  }
  return fn;
}

/** Validates `filter_logic` (see grammar/filterLogic.ts) or answers a 422 naming it. */
export function checkFilterLogic(logic: string, filterCount: number): void {
  const problem = filterLogicProblem(logic, filterCount);
  if (problem) throw invalid("filter_logic", problem);
}
