/**
 * Pulumi dynamic resources for Polytomic, one per API object, on one HTTP client.
 */
export type { ApiVersion, ClientSettings } from "./client/client";
export { isPolytomicError, PolytomicError, type PolytomicErrorCode } from "./client/errors";
export { type ConfigSource, resolveSettings } from "./config";
export {
  type AdditionalSchedule,
  type BulkSchemaSelection,
  BulkSync,
  type BulkSyncArgs,
  type Schedule,
} from "./resources/bulkSync";
export { Connection, type ConnectionArgs } from "./resources/connection";
export { SchemaReady, type SchemaReadyArgs } from "./resources/schemaReady";
