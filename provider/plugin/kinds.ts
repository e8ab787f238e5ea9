/**
 * The resource kinds the plugin serves, by type token, on the same implementations as the dynamic
 * resources, and how the plugin front end adapts them: the URN comes from each request (the dynamic
 * resources pass it as an input), internal properties keep their `__` names in the state, and
 * properties that always hold secrets are marked so whatever the program marked.
 */
import type * as pulumi from "@pulumi/pulumi";
import { fromEngineKeys, toEngineKeys } from "../internal/engineKeys";
import { bulkSyncProvider } from "../resources/bulkSync";
import { connectionProvider } from "../resources/connection";
import { modelProvider } from "../resources/model";
import { modelSyncProvider } from "../resources/modelSync";
import { schemaReadyProvider } from "../resources/schemaReady";
import type { Props } from "./values";

/** One kind of resource the plugin serves. */
export interface Kind {
  /** The implementation shared with the dynamic resources. */
  readonly provider: Required<pulumi.dynamic.ResourceProvider>;
  /** Properties kept secret in the state whatever the program marked (a connection's configuration). */
  readonly secret: readonly string[];
  /** Outputs an update never changes: they stay known while an update is previewed. */
  readonly stable: readonly string[];
  /** Whether it has a Polytomic `name`, which defaults as Pulumi names resources (autonaming). */
  readonly named: boolean;
  /** The input that bounds its create's wait, in seconds: `customTimeouts.create` sets it when unset. */
  readonly waitInput?: string;
}

const kind = (
  provider: pulumi.dynamic.ResourceProvider,
  stable: readonly string[],
  secret: readonly string[] = [],
  named = true,
  waitInput?: string,
): Kind => ({
  provider: provider as Required<pulumi.dynamic.ResourceProvider>,
  secret,
  stable,
  named,
  ...(waitInput && { waitInput }),
});

/** The kinds by type token (`polytomic:index:Connection`, ...). */
export const KINDS: Readonly<Record<string, Kind>> = {
  "polytomic:index:Connection": kind(connectionProvider, ["connectionId"], ["configuration"]),
  "polytomic:index:Model": kind(modelProvider, ["modelId"]),
  "polytomic:index:ModelSync": kind(modelSyncProvider, ["syncId"]),
  "polytomic:index:BulkSync": kind(bulkSyncProvider, ["bulkSyncId"], [], true, "schemaCacheTimeoutSeconds"),
  "polytomic:index:SchemaReady": kind(schemaReadyProvider, ["connectionId"], [], false, "timeoutSeconds"),
};

/** The kind of `type`; throws naming the type when the plugin does not serve it. */
export function kindOf(type: string): Kind {
  const found = KINDS[type];
  if (!found)
    throw new Error(`polytomic: unknown resource type ${type} (served: ${Object.keys(KINDS).join(", ")})`);
  return found;
}

/** The type token of a URN (`urn:pulumi:stack::project::polytomic:index:Connection::name`). */
export function typeOfUrn(urn: string): string {
  const parts = urn.split("::");
  const qualified = parts[2] ?? "";
  return qualified.split("$").pop() ?? "";
}

/** Properties from the engine as the implementations take them, with the request's URN. */
export function toImplementation(props: Props, urn: string): Props {
  return { ...fromEngineKeys(props), resourceUrn: urn };
}

/** Properties from the implementations as the plugin returns them: no URN, internal ones as `__`. */
export function fromImplementation(props: Props | undefined): Props {
  const out = toEngineKeys({ ...(props ?? {}) });
  delete out.__resourceUrn;
  return out;
}
