/**
 * Properties the implementations need that a user never sets: the resource's URN (check messages and
 * idempotency keys) and ModelSync's copy of its target connection (what forces a replacement). The
 * engine sees them under `__`-prefixed names, which Pulumi treats as internal: `pulumi preview --diff`
 * and the other displays leave them out, as they do the dynamic provider's own `__provider`.
 */

/** The implementations' names of the internal properties. */
const INTERNAL = ["resourceUrn", "targetConnectionId"] as const;

/** What a replacement forced by an internal property is shown as: the input the user changed. */
const SHOWN_AS: Readonly<Record<string, string>> = { targetConnectionId: "target" };

type Props = Record<string, unknown>;

/** `props` as the engine stores them: internal properties under their `__` names. */
export function toEngineKeys<T>(props: T): T {
  if (typeof props !== "object" || props === null) return props;
  const out: Props = { ...(props as Props) };
  for (const key of INTERNAL) {
    if (!(key in out)) continue;
    out[`__${key}`] = out[key];
    delete out[key];
  }
  return out as T;
}

/**
 * `props` as the implementations take them. States written before the rename hold the bare names,
 * which are taken as they are when no `__` name is present.
 */
export function fromEngineKeys<T>(props: T): T {
  if (typeof props !== "object" || props === null) return props;
  const out: Props = { ...(props as Props) };
  for (const key of INTERNAL) {
    const engineKey = `__${key}`;
    if (!(engineKey in out)) continue;
    out[key] = out[engineKey];
    delete out[engineKey];
  }
  return out as T;
}

/** Property names of a diff as the user knows them (`targetConnectionId` is shown as `target`). */
export function shownKeys(keys: readonly string[] | undefined): string[] | undefined {
  return keys && [...new Set(keys.map((key) => SHOWN_AS[key] ?? key))];
}

/** A check failure as the front ends hand it to the engine. */
export interface EngineFailure {
  readonly property: string;
  readonly reason: string;
}

/**
 * `failures` as the engine should print them: it shows a failure's property with the input's value
 * (`property name value {<nil>} has a problem`) and prints an absent input as `{<nil>}`, so a failure
 * about an input the program left out names no property; its reason already names the field.
 */
export function engineFailures(failures: readonly EngineFailure[], inputs: unknown): EngineFailure[] {
  const given = (typeof inputs === "object" && inputs !== null ? inputs : {}) as Record<string, unknown>;
  return failures.map((f) =>
    f.property !== "" && given[f.property] === undefined ? { property: "", reason: f.reason } : f,
  );
}
