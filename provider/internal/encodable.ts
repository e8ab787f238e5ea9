/**
 * Results the dynamic provider host can send: it encodes outputs and inputs as protobuf Structs, which
 * refuse an `undefined` member anywhere ("Unexpected struct type") and fail the whole step. Mappings
 * build optional members freely (`{ x: api.x }`), so every result drops its undefined members here,
 * once, rather than each mapping remembering to.
 */
import type * as pulumi from "@pulumi/pulumi";

/** A copy of `value` without undefined object members at any depth; undefined array items become null. */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value))
    return value.map((item) => (item === undefined ? null : withoutUndefined(item))) as T;
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .map(([key, member]) => [key, withoutUndefined(member)]),
  ) as T;
}

/** `provider` with the results of check, create, read and update made encodable. */
export function encodable<I, O>(
  provider: pulumi.dynamic.ResourceProvider<I, O>,
): pulumi.dynamic.ResourceProvider<I, O> {
  const { check, create, read, update } = provider;
  return {
    ...provider,
    ...(check && { check: async (olds, news) => withoutUndefined(await check.call(provider, olds, news)) }),
    ...(create && { create: async (inputs) => withoutUndefined(await create.call(provider, inputs)) }),
    ...(read && { read: async (id, props) => withoutUndefined(await read.call(provider, id, props)) }),
    ...(update && {
      update: async (id, olds, news) => withoutUndefined(await update.call(provider, id, olds, news)),
    }),
  };
}
