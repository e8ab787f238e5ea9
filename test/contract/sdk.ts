/**
 * Shared pieces of the SDK contract tests: the official `polytomic` TypeScript SDK pointed at a local
 * emulator in both API versions, the field lists of the API reference, and small expectation helpers.
 */
import { Polytomic, PolytomicClient, PolytomicError } from "polytomic";
import { expect } from "vitest";
import { type Emulator, startEmulator } from "../../emulator";

/** Request options of every call: no retry may hide a failure. */
export const once = { maxRetries: 0 } as const;

/** The unknown id of the not-found cases. */
export const UNKNOWN_ID = "00000000-0000-0000-0000-000000000000";

/** An emulator and one SDK client per API version. */
export interface SdkContext {
  emu: Emulator;
  v2024: PolytomicClient;
  v2025: PolytomicClient;
}

/** Starts an emulator with a short schema-cache delay and builds the two clients. */
export async function startSdkContext(): Promise<SdkContext> {
  const emu = await startEmulator({ port: 0, schemaCacheDelayMs: 50 });
  const client = (version: string) =>
    new PolytomicClient({ environment: emu.url, token: emu.apiKey, version });
  return { emu, v2024: client("2024-02-08"), v2025: client("2025-09-18") };
}

/**
 * Keys every answer of each object carries, from /work/shared/docs/polytomic-api.md. Optional values
 * the request left unset (status_error of a healthy connection, healthcheck_interval, policies,
 * identifier, filter_logic, partition_key, ...) are absent, as the API omits unset fields (issue 13), so
 * they are not listed here.
 */
export const KEYS = {
  identity: ["organization_id", "organization_name", "is_user", "is_partner", "is_organization", "is_system"],
  connectionType: ["id", "name", "logo_url", "use_oauth", "capabilities"],
  connectionTypeRef: ["id", "name", "logo_url", "operations"],
  connectionWrite: ["id", "name", "organization_id", "type", "configuration", "status", "saved"],
  connection: [
    "id",
    "name",
    "organization_id",
    "configuration",
    "type",
    "status",
    "saved",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
  ],
  actor: ["id", "name", "type"],
  schemaStatus: ["cache_status", "last_refresh_started", "last_refresh_finished"],
  schema: ["id", "name", "fields"],
  schemaField: ["id", "name", "type", "remote_type", "is_primary_key"],
  bulkSource: ["schemas", "capabilities"],
  bulkTarget: ["configuration", "modes", "supported_resync_modes"],
  model: [
    "id",
    "name",
    "organization_id",
    "connection_id",
    "type",
    "version",
    "configuration",
    "fields",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
  ],
  modelField: ["id", "name", "label", "type", "remote_type", "unique", "user_added"],
  modelSync: [
    "id",
    "name",
    "organization_id",
    "mode",
    "schedule",
    "target",
    "fields",
    "active",
    "model_ids",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
  ],
  modelSyncListItem: [
    "id",
    "name",
    "organization_id",
    "active",
    "mode",
    "model_ids",
    "schedule",
    "target_connection_id",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
  ],
  targetObject: ["id", "name", "modes"],
  targetMode: ["id", "requires_identity", "supports_per_field_mode", "supports_target_filters"],
  targetFields: ["id", "name", "refreshed_at", "fields", "modes", "properties"],
  targetField: [
    "id",
    "name",
    "type",
    "source_type",
    "description",
    "required",
    "createable",
    "updateable",
    "filterable",
    "encryptable",
    "association",
    "supports_identity",
    "identity_functions",
  ],
  syncStatus: ["current_execution", "last_execution", "next_execution_time"],
  execution: ["id", "status", "created_at"],
  bulkSync: [
    "id",
    "name",
    "organization_id",
    "active",
    "mode",
    "source_connection_id",
    "destination_connection_id",
    "destination_configuration",
    "automatically_add_new_fields",
    "automatically_add_new_objects",
    "normalize_names",
    "disable_record_timestamps",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
  ],
  bulkSchedule: ["frequency", "id", "created_at", "created_by", "updated_at", "updated_by"],
  bulkSchema: ["id", "enabled", "output_name"],
  bulkField: ["id", "enabled", "obfuscated", "output_name"],
  bulkExecution: [
    "id",
    "type",
    "status",
    "status_message",
    "created_at",
    "started_at",
    "completed_at",
    "updated_at",
    "record_count",
    "error_count",
    "warning_count",
    "is_test",
    "is_resync",
    "is_partial",
    "fetch_mode",
    "output_disposition",
    "schemas",
  ],
} as const;

/** Asserts that `value` is an object holding at least `keys`, and returns it as a record. */
export function expectKeys(value: unknown, keys: readonly string[]): Record<string, unknown> {
  expect(value).toBeTypeOf("object");
  expect(value).not.toBeNull();
  expect(Object.keys(value as object)).toEqual(expect.arrayContaining([...keys]));
  return value as Record<string, unknown>;
}

/** Asserts the `{id, name, type}` actor shape of `created_by` / `updated_by`. */
export function expectActors(value: Record<string, unknown>): void {
  for (const key of ["created_by", "updated_by"]) {
    const actor = expectKeys(value[key], KEYS.actor);
    expect(actor.type).toMatch(/^(user|system|organization|partner)$/);
  }
  expect(Date.parse(String(value.created_at))).not.toBeNaN();
  expect(Date.parse(String(value.updated_at))).not.toBeNaN();
}

/** The error a call rejects with; fails when it resolves or throws something else. */
export async function sdkError(call: Promise<unknown>): Promise<PolytomicError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof PolytomicError) return error;
    throw error;
  }
  throw new Error("expected the SDK call to fail");
}

/** The `message` of an error body in the API's error envelope. */
export function errorMessage(error: PolytomicError): string {
  const body = expectKeys(error.body, ["status", "message"]);
  expect(body.status).toBe(error.statusCode);
  return String(body.message);
}

/**
 * Asserts that a call about {@link UNKNOWN_ID} fails with a 404 naming it. The SDK maps a status to its
 * error class only where the endpoint declares it (`mapped`); elsewhere it throws a PolytomicError.
 */
export async function expectNotFound(call: () => Promise<unknown>, mapped = true): Promise<void> {
  const error = await sdkError(call());
  expect(error.statusCode).toBe(404);
  if (mapped) expect(error).toBeInstanceOf(Polytomic.NotFoundError);
  expect(errorMessage(error)).toContain(UNKNOWN_ID);
}

/** Polls the schema status until the cache is ready (bounded by attempts, not by time). */
export async function waitForCache(client: PolytomicClient, connectionId: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const status = await client.schemas.getStatus(connectionId, once);
    if (status.data?.cache_status === "fresh" || status.data?.cache_status === "cached") return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`schema cache of ${connectionId} never became ready`);
}

/** A Salesforce connection in `api` mode: healthy at once. */
export function salesforceBody(name: string) {
  return {
    name,
    type: "salesforce",
    configuration: {
      domain: "https://example.my.salesforce.com",
      connect_mode: "api",
      client_id: "client-id",
      client_secret: "client-secret",
    },
  };
}

/** A PostgreSQL connection with a password. */
export function postgresBody(name: string) {
  return {
    name,
    type: "postgresql",
    configuration: { hostname: "db.example.com", port: 5432, database: "app", username: "u", password: "pw" },
  };
}

/** An S3 connection with an access key. */
export function s3Body(name: string) {
  return {
    name,
    type: "s3",
    configuration: {
      auth_mode: "access_key_and_secret",
      aws_access_key_id: "AKIAEXAMPLE",
      aws_secret_access_key: "SECRET",
      s3_bucket_region: "us-east-1",
      s3_bucket_name: "my-bucket",
    },
  };
}

/** Creates a connection through the SDK and returns its id. */
export async function createConnection(
  client: PolytomicClient,
  body: { name: string; type: string; configuration: Record<string, unknown> },
): Promise<string> {
  const created = await client.connections.create(body, once);
  const id = created.data?.id;
  expect(id).toBeTypeOf("string");
  return String(id);
}
