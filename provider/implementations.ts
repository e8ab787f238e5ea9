/**
 * The registry the serialized provider shims load at call time (see internal/shim.ts).
 * @internal
 */
import type * as pulumi from "@pulumi/pulumi";
import { bulkSyncProvider } from "./resources/bulkSync";
import { connectionProvider } from "./resources/connection";
import { modelProvider } from "./resources/model";
import { modelSyncProvider } from "./resources/modelSync";
import { schemaReadyProvider } from "./resources/schemaReady";

/** Provider implementations by resource type name. */
export const providerImplementations: Record<string, pulumi.dynamic.ResourceProvider> = {
  Connection: connectionProvider as pulumi.dynamic.ResourceProvider,
  SchemaReady: schemaReadyProvider as pulumi.dynamic.ResourceProvider,
  Model: modelProvider as pulumi.dynamic.ResourceProvider,
  ModelSync: modelSyncProvider as pulumi.dynamic.ResourceProvider,
  BulkSync: bulkSyncProvider as pulumi.dynamic.ResourceProvider,
};
