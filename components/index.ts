/**
 * Pipelines as single resources: ComponentResources that wire connections, readiness waits, models
 * and syncs into one graph.
 */

export {
  BULK_SYNC_PIPELINE_TYPE,
  BulkSyncPipeline,
  type BulkSyncPipelineArgs,
  type BulkSyncSettings,
} from "./bulkSyncPipeline";
export type { AnyConnectionRef, ConnectionRef, ExistingConnection, NewConnection } from "./connectionRef";
export type { SalesforceContactsArgs } from "./contactsPreset";
export {
  GCS_TO_SALESFORCE_CONTACTS_TYPE,
  GcsToSalesforceContacts,
  type GcsToSalesforceContactsArgs,
} from "./gcsToSalesforceContacts";
export {
  MODEL_SYNC_PIPELINE_TYPE,
  ModelSyncPipeline,
  type ModelSyncPipelineArgs,
  type PipelineModel,
  type PipelineSync,
} from "./modelSyncPipeline";
export {
  MONGO_TO_SALESFORCE_CONTACTS_TYPE,
  MongoToSalesforceContacts,
  type MongoToSalesforceContactsArgs,
} from "./mongoToSalesforceContacts";
export {
  SALESFORCE_TO_S3_TYPE,
  SalesforceToS3BulkSync,
  type SalesforceToS3BulkSyncArgs,
} from "./salesforceToS3BulkSync";
export {
  SALESFORCE_TO_SNOWFLAKE_TYPE,
  SalesforceToSnowflakeBulkSync,
  type SalesforceToSnowflakeBulkSyncArgs,
} from "./salesforceToSnowflakeBulkSync";
