/**
 * The Connection dynamic resource class programs construct: the dynamic front end's side of a Polytomic connection.
 * Its implementation is provider/resources/connection.ts, which the provider plugin loads without this file
 * (and without `@pulumi/pulumi`'s runtime, which costs the plugin's start half a second).
 */
import * as pulumi from "@pulumi/pulumi";
import { secretConfiguration } from "../internal/secrets";
import { serializableProvider } from "../internal/shim";
import { resourceUrnOf } from "../internal/urn";
import { CONNECTION_TYPE, type ConnectionArgs } from "../resources/connection";

/** A Polytomic connection. */
export class Connection<T extends string = string> extends pulumi.dynamic.Resource {
  /**
   * The connection's id in Polytomic (equal to the resource's `id`). Wire other resources with `id`:
   * it stays known while a connection update is previewed, whereas every output of a dynamic resource
   * being updated is unknown until applied.
   */
  declare readonly connectionId: pulumi.Output<string>;
  /** `healthy` once usable; OAuth types stay unhealthy until authorized. */
  declare readonly status: pulumi.Output<string>;
  /** Why the connection is not healthy. */
  declare readonly statusError: pulumi.Output<string>;
  /**
   * While OAuth is pending, the URL to open in a browser to authorize the connection; "" otherwise. As
   * of the last create, update or refresh: `pulumi refresh` clears it once the connection is healthy.
   * `pulumi up` also shows it as a warning the moment the connection is created.
   */
  declare readonly authUrl: pulumi.Output<string>;
  /** Name in Polytomic. */
  declare readonly name: pulumi.Output<string>;
  /** Connection type id. */
  declare readonly type: pulumi.Output<string>;
  /** Configuration (a secret in state). */
  declare readonly configuration: pulumi.Output<Record<string, unknown>>;

  constructor(name: string, args: ConnectionArgs<T>, opts: pulumi.CustomResourceOptions = {}) {
    super(
      serializableProvider("Connection"),
      name,
      {
        __resourceUrn: resourceUrnOf(name, CONNECTION_TYPE, opts),
        name: args.name ?? name,
        type: args.type,
        // The typed interfaces are records too; only the compile-time view differs.
        configuration: secretConfiguration(
          args.type,
          args.configuration as pulumi.Input<Record<string, unknown>>,
        ),
        policies: args.policies,
        redirectUrl: args.redirectUrl,
        healthcheckInterval: args.healthcheckInterval,
        organizationId: args.organizationId,
        forceDelete: args.forceDelete,
        adoptId: args.adoptId,
        connectionId: undefined,
        status: undefined,
        statusError: undefined,
        authUrl: undefined,
      },
      { ...opts, additionalSecretOutputs: [...(opts.additionalSecretOutputs ?? []), "configuration"] },
      "polytomic",
      "Connection",
    );
  }
}
