/**
 * Pulumi dynamic resources for Polytomic, one per API object, on one HTTP client.
 */
export type { ApiVersion, ClientSettings } from "./client/client";
export { isPolytomicError, PolytomicError, type PolytomicErrorCode } from "./client/errors";
export { type ConfigSource, resolveSettings } from "./config";
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
export {
  type AdditionalSchedule,
  type BulkSchemaSelection,
  BulkSync,
  type BulkSyncArgs,
  type Schedule,
} from "./resources/bulkSync";
export { type ConfigurationOf, Connection, type ConnectionArgs } from "./resources/connection";
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
export {
  type AdditionalModelField,
  Model,
  type ModelArgs,
  type ModelConfiguration,
  type ModelRelation,
} from "./resources/model";
export {
  type ModelFieldRef,
  ModelSync,
  type ModelSyncArgs,
  type ModelSyncSchedule,
  type SyncFieldMapping,
  type SyncFilter,
  type SyncIdentity,
  type SyncOverride,
  type SyncOverrideField,
  type SyncTarget,
} from "./resources/modelSync";
export { SchemaReady, type SchemaReadyArgs } from "./resources/schemaReady";
