/**
 * Pulumi dynamic resources for Polytomic, one per API object, on one HTTP client.
 */
export type { ApiVersion, ClientSettings } from "./client/client";
export { isPolytomicError, PolytomicError, type PolytomicErrorCode } from "./client/errors";
export { type ConfigSource, resolveSettings } from "./config";
// The dynamic resource classes programs construct (the implementations above are shared with the plugin).
export { BulkSync } from "./dynamic/bulkSyncResource";
export { Connection } from "./dynamic/connectionResource";
export { Model } from "./dynamic/modelResource";
export { ModelSync } from "./dynamic/modelSyncResource";
export { SchemaReady } from "./dynamic/schemaReadyResource";
export {
  type ConnectionTypeSchema,
  getBulkSourceSchemas,
  getConnectionTypeSchema,
  getTargetFields,
  getTargetObjects,
  type LookupSettings,
  type SourceSchema,
  type TargetField,
  type TargetObject,
} from "./lookups";
export type {
  AdditionalSchedule,
  BulkSchemaSelection,
  BulkSyncArgs,
  Schedule,
} from "./resources/bulkSync";
export type { ConfigurationOf, ConnectionArgs } from "./resources/connection";
export * from "./resources/connectionConfigs";
export type {
  ApiScheduleFrequency,
  BulkDiscover,
  BulkNormalizeNames,
  BulkSelectiveMode,
  BulkSyncMode,
  FilterFieldReferenceType,
  FilterFunction,
  ModelSyncMode,
  ScheduleFrequency,
  SchemaIdentityFunction,
} from "./resources/enums";
export type {
  AdditionalModelField,
  ModelArgs,
  ModelConfiguration,
  ModelRelation,
} from "./resources/model";
export type {
  ModelFieldRef,
  ModelSyncArgs,
  ModelSyncSchedule,
  SyncFieldMapping,
  SyncFilter,
  SyncIdentity,
  SyncOverride,
  SyncOverrideField,
  SyncTarget,
} from "./resources/modelSync";
export type { SchemaReadyArgs } from "./resources/schemaReady";
