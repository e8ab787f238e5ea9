/**
 * The ModelSync dynamic resource class programs construct: the dynamic front end's side of a Polytomic model sync.
 * Its implementation is provider/resources/modelSync.ts, which the provider plugin loads without this file
 * (and without `@pulumi/pulumi`'s runtime, which costs the plugin's start half a second).
 */
import * as pulumi from "@pulumi/pulumi";
import { serializableProvider } from "../internal/shim";
import { resourceUrnOf } from "../internal/urn";
import { MODEL_SYNC_TYPE, type ModelSyncArgs } from "../resources/modelSync";

/** A Polytomic model sync (reverse ETL). */
export class ModelSync extends pulumi.dynamic.Resource {
  /** The sync's id in Polytomic. */
  declare readonly syncId: pulumi.Output<string>;
  /** Name in Polytomic. */
  declare readonly name: pulumi.Output<string>;
  /** The models the sync reads. */
  declare readonly modelIds: pulumi.Output<string[]>;

  constructor(name: string, args: ModelSyncArgs, opts: pulumi.CustomResourceOptions = {}) {
    super(
      serializableProvider("ModelSync"),
      name,
      {
        __resourceUrn: resourceUrnOf(name, MODEL_SYNC_TYPE, opts),
        ...args,
        name: args.name ?? name,
        syncId: undefined,
        modelIds: undefined,
      },
      opts,
      "polytomic",
      "ModelSync",
    );
  }
}
