/**
 * The SchemaReady dynamic resource class programs construct: the dynamic front end's side of a connection's schema cache.
 * Its implementation is provider/resources/schemaReady.ts, which the provider plugin loads without this file
 * (and without `@pulumi/pulumi`'s runtime, which costs the plugin's start half a second).
 */
import * as pulumi from "@pulumi/pulumi";
import { serializableProvider } from "../internal/shim";
import { resourceUrnOf } from "../internal/urn";
import { SCHEMA_READY_TYPE, type SchemaReadyArgs } from "../resources/schemaReady";

/** Waits for a connection's schema cache; outputs the available schema ids. */
export class SchemaReady extends pulumi.dynamic.Resource {
  /** The connection waited for. */
  declare readonly connectionId: pulumi.Output<string>;
  /** Ids of the schemas the connection offers. */
  declare readonly schemaIds: pulumi.Output<string[]>;

  constructor(name: string, args: SchemaReadyArgs, opts: pulumi.CustomResourceOptions = {}) {
    super(
      serializableProvider("SchemaReady"),
      name,
      {
        __resourceUrn: resourceUrnOf(name, SCHEMA_READY_TYPE, opts),
        connectionId: args.connectionId,
        timeoutSeconds: args.timeoutSeconds,
        authUrl: args.authUrl,
        schemaIds: undefined,
      },
      opts,
      "polytomic",
      "SchemaReady",
    );
  }
}
