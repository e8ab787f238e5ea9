/**
 * `filter_logic` expressions such as `1 AND (2 OR NOT 3)`: numbers refer to filters (1-based), with
 * AND, OR, NOT and balanced parentheses, as the provider's `check` reads them.
 */

/** Why `logic` is not a valid expression over `filterCount` filters, or undefined when it is. */
export function filterLogicProblem(logic: string, filterCount: number): string | undefined {
  const tokens = logic.match(/\(|\)|[A-Za-z]+|\d+|\S/g) ?? [];
  let depth = 0;
  let expectOperand = true;
  for (const token of tokens) {
    const upper = token.toUpperCase();
    if (token === "(" || upper === "NOT") {
      if (!expectOperand) return `has an unexpected "${token}"`;
      if (token === "(") depth++;
    } else if (token === ")") {
      if (expectOperand || depth === 0) return `has an unexpected ")"`;
      depth--;
    } else if (upper === "AND" || upper === "OR") {
      if (expectOperand) return `has an unexpected "${token}"`;
      expectOperand = true;
    } else if (/^\d+$/.test(token)) {
      if (!expectOperand) return `has an unexpected "${token}"`;
      const n = Number(token);
      if (n < 1 || n > filterCount) return `refers to filter ${n}, but there are ${filterCount} filters`;
      expectOperand = false;
    } else {
      return `has an unexpected "${token}"`;
    }
  }
  if (tokens.length > 0 && (expectOperand || depth !== 0)) return "is incomplete";
  return undefined;
}
