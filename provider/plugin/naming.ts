/**
 * Names of Polytomic objects declared through the provider plugin: the program's `name`, else what
 * Pulumi's autonaming configuration says (the engine sends it in Check when the provider supports it),
 * else the resource's own name, as the dynamic resources default it.
 */

/** Pulumi's autonaming options of one Check (`CheckRequest.AutonamingOptions`). */
export interface Autonaming {
  readonly proposedName: string;
  /** 0 propose, 1 enforce, 2 disable (`CheckRequest.AutonamingOptions.Mode`). */
  readonly mode: number;
}

const PROPOSE = 0;
const ENFORCE = 1;

/**
 * The name to send: `enforce` overrides the program, `propose` fills in an absent name, `disable`
 * leaves an absent name absent (so check says it is required); without options, the resource's name.
 */
export function autoname(declared: unknown, resourceName: string, autonaming?: Autonaming): unknown {
  const given = typeof declared === "string" && declared !== "" ? declared : undefined;
  if (!autonaming) return given ?? resourceName;
  if (autonaming.mode === ENFORCE) return autonaming.proposedName;
  if (autonaming.mode === PROPOSE) return given ?? autonaming.proposedName;
  return given;
}
