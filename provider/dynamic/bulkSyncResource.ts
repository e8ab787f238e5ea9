/**
 * The BulkSync dynamic resource class programs construct: the dynamic front end's side of a Polytomic bulk sync.
 * Its implementation is provider/resources/bulkSync.ts, which the provider plugin loads without this file
 * (and without `@pulumi/pulumi`'s runtime, which costs the plugin's start half a second).
 */
import * as pulumi from "@pulumi/pulumi";
import { serializableProvider } from "../internal/shim";
import { resourceUrnOf } from "../internal/urn";
import { BULK_SYNC_TYPE, type BulkSchemaSelection, type BulkSyncArgs } from "../resources/bulkSync";

/** A Polytomic bulk sync (ELT). */
export class BulkSync extends pulumi.dynamic.Resource {
  /** The bulk sync's id in Polytomic. */
  declare readonly bulkSyncId: pulumi.Output<string>;
  /** Name in Polytomic. */
  declare readonly name: pulumi.Output<string>;
  /** The synced schemas as selected. */
  declare readonly schemas: pulumi.Output<(string | BulkSchemaSelection)[] | undefined>;

  constructor(name: string, args: BulkSyncArgs, opts: pulumi.CustomResourceOptions = {}) {
    super(
      serializableProvider("BulkSync"),
      name,
      {
        __resourceUrn: resourceUrnOf(name, BULK_SYNC_TYPE, opts),
        ...args,
        name: args.name ?? name,
        bulkSyncId: undefined,
      },
      opts,
      "polytomic",
      "BulkSync",
    );
  }
}
