/**
 * `DeepInput<T>`: `T` with every member, at every depth, accepting a Pulumi `Input`, so programs can
 * pass another resource's `id` anywhere inside a nested argument (a mapping's model id, a target's
 * connection id) while the provider still sees plain resolved values of `T`.
 */
import type * as pulumi from "@pulumi/pulumi";

/**
 * `T` with Inputs allowed at every depth. A member whose values are all primitives takes one `Input` of
 * the whole union (`Input<"a" | "b">`, so an `Output` of an enumeration fits), not a union of Inputs.
 */
export type DeepInput<T> = [T] extends [string | number | boolean | null | undefined]
  ? pulumi.Input<T>
  : DeepInputOf<T>;

/** {@link DeepInput} member by member of a union that mixes primitives and objects. */
type DeepInputOf<T> = T extends string | number | boolean | null | undefined
  ? pulumi.Input<T>
  : T extends readonly (infer U)[]
    ? pulumi.Input<DeepInput<U>[]>
    : T extends object
      ? pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>
      : pulumi.Input<T>;
