/**
 * Lists read back from the API in the program's order, so an order the API does not keep is not drift.
 */

/**
 * `live` in the order of `wanted` (the program's list, or the state's on read): the API answers a
 * model's fields, and a bulk schema's, in the catalogue's order, which would read as a change of a list the program orders
 * otherwise. Members the program does not list follow in the API's order, and members gone live are
 * left out, so a different set still shows as drift.
 */
export function inProgramOrder<T>(
  live: T[],
  wanted: readonly T[] | undefined,
  key: (item: T) => unknown,
): T[] {
  if (wanted === undefined) return live;
  const rank = new Map(wanted.map((item, i) => [key(item), i]));
  const at = (item: T) => rank.get(key(item)) ?? wanted.length;
  // Array.prototype.sort is stable, so the members the program does not list keep the API's order.
  return [...live].sort((a, b) => at(a) - at(b));
}
