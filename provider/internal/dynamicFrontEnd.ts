/**
 * The dynamic resources' front end to the implementations: what the dynamic provider host passes in
 * (inputs and state with internal properties under `__` names, see engineKeys.ts) becomes what the
 * implementations take, and their results go back the same way. The provider plugin has a front end
 * of its own (provider/plugin/), which gets the URN from each request instead.
 */
import type * as pulumi from "@pulumi/pulumi";
import { engineFailures, fromEngineKeys, shownKeys, toEngineKeys } from "./engineKeys";

/** `provider` as the dynamic provider host calls it. */
export function forDynamicHost<I, O>(
  provider: pulumi.dynamic.ResourceProvider<I, O>,
): pulumi.dynamic.ResourceProvider<I, O> {
  const { check, diff, create, read, update, delete: remove } = provider;
  return {
    ...provider,
    ...(check && {
      check: async (olds, news) => {
        const result = await check.call(provider, fromEngineKeys(olds), fromEngineKeys(news));
        if (result.failures?.length) return { ...result, failures: engineFailures(result.failures, news) };
        return result.inputs ? { ...result, inputs: toEngineKeys(result.inputs) } : result;
      },
    }),
    ...(diff && {
      diff: async (id, olds, news) => {
        const result = await diff.call(provider, id, fromEngineKeys(olds), fromEngineKeys(news));
        const replaces = shownKeys(result.replaces);
        return { ...result, ...(replaces && { replaces }) };
      },
    }),
    ...(create && {
      create: async (inputs) => {
        const result = await create.call(provider, fromEngineKeys(inputs));
        return { ...result, outs: toEngineKeys(result.outs) };
      },
    }),
    ...(read && {
      read: async (id, props) => {
        const result = await read.call(provider, id, fromEngineKeys(props));
        return {
          ...result,
          ...(result.props && { props: toEngineKeys(result.props) }),
          ...(result.inputs && { inputs: toEngineKeys(result.inputs) }),
        };
      },
    }),
    ...(update && {
      update: async (id, olds, news) => {
        const result = await update.call(provider, id, fromEngineKeys(olds), fromEngineKeys(news));
        return { ...result, ...(result.outs && { outs: toEngineKeys(result.outs) }) };
      },
    }),
    ...(remove && { delete: (id, props) => remove.call(provider, id, fromEngineKeys(props)) }),
  };
}
