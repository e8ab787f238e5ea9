/**
 * The Model dynamic resource class programs construct: the dynamic front end's side of a Polytomic model.
 * Its implementation is provider/resources/model.ts, which the provider plugin loads without this file
 * (and without `@pulumi/pulumi`'s runtime, which costs the plugin's start half a second).
 */
import * as pulumi from "@pulumi/pulumi";
import { serializableProvider } from "../internal/shim";
import { resourceUrnOf } from "../internal/urn";
import { MODEL_TYPE, type ModelArgs } from "../resources/model";

/** A Polytomic model: the source side of a model sync. */
export class Model extends pulumi.dynamic.Resource {
  /** The model's id in Polytomic. */
  declare readonly modelId: pulumi.Output<string>;
  /** Name in Polytomic. */
  declare readonly name: pulumi.Output<string>;
  /** Every field id the model exposes. */
  declare readonly fieldIds: pulumi.Output<string[]>;
  /** How the source is read: `query`, `table`, `view`, `collection`, `file` or `object`. */
  declare readonly sourceType: pulumi.Output<string>;

  constructor(name: string, args: ModelArgs, opts: pulumi.CustomResourceOptions = {}) {
    super(
      serializableProvider("Model"),
      name,
      {
        __resourceUrn: resourceUrnOf(name, MODEL_TYPE, opts),
        ...args,
        name: args.name ?? name,
        modelId: undefined,
        fieldIds: undefined,
        sourceType: undefined,
      },
      opts,
      "polytomic",
      "Model",
    );
  }
}
