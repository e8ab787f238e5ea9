/**
 * Every rejection the emulator makes, as named rules: the status, the message (placeholders in braces
 * are filled per request), the condition, and the source that says the API refuses it (a seed
 * document, a line of shared/docs, or a type of the official SDK, npm `polytomic` 1.18.1). Routes
 * raise errors only through {@link refuse}, so this registry is complete by construction;
 * emulator/README.md, "Rules and their sources", lists the same rules, and
 * test/contract/rules.test.ts fails when the two differ or a rule has no source. Where the sources
 * are silent the emulator accepts: a rule without a source is removed, not kept.
 */
import { ApiError } from "./errors";

/** One rule. */
export interface Rule {
  readonly status: number;
  /** The message answered; `{name}` placeholders are filled from the request. */
  readonly message: string;
  readonly condition: string;
  readonly source: string;
}

/** The registry, by rule id. */
export const RULES = {
  // Cross-cutting
  "version.unsupported": {
    status: 400,
    message: 'X-Polytomic-Version: unsupported version "{version}" (supported: {supported})',
    condition: "the X-Polytomic-Version header names a version the API does not list as supported",
    source:
      "polytomic-api.md §6 Versioning, line 72 (the supported versions); §6 line 140 (400: validation / bad params)",
  },
  "auth.unauthorized": {
    status: 401,
    message: "unauthorized: missing or invalid API key",
    condition:
      "no Authorization header, or neither `Bearer <key>` nor `Basic base64(<organization_id>:<key>)` with the emulator's key",
    source: "polytomic-api.md §6 Authentication (lines 50-67) and line 137 (401: bad/missing key)",
  },
  "idempotency.malformed-key": {
    status: 400,
    message: "Idempotency-Key: must be 8 to 255 characters of A-Z, a-z, 0-9, _ and -",
    condition: "a POST/PUT/PATCH carries an Idempotency-Key outside [A-Za-z0-9_-]{8,255}",
    source: "polytomic-api.md §6 Idempotency, line 153 (key format); line 140 (400: bad params)",
  },
  "idempotency.in-flight": {
    status: 409,
    message: "Idempotency-Key: a request with this key is still in progress",
    condition: "a request reuses the key of a request still being processed",
    source: "polytomic-api.md §6 Idempotency, lines 158-159 (409 while the first request is in flight)",
  },
  "body.malformed-json": {
    status: 400,
    message: "body: malformed JSON ({detail})",
    condition: "a non-empty body that does not parse as JSON (an empty body is no body, for every method)",
    source: "polytomic-api.md §6 line 140 (400: validation / bad params)",
  },
  "body.not-object": {
    status: 400,
    message: "body: must be a JSON object",
    condition: "a body that is JSON but not an object",
    source:
      "SDK requests/*.d.ts: every request body is an object type (CreateConnectionRequestSchema, CreateModelRequest, CreateModelSyncRequest, CreateBulkSyncRequest, ...)",
  },
  "body.wrong-type": {
    status: 400,
    message: "{field}: must be {expected}",
    condition:
      "a value of another JSON type than its declared one (boolean, string, list, object, whole number, RFC 3339 date-time); null and absent optional values are unset, not wrong",
    source:
      'SDK types of the request (e.g. CreateModelSyncRequest.active: boolean, Schedule.job_id: number, Target.configuration: object, BulkSchema.data_cutoff_timestamp: string); seed 003 (field types, `format: "date-time"`); polytomic-api.md §3 lines 413-421 (model configuration keys: query/table/view text, include_deleted bool, skip_lines int)',
  },
  "enum.unknown": {
    status: 400,
    message: "{field}: must be one of {allowed}",
    condition: "an enumerated value outside its list (matched without regard to case)",
    source:
      "SDK enumerations restated in emulator/enums.ts (ScheduleFrequency, ModelSyncMode, SchemaIdentityFunction, FilterFunction, BulkSyncMode, BulkDiscover, BulkNormalizeNames, BulkSelectiveMode, BulkResyncMode, BulkFetchMode); polytomic-api.md §3 lines 418-419 (model_from single_file | multi_file_archive, file_format csv | json | parquet)",
  },
  "request.malformed": {
    status: 400,
    message: "request: {detail}",
    condition: "an HTTP request the server cannot read (a malformed URL or Content-Length)",
    source: "polytomic-api.md §6 line 140 (400: validation / bad params)",
  },
  "route.unknown": {
    status: 404,
    message: "no route for {method} {path}",
    condition: "a path the emulator does not serve (see emulator/README.md, Not emulated yet)",
    source: "polytomic-api.md §6 line 138 (404: unknown id or object)",
  },
  internal: {
    status: 500,
    message: "internal server error",
    condition: "an error in the emulator itself",
    source: "polytomic-api.md §6 line 143 (500)",
  },

  // Connections and connection types
  "connection-type.not-found": {
    status: 404,
    message: "connection type {id} not found",
    condition: "GET /api/connection_types/{id} with an id no type has",
    source: "polytomic-api.md §1 Connection types, lines 224-229 (401/404/500)",
  },
  "connection.required": {
    status: 400,
    message: "{field}: is required",
    condition: "a connection create without `name` or `type`, or an update without `name`",
    source:
      "SDK CreateConnectionRequestSchema (name, type required) and UpdateConnectionRequestSchema (name required); polytomic-api.md §1 lines 246-248",
  },
  "connection.type-unknown": {
    status: 422,
    message: 'type: unknown connection type "{type}"',
    condition: "`type` is none of the 226 connection type ids",
    source:
      "data/connection-types.json (every type id; the project's copy of shared/data/connection-types.json); polytomic-api.md §1 line 247 (`type`: connection type id) and line 258 (422)",
  },
  "connection.configuration-invalid": {
    status: 422,
    message: "configuration{path}: {reason}",
    condition:
      "`configuration` fails the type's JSON Schema as the type answers it (a required property without a default missing, a wrong JSON type, a value outside `enum`, a member a nested object with `additionalProperties: false` lacks), once the values of read-only and hidden server-state properties are set aside; Salesforce needs `client_id` and `client_secret` only with `connect_mode: api`",
    source:
      "data/connection-types.json (required, type, enum, additionalProperties of each type); connection-types.md, Non-standard keywords (a required property with a default may be omitted; `readOnly` is set by the server; `hidden` without `api_field` is server-managed state) and salesforce, Conditional rules (accept a domain-only config for connect_mode=browser or code); polytomic-api.md §1 line 248 and line 258 (422)",
  },
  "connection.salesforce-client-credentials": {
    status: 422,
    message: "configuration.{key}: is required when connect_mode is api",
    condition: "a Salesforce configuration with `connect_mode: api` and no `client_id` or `client_secret`",
    source:
      "connection-types.md, salesforce, Conditional rules (client_id and client_secret go with connect_mode=api); polytomic-api.md §1 OAuth flow, lines 299-301",
  },
  "connection.name-taken": {
    status: 422,
    message: 'name: a connection named "{name}" already exists',
    condition: "another connection of the organization has the same name",
    source: "polytomic-api.md §1 CRUD, line 247 (`name` unique per org) and line 258 (422)",
  },
  "connection.not-found": {
    status: 404,
    message: "connection {id} not found",
    condition: "a path names a connection id that does not exist",
    source: "polytomic-api.md §1 lines 239, 262, 273 and §2 lines 334-344 (404)",
  },
  "connection.in-use": {
    status: 422,
    message: "connection in use",
    condition:
      "DELETE of a connection that models, model syncs or bulk syncs use, without `force=true` (metadata.used_by lists them)",
    source: "polytomic-api.md §1 CRUD, lines 270-273; §6 line 134",
  },
  "connection.refresh-unhealthy": {
    status: 400,
    message: "connection is not healthy: complete OAuth first",
    condition: "POST .../schemas/refresh on a connection still waiting for OAuth",
    source:
      "polytomic-api.md §2, lines 332-334 (refresh only when the connection is healthy, else 400); line 282",
  },
  "connection.schema-not-found": {
    status: 404,
    message: "schema {id} not found",
    condition:
      "GET .../schemas/{schema_id} naming an object the connection's cached catalogue lacks (or before the cache is ready)",
    source: "polytomic-api.md §2, lines 341-344 (400/401/404/500) and lines 360-363",
  },
  "connection.role-unsupported": {
    status: 400,
    message: "{field}: a {type} connection cannot be a {role}",
    condition:
      "a connection used in a role its type is documented not to support (a `–` cell: Salesforce, HubSpot, NetSuite, Stripe, Webhook and HTTP API as bulk-sync destination; Airtable and Webhook as bulk-sync source; Webhook as model source)",
    source:
      "connection-types.md, Summary table (lines 64-80, `–` = documented as not supported); status 400 in the error lists of POST/PUT /api/models (§3 lines 383, 386), POST/PUT /api/bulk/syncs (§5 lines 570, 577) and the discovery endpoints (§3 line 406, §5 lines 659, 664)",
  },

  // Models
  "model.required": {
    status: 400,
    message: "{field}: is required",
    condition:
      "a model without `name`, `connection_id` or `configuration`, or an additional field without `name`, `label` or `type`",
    source:
      "SDK CreateModelRequest (name, connection_id, configuration required), ModelModelFieldRequest (name, label, type required); polytomic-api.md §3 lines 373-376",
  },
  "model.reference-unknown": {
    status: 400,
    message: "{field}: {kind} {id} not found",
    condition: "`connection_id` or `relations[].to.model_id` names a connection or model that does not exist",
    source:
      "polytomic-api.md §3: POST /api/models answers 400/401/403/500 (line 383), PUT 400/401/404/500 (line 386); §6 line 140 (400: bad params)",
  },
  "model.sql-source": {
    status: 400,
    message: "configuration: exactly one of query, table, view is required",
    condition:
      "a model on a SQL source (Snowflake, PostgreSQL, MySQL, BigQuery, Redshift) without exactly one of them",
    source:
      "polytomic-api.md §3 lines 414-415 (exactly one of query, table, view: requires_one_of); connection-types.md, mysql (requires_one_of)",
  },
  "model.salesforce-source": {
    status: 400,
    message: "configuration: one of table, query (SOQL) is required",
    condition: "a Salesforce model with neither `table` nor `query`",
    source:
      "polytomic-api.md §3 line 417 (Salesforce: table or query); connection-types.md, salesforce (model-sync source config)",
  },
  "model.file-model-from": {
    status: 400,
    message: "configuration.model_from: is required",
    condition: "a model on an S3 or GCS connection without `model_from`",
    source:
      "polytomic-api.md §3 line 418 (`model_from` **required**); connection-types.md, s3, Model source config (line 195: required)",
  },
  "model.not-found": {
    status: 404,
    message: "model {id} not found",
    condition: "a path names a model id that does not exist",
    source: "polytomic-api.md §3 lines 384-387 (404)",
  },

  // Model syncs and their discovery
  "model-sync.required": {
    status: 400,
    message: "{field}: is required",
    condition:
      "a model sync without `name`, `mode`, `schedule` or `target`; a target without `connection_id`; a source reference without `model_id`; a field mapping or identity without `target`; an activate without `active`; target fields without `target`",
    source:
      "SDK CreateModelSyncRequest (name, mode, schedule, target required), Target.connection_id, Source.model_id, ModelSyncField.target, Identity (source, target, function), ActivateSyncInput.active, TargetsGetTargetFieldsRequest.target; polytomic-api.md §4 lines 437-441",
  },
  "model-sync.reference-unknown": {
    status: 422,
    message: "{field}: {kind} {id} not found",
    condition:
      "`target.connection_id`, a `model_id`, `schedule.run_after` ids or `schedule.connection_id` name an object that does not exist",
    source:
      "polytomic-api.md §4: POST /api/syncs answers 400/401/403/422/500 (line 449), PUT 400/401/403/404/422/500 (line 452); §6 line 141 (422: semantic errors)",
  },
  "model-sync.mode-unsupported": {
    status: 422,
    message: "mode: {mode} is not supported by {object} (supported: {modes})",
    condition:
      "a mode the target object does not offer; only the Webhook's `http` object documents its modes (updateOrCreate)",
    source:
      "polytomic-api.md §4 lines 460-461 (valid modes per target come from the target objects' modes[]); connection-types.md, webhook (line 416: mode always updateOrCreate)",
  },
  "model-sync.identity-required": {
    status: 422,
    message: "identity: is required for mode {mode}",
    condition:
      "mode `update` or `updateOrCreate` (modes with requires_identity) without an identity, except on a Webhook",
    source:
      "polytomic-api.md §4 lines 440-441 (identity required for modes with requires_identity, e.g. update / updateOrCreate)",
  },
  "model-sync.not-found": {
    status: 404,
    message: "sync {id} not found",
    condition: "a path names a model sync id that does not exist",
    source: "polytomic-api.md §4 lines 450-454 (404)",
  },
  "model-sync.running": {
    status: 409,
    message: "a sync execution is already running",
    condition: "POST /api/syncs/{id}/executions while an execution runs",
    source: "polytomic-api.md §4 line 497 (409 already running); §6 line 139",
  },
  "model-sync.target-object-not-found": {
    status: 404,
    message: "target object {id} not found",
    condition: "GET .../modelsync/target/fields naming an object the emulator's catalogue lacks",
    source: "polytomic-api.md §4 Target discovery, line 532 (401/403/404/500)",
  },

  // Bulk syncs
  "bulk-sync.required": {
    status: 400,
    message: "{field}: is required",
    condition:
      "a bulk sync without `name`, `source_connection_id`, `destination_connection_id`, `mode`, `destination_configuration`, or its schedule (`schedule` before 2025-09-18, `default_schedule` from it), or a schedule without `frequency`; an activate without `active`",
    source:
      "seed 003 (Create Bulk Sync: name, source_connection_id, destination_connection_id, mode, default_schedule, destination_configuration Required); SDK CreateBulkSyncRequest.schedule and BulkSchedule.frequency (required), ActivateSyncInput.active",
  },
  "bulk-sync.reference-unknown": {
    status: 400,
    message: "{field}: connection {id} not found",
    condition: "`source_connection_id` or `destination_connection_id` names a connection that does not exist",
    source:
      "polytomic-api.md §5: POST /api/bulk/syncs answers 400/401/403/422/500 (line 570), PUT 400/401/403/404/500 (line 577): 400 is the status both list; §6 line 140",
  },
  "bulk-sync.no-schemas": {
    status: 400,
    message:
      "No schemas found. This can mean that the Polytomic has not cached any schemas yet. Please try again.",
    condition: "a bulk sync create while the source connection's schemas are not cached",
    source: "seeds 000 and 001 (the exact body); polytomic-api.md §6 lines 122-129",
  },
  "bulk-sync.not-found": {
    status: 404,
    message: "bulk sync {id} not found",
    condition: "a path names a bulk sync id that does not exist",
    source: "polytomic-api.md §5 lines 572-579 (404)",
  },
  "bulk-sync.schema-not-found": {
    status: 404,
    message: "bulk sync schema {id} not found",
    condition: "GET /api/bulk/syncs/{id}/schemas/{schema_id} for a schema not configured on the sync",
    source:
      "SDK bulkSync.schemas.get (throws NotFoundError; the list holds the schemas configured on the sync); polytomic-api.md §5 lines 610-611",
  },
  "bulk-sync.running": {
    status: 409,
    message: "a bulk sync execution is already running",
    condition: "POST /api/bulk/syncs/{id}/executions while an execution runs",
    source: "polytomic-api.md §5 line 628 (409 if already running)",
  },
  "bulk-sync.resync-removed": {
    status: 400,
    message: "resync: was removed in 2025-09-18; use resync_mode",
    condition: "`resync: true` on an execution start with version 2025-09-18",
    source: "polytomic-api.md §6, What changed in 2025-09-18, item 3 (lines 90-91)",
  },
  "bulk-sync.test-with-resync": {
    status: 400,
    message: "test: cannot be combined with a resync",
    condition: "`test: true` with `resync_mode` (or `resync: true`) on an execution start",
    source:
      "SDK StartBulkSyncRequest.test (mutually exclusive with resync and resync_mode); polytomic-api.md §5 line 627",
  },
  "bulk-sync.execution-schema": {
    status: 400,
    message: '{field}: schema "{id}" is not enabled on this bulk sync',
    condition: "an execution start whose `schemas` names a schema not enabled on the sync",
    source:
      "polytomic-api.md §5 line 626 (`schemas`: a subset) and line 628 (400); SDK StartBulkSyncRequest.schemas (empty = all enabled schemas)",
  },
} as const satisfies Record<string, Rule>;

/** A rule's id. */
export type RuleId = keyof typeof RULES;

/** The error a rule answers, its message filled from `params`. */
export function refuse(
  id: RuleId,
  params: Readonly<Record<string, string | number>> = {},
  metadata: Record<string, unknown> | null = null,
): ApiError {
  const rule: Rule = RULES[id];
  const message = rule.message.replaceAll(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
  return new ApiError(rule.status, message, metadata, undefined, id);
}
