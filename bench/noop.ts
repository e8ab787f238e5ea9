/**
 * The engine floor: a dynamic resource whose provider does no I/O at all. Benchmarks build the same
 * resource graph out of these, so "our time over the floor" isolates what the Polytomic provider costs
 * beyond what the Pulumi engine and the dynamic-provider machinery cost anyway.
 */
import * as pulumi from "@pulumi/pulumi";

const noopProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: Record<string, unknown>) {
    return { id: `noop-${inputs.key}`, outs: inputs };
  },
  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    return {
      changes: JSON.stringify([olds.key, olds.dependsOn]) !== JSON.stringify([news.key, news.dependsOn]),
    };
  },
  async read(id: string, props?: Record<string, unknown>) {
    return { id, props };
  },
  async update(_id: string, _olds: Record<string, unknown>, news: Record<string, unknown>) {
    return { outs: news };
  },
  async delete() {},
};

/** A no-op resource; `dependsOn` carries another resource's output so the graph has the same edges. */
export class NoOp extends pulumi.dynamic.Resource {
  /** The id-like value other no-ops may depend on. */
  declare readonly key: pulumi.Output<string>;
  constructor(
    name: string,
    args: { key: string; dependsOn?: pulumi.Input<string>[] },
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(noopProvider, name, { key: args.key, dependsOn: args.dependsOn ?? [] }, opts, "bench", "NoOp");
  }
}
