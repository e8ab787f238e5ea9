/**
 * Connection types the emulator serves, written from the documented facts (required keys, secrets,
 * enums, defaults) as the JSON Schemas `GET /api/connection_types/{id}` returns, with Polytomic's
 * extra property flags (`sensitive`, `readOnly`).
 */

import { DOCUMENTED_TYPES } from "./documentedTypes";

/** One property of a connection type's configuration. */
interface Prop {
  readonly type: "string" | "integer" | "boolean" | "array" | "object";
  readonly title?: string;
  readonly sensitive?: true;
  readonly readOnly?: true;
  readonly enum?: readonly string[];
  readonly default?: unknown;
  readonly items?: Record<string, unknown>;
}

/** What the emulator knows of one type. */
export interface ConnectionTypeSpec {
  readonly id: string;
  readonly name: string;
  readonly useOauth: boolean;
  readonly capabilities: {
    source: boolean;
    destination: boolean;
    enrichment: boolean;
    orchestration: boolean;
  };
  /** Operations the type supports, as listed on connection responses. */
  readonly operations: readonly string[];
  readonly required: readonly string[];
  readonly properties: Readonly<Record<string, Prop>>;
  /** Catalogue used for the schema cache of connections of this type. */
  readonly catalogue: "salesforce" | "hubspot" | "stripe" | "sql" | "files" | "mongodb" | "none";
}

const str: Prop = { type: "string" };
const secret: Prop = { type: "string", sensitive: true };
const bool: Prop = { type: "boolean" };
const int: Prop = { type: "integer" };
const caps = (source: boolean, destination: boolean) => ({
  source,
  destination,
  enrichment: false,
  orchestration: false,
});
const ops = (...o: string[]) => o;
const ssh = {
  ssh: bool,
  ssh_user: { ...str, default: "root" },
  ssh_host: str,
  ssh_port: { ...int, default: 22 },
  ssh_private_key: secret,
};
const awsAuth = {
  auth_mode: { ...str, enum: ["access_key_and_secret", "iam_role"], default: "access_key_and_secret" },
  aws_access_key_id: str,
  aws_secret_access_key: secret,
  aws_user: str,
  iam_role_arn: str,
  external_id: str,
};
const fileOptions = {
  csv_has_headers: { ...bool, default: true },
  is_single_table: { ...bool, default: false },
  is_directory_snapshot: { ...bool, default: false },
  directory_glob_pattern: str,
  single_table_name: str,
  single_table_file_format: { ...str, enum: ["csv", "json", "parquet"], default: "csv" },
  skip_lines: { ...int, default: 0 },
};
const bulkAll = ops("bulksyncsource", "bulksyncdestination", "modelsource", "modelsyncdestination");

/** The types the emulator serves in detail (catalogues, roles, OAuth), by id. */
export const CONNECTION_TYPES: Readonly<Record<string, ConnectionTypeSpec>> = Object.fromEntries(
  (
    [
      {
        id: "salesforce",
        name: "Salesforce",
        useOauth: true,
        capabilities: caps(true, true),
        operations: ops("bulksyncsource", "modelsource", "modelsyncdestination"),
        required: ["domain"],
        catalogue: "salesforce",
        properties: {
          domain: str,
          connect_mode: { ...str, enum: ["browser", "clientcredentials", "code", "api"], default: "browser" },
          client_id: secret,
          client_secret: secret,
          oauth_refresh_token: secret,
          username: { ...str, readOnly: true },
          instance_url_override: { ...str, readOnly: true },
          enforce_api_limits: bool,
          daily_api_calls: int,
          enable_tooling: bool,
          enable_multicurrency_lookup: bool,
        },
      },
      {
        id: "snowflake",
        name: "Snowflake",
        useOauth: false,
        capabilities: caps(true, true),
        operations: bulkAll,
        required: ["account", "username", "dbname"],
        catalogue: "sql",
        properties: {
          account: str,
          username: str,
          password: secret,
          dbname: str,
          warehouse: str,
          params: str,
          key_pair_auth: { ...bool, default: false },
          private_key: secret,
          private_key_passphrase: secret,
          use_bulk_sync_staging_schema: { ...bool, default: false },
          bulk_sync_staging_schema: str,
        },
      },
      {
        id: "s3",
        name: "S3",
        useOauth: false,
        capabilities: caps(true, true),
        operations: bulkAll,
        required: ["auth_mode", "s3_bucket_region", "s3_bucket_name"],
        catalogue: "files",
        properties: { ...awsAuth, s3_bucket_region: str, s3_bucket_name: str, ...fileOptions },
      },
      {
        id: "gcs",
        name: "Google Cloud Storage",
        useOauth: false,
        capabilities: caps(true, true),
        operations: bulkAll,
        required: ["bucket", "service_account"],
        catalogue: "files",
        properties: {
          project_id: { ...str, readOnly: true },
          client_email: { ...str, readOnly: true },
          service_account: secret,
          bucket: str,
          ...fileOptions,
        },
      },
      {
        id: "mongodb",
        name: "MongoDB",
        useOauth: false,
        capabilities: caps(true, true),
        // connection-types.md, Summary table: model-sync and bulk-sync destination "?" (unknown), so
        // neither role is refused.
        operations: bulkAll,
        required: ["hosts"],
        catalogue: "mongodb",
        properties: {
          hosts: str,
          username: str,
          password: secret,
          database: str,
          ssl: { ...bool, default: true },
          srv: bool,
          params: str,
          change_detection: { ...bool, default: false },
        },
      },
      {
        id: "postgresql",
        name: "PostgreSQL",
        useOauth: false,
        capabilities: caps(true, true),
        operations: bulkAll,
        required: ["hostname", "username", "password", "database", "port"],
        catalogue: "sql",
        properties: {
          hostname: str,
          username: str,
          password: secret,
          database: str,
          port: { ...int, default: 5432 },
          ssl: { ...bool, default: true },
          ...ssh,
          client_certs: { ...bool, default: false },
          client_certificate: secret,
          client_key: secret,
          ca_cert: secret,
          change_detection: { ...bool, default: false },
          publication: str,
        },
      },
      {
        id: "mysql",
        name: "MySQL",
        useOauth: false,
        capabilities: caps(true, true),
        operations: bulkAll,
        required: ["hostname", "account", "passwd", "port"],
        catalogue: "sql",
        properties: {
          hostname: str,
          account: str,
          passwd: secret,
          dbname: str,
          port: { ...int, default: 3306 },
          ssl: { ...bool, default: true },
          ...ssh,
          change_detection: { ...bool, default: false },
        },
      },
      {
        id: "bigquery",
        name: "Google BigQuery",
        useOauth: false,
        capabilities: caps(true, true),
        operations: bulkAll,
        required: ["auth_method"],
        catalogue: "sql",
        properties: {
          auth_method: {
            ...str,
            enum: ["service_account_key", "workload_identity_federation", "application_default_credentials"],
            default: "service_account_key",
          },
          project_id: str,
          client_email: str,
          service_account: secret,
          override_project_id: str,
          wif_project_id: str,
          credential_config: secret,
          location: str,
          structured_values_as_json: { ...bool, default: false },
          use_extract: bool,
          bucket: str,
        },
      },
      {
        id: "redshift",
        name: "Redshift",
        useOauth: false,
        capabilities: caps(true, true),
        operations: bulkAll,
        required: ["hostname", "username", "password", "database", "port", "auth_mode"],
        catalogue: "sql",
        properties: {
          hostname: str,
          username: str,
          password: secret,
          database: str,
          port: { ...int, default: 5439 },
          ...ssh,
          ...awsAuth,
          s3_bucket_name: str,
          s3_bucket_region: str,
          use_bulk_sync_staging_schema: { ...bool, default: false },
          bulk_sync_staging_schema: str,
        },
      },
      {
        id: "hubspot",
        name: "HubSpot",
        useOauth: true,
        capabilities: caps(true, true),
        operations: ops("bulksyncsource", "modelsource", "modelsyncdestination"),
        required: [],
        catalogue: "hubspot",
        properties: {
          oauth_refresh_token: secret,
          hub_user: { ...str, readOnly: true },
          hub_domain: { ...str, readOnly: true },
          client_id: secret,
          client_secret: secret,
          include_static_list_support: bool,
          use_search_api: { ...bool, default: true },
        },
      },
      {
        id: "netsuite",
        name: "NetSuite",
        useOauth: false,
        capabilities: caps(true, true),
        operations: ops("bulksyncsource", "modelsource", "modelsyncdestination"),
        required: ["account_id", "consumer_key", "consumer_secret", "token", "token_secret"],
        catalogue: "sql",
        properties: {
          account_id: str,
          consumer_key: secret,
          consumer_secret: secret,
          token: secret,
          token_secret: secret,
        },
      },
      {
        id: "airtable",
        name: "Airtable",
        useOauth: true,
        capabilities: caps(true, true),
        // connection-types.md, Summary table: bulk-sync source "–"; model-sync destination "?".
        operations: ops("modelsource", "modelsyncdestination", "bulksyncdestination"),
        required: [],
        catalogue: "sql",
        properties: {
          api_key: secret,
          connected_user: { ...str, readOnly: true },
          oauth_access_token: secret,
          oauth_refresh_token: secret,
          client_id: secret,
          client_secret: secret,
        },
      },
      {
        id: "stripe",
        name: "Stripe",
        useOauth: false,
        capabilities: caps(true, true),
        operations: ops("bulksyncsource", "modelsource", "modelsyncdestination"),
        required: ["api_key"],
        catalogue: "stripe",
        properties: { api_key: secret },
      },
      {
        id: "webhook",
        name: "Webhook",
        useOauth: false,
        capabilities: caps(false, true),
        operations: ops("modelsyncdestination"),
        required: ["url", "auth_method"],
        catalogue: "none",
        properties: {
          url: str,
          auth_method: {
            ...str,
            enum: ["polytomic_secret", "basic", "header", "query", "oauth_client_credentials"],
            default: "polytomic_secret",
          },
          secret: secret,
          basic: { type: "object" },
          header: { type: "object" },
          query: { type: "array" },
          headers: { type: "array" },
        },
      },
    ] as ConnectionTypeSpec[]
  ).map((t) => [t.id, t]),
);

/**
 * Every documented type (shared/data/connection-types.json), the 14 above from their own specs. The
 * capabilities of the others are not documented, so they refuse no role and expose no catalogue.
 */
export const ALL_CONNECTION_TYPES: Readonly<Record<string, ConnectionTypeSpec>> = {
  ...Object.fromEntries(
    DOCUMENTED_TYPES.map((t): [string, ConnectionTypeSpec] => [
      t.id,
      {
        id: t.id,
        name: t.name,
        useOauth: t.use_oauth,
        capabilities: caps(true, true),
        // connection-types.md, Summary table: the HTTP API type is no bulk-sync destination ("–").
        operations: t.id === "api" ? ops("bulksyncsource", "modelsource", "modelsyncdestination") : bulkAll,
        required: t.schema.required ?? [],
        properties: t.schema.properties as unknown as Record<string, Prop>,
        catalogue: "none",
      },
    ]),
  ),
  ...CONNECTION_TYPES,
};

/** The bare JSON Schema of a type, as `GET /api/connection_types/{id}` answers it. */
export function jsonSchemaOf(spec: ConnectionTypeSpec): Record<string, unknown> {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `https://polytomic.com/backend/${spec.id}/connection-conf`,
    title: spec.name,
    type: "object",
    properties: spec.properties,
    required: spec.required,
  };
}

/**
 * `configuration` with the default of every required property it leaves unset (absent, `null` or
 * `""`) filled in. connection-types.md, "Non-standard keywords": "A required property that has a
 * `default` may be omitted: seed 000 creates an S3 connection without `auth_mode` ... and the API
 * fills the default in."
 */
export function withRequiredDefaults(
  spec: ConnectionTypeSpec,
  configuration: Record<string, unknown>,
): Record<string, unknown> {
  const out = { ...configuration };
  for (const key of spec.required) {
    const fallback = spec.properties[key]?.default;
    const value = out[key];
    if (fallback !== undefined && (value === undefined || value === null || value === ""))
      out[key] = fallback;
  }
  return out;
}

/** Keys of a type's configuration that are secrets. */
export function sensitiveKeys(spec: ConnectionTypeSpec): string[] {
  return Object.entries(spec.properties)
    .filter(([, p]) => p.sensitive)
    .map(([k]) => k);
}
