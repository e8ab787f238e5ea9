/**
 * Enumerated values in request bodies, and the filter functions of model-sync filters and overrides.
 */
import { FILTER_FUNCTIONS } from "./enums";
import { refuse } from "./rules";

/**
 * The canonical spelling of `value` in `allowed` (an enumeration of the SDK's types, see enums.ts),
 * matched without regard to case because the API's own examples send `"Manual"` and `"equality"`
 * (seed 002), or a 400 naming the field.
 */
export function canonical(value: unknown, allowed: readonly string[], field: string): string {
  const found =
    typeof value === "string" ? allowed.find((a) => a.toLowerCase() === value.toLowerCase()) : undefined;
  if (found === undefined) throw refuse("enum.unknown", { field, allowed: allowed.join(", ") });
  return found;
}

/**
 * A filter's function (SDK `FilterFunction`), canonical. Its value is not checked: no source says
 * which functions need one or what shape it has (the SDK types `value` as `unknown`).
 */
export function filterFunction(raw: Record<string, unknown>, field: string): string {
  return canonical(raw.function, FILTER_FUNCTIONS, `${field}.function`);
}
