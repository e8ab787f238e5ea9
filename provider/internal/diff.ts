/**
 * Diffs of normalized values: key order and explicitly-undefined members never count as changes.
 */
import type * as pulumi from "@pulumi/pulumi";

/** A canonical JSON text: sorted keys, undefined members dropped. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

/**
 * A diff that also names the changed properties: the dynamic provider protocol carries only `changes`
 * and `replaces`, but tests and a provider plugin's detailed diff need to know which fields changed.
 */
export interface PropertyDiffResult extends pulumi.dynamic.DiffResult {
  /** The compared properties whose values differ. */
  readonly diffs: string[];
}

/** Compares `keys` of olds and news; `replaceOn` keys force replacement. */
export function diffProps(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  keys: readonly string[],
  replaceOn: readonly string[],
  normalize: (key: string, value: unknown) => unknown = (_k, v) => v,
): PropertyDiffResult {
  const changed = keys.filter((k) => canonical(normalize(k, olds[k])) !== canonical(normalize(k, news[k])));
  const replaces = changed.filter((k) => replaceOn.includes(k));
  return { changes: changed.length > 0, replaces, deleteBeforeReplace: false, diffs: changed };
}
