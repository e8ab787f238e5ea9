/**
 * Filter functions and `filter_logic` expressions shared by model-sync filters and overrides.
 */
import { badRequest, invalid } from "./errors";

/** Every filter function of the API. */
export const FILTER_FUNCTIONS = [
  "Equality",
  "Inequality",
  "IsNull",
  "IsNotNull",
  "True",
  "False",
  "OnOrAfter",
  "OnOrBefore",
  "GreaterThan",
  "GreaterThanEqual",
  "LessThan",
  "LessThanEqual",
  "StringContains",
  "StringStartsWith",
  "StringEndsWith",
  "StringDoesNotContain",
  "StringDoesNotStartWith",
  "StringDoesNotEndWith",
  "StringOneOf",
  "StringNotOneOf",
  "Between",
  "ArrayContains",
  "ArrayDoesNotContain",
  "InTheLast",
  "RelativeOnOrBefore",
  "RelativeOnOrAfter",
  "StringLike",
  "StringNotLike",
  "StringMatchesTrimmed",
];
/** Functions that compare with nothing. */
const WITHOUT_VALUE = new Set(["IsNull", "IsNotNull", "True", "False"]);

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
  if (!WITHOUT_VALUE.has(fn) && (raw.value === undefined || raw.value === null || raw.value === "")) {
    throw invalid(`${field}.value`, `is required for function ${fn}`);
  }
  if (fn === "Between" && !(Array.isArray(raw.value) && raw.value.length === 2)) {
    throw invalid(`${field}.value`, "must be a list of two values for function Between");
  }
  return fn;
}

/**
 * Validates `filter_logic` such as `1 AND (2 OR NOT 3)`: numbers refer to filters (1-based), with
 * AND, OR, NOT and balanced parentheses.
 */
export function checkFilterLogic(logic: string, filterCount: number): void {
  const tokens = logic.match(/\(|\)|[A-Za-z]+|\d+|\S/g) ?? [];
  let depth = 0;
  let expectOperand = true;
  for (const token of tokens) {
    const upper = token.toUpperCase();
    if (token === "(" || upper === "NOT") {
      if (!expectOperand) throw invalid("filter_logic", `unexpected "${token}"`);
      if (token === "(") depth++;
    } else if (token === ")") {
      if (expectOperand || depth === 0) throw invalid("filter_logic", `unexpected ")"`);
      depth--;
    } else if (upper === "AND" || upper === "OR") {
      if (expectOperand) throw invalid("filter_logic", `unexpected "${token}"`);
      expectOperand = true;
    } else if (/^\d+$/.test(token)) {
      if (!expectOperand) throw invalid("filter_logic", `unexpected "${token}"`);
      const n = Number(token);
      if (n < 1 || n > filterCount) {
        throw invalid("filter_logic", `refers to filter ${n}, but there are ${filterCount} filters`);
      }
      expectOperand = false;
    } else {
      throw invalid("filter_logic", `unexpected "${token}"`);
    }
  }
  if (tokens.length > 0 && (expectOperand || depth !== 0)) {
    throw invalid("filter_logic", "is incomplete");
  }
}
