/**
 * The provider implementations by resource kind: what `serializableProvider` (internal/shim.ts) hands
 * Pulumi when the package is installed, and what the serialized shim loads at call time otherwise.
 * Each entry is the whole export of its provider/dynamic module, never taken from the resource module
 * directly: Pulumi's serializer writes a `require` only for an object that a loaded module exports.
 * @internal
 */
import type * as pulumi from "@pulumi/pulumi";

import bulkSyncProvider = require("./dynamic/bulkSync");
import connectionProvider = require("./dynamic/connection");
import modelProvider = require("./dynamic/model");
import modelSyncProvider = require("./dynamic/modelSync");
import schemaReadyProvider = require("./dynamic/schemaReady");

/** Provider implementations by resource type name. */
export const providerImplementations: Record<string, pulumi.dynamic.ResourceProvider> = {
  Connection: connectionProvider as pulumi.dynamic.ResourceProvider,
  SchemaReady: schemaReadyProvider as pulumi.dynamic.ResourceProvider,
  Model: modelProvider as pulumi.dynamic.ResourceProvider,
  ModelSync: modelSyncProvider as pulumi.dynamic.ResourceProvider,
  BulkSync: bulkSyncProvider as pulumi.dynamic.ResourceProvider,
};
