/**
 * Connection types the emulator serves: every type of the project's fixture data/connection-types.json
 * (the JSON Schemas `GET /api/connection_types/{id}` answers, with Polytomic's property flags
 * `sensitive`, `readOnly`, `hidden`, `api_field`), and for the fourteen served in detail what the
 * sources say beyond the schema: catalogue, roles, and Salesforce's documented relaxation of `required`.
 */

import { CONNECTION_TYPE_DATA, type DataType, type SchemaNode, type TypeSchema } from "./connectionTypeData";

/** One property of a connection type's configuration (a node of its JSON Schema). */
export type Prop = SchemaNode;

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
  /** The schema's `required`. */
  readonly required: readonly string[];
  /**
   * The properties the emulator refuses a configuration without: `required`, except where a documented
   * rule relaxes it (Salesforce: domain only, unless `connect_mode` is `api`).
   */
  readonly enforcedRequired: readonly string[];
  /** The schema's properties. */
  readonly properties: Readonly<Record<string, Prop>>;
  /** The JSON Schema served, exactly as the fixture holds it. */
  readonly schema: TypeSchema;
  /**
   * Catalogue used for the schema cache of connections of this type: a realistic one per kind of
   * source for the types served in detail, a small generic one for the others, none for the Webhook.
   */
  readonly catalogue: "salesforce" | "hubspot" | "stripe" | "sql" | "files" | "mongodb" | "generic" | "none";
}

const caps = (source: boolean, destination: boolean) => ({
  source,
  destination,
  enrichment: false,
  orchestration: false,
});
const ops = (...o: string[]) => o;
const bulkAll = ops("bulksyncsource", "bulksyncdestination", "modelsource", "modelsyncdestination");

/** What the sources say of a type beyond its schema. */
interface Detail {
  readonly capabilities: ConnectionTypeSpec["capabilities"];
  readonly operations: readonly string[];
  readonly catalogue: ConnectionTypeSpec["catalogue"];
  /** A documented relaxation of the schema's `required`. */
  readonly required?: readonly string[];
}

/**
 * The types served in detail. Roles: connection-types.md, Summary table, where `–` (documented as not
 * supported) removes the operation and `?` keeps it.
 */
const DETAILS: Readonly<Record<string, Detail>> = {
  salesforce: {
    capabilities: caps(true, true),
    operations: ops("bulksyncsource", "modelsource", "modelsyncdestination"),
    catalogue: "salesforce",
    // connection-types.md, salesforce, Conditional rules: "The official examples create a Salesforce
    // connection with only {"domain": ...} ... An emulator should accept a domain-only config for
    // connect_mode=browser or code." client_id and client_secret go with connect_mode=api (checked by
    // the rule connection.salesforce-client-credentials).
    required: ["domain"],
  },
  snowflake: { capabilities: caps(true, true), operations: bulkAll, catalogue: "sql" },
  s3: { capabilities: caps(true, true), operations: bulkAll, catalogue: "files" },
  gcs: { capabilities: caps(true, true), operations: bulkAll, catalogue: "files" },
  // Model-sync and bulk-sync destination "?" (unknown): neither role is refused.
  mongodb: { capabilities: caps(true, true), operations: bulkAll, catalogue: "mongodb" },
  postgresql: { capabilities: caps(true, true), operations: bulkAll, catalogue: "sql" },
  mysql: { capabilities: caps(true, true), operations: bulkAll, catalogue: "sql" },
  bigquery: { capabilities: caps(true, true), operations: bulkAll, catalogue: "sql" },
  redshift: { capabilities: caps(true, true), operations: bulkAll, catalogue: "sql" },
  hubspot: {
    capabilities: caps(true, true),
    operations: ops("bulksyncsource", "modelsource", "modelsyncdestination"),
    catalogue: "hubspot",
  },
  netsuite: {
    capabilities: caps(true, true),
    operations: ops("bulksyncsource", "modelsource", "modelsyncdestination"),
    catalogue: "sql",
  },
  // Bulk-sync source "–"; model-sync destination "?".
  airtable: {
    capabilities: caps(true, true),
    operations: ops("modelsource", "modelsyncdestination", "bulksyncdestination"),
    catalogue: "sql",
  },
  stripe: {
    capabilities: caps(true, true),
    operations: ops("bulksyncsource", "modelsource", "modelsyncdestination"),
    catalogue: "stripe",
  },
  // "This type is a model-sync destination only."
  webhook: { capabilities: caps(false, true), operations: ops("modelsyncdestination"), catalogue: "none" },
};

/**
 * A type the sources say nothing more of: its capabilities are not documented, so it refuses no role
 * (but the HTTP API's bulk-sync destination, a `–` of the Summary table), and it exposes the generic
 * catalogue.
 */
function genericDetail(id: string): Detail {
  return {
    capabilities: caps(true, true),
    operations: id === "api" ? ops("bulksyncsource", "modelsource", "modelsyncdestination") : bulkAll,
    catalogue: "generic",
  };
}

function specOf(type: DataType): ConnectionTypeSpec {
  const detail = DETAILS[type.id] ?? genericDetail(type.id);
  return {
    id: type.id,
    name: type.name,
    useOauth: type.use_oauth,
    capabilities: detail.capabilities,
    operations: detail.operations,
    required: type.schema.required ?? [],
    enforcedRequired: detail.required ?? type.schema.required ?? [],
    properties: type.schema.properties,
    schema: type.schema,
    catalogue: detail.catalogue,
  };
}

/** Every type of the fixture (226), in its order (by id). */
export const ALL_CONNECTION_TYPES: Readonly<Record<string, ConnectionTypeSpec>> = Object.fromEntries(
  CONNECTION_TYPE_DATA.types.map((t) => [t.id, specOf(t)]),
);

/** The types the emulator serves in detail (realistic catalogues, documented roles, OAuth), by id. */
export const CONNECTION_TYPES: Readonly<Record<string, ConnectionTypeSpec>> = Object.fromEntries(
  Object.keys(DETAILS).map((id) => {
    const spec = ALL_CONNECTION_TYPES[id];
    if (!spec) throw new Error(`emulator: ${id} is not in data/connection-types.json`);
    return [id, spec];
  }),
);

/**
 * The bare JSON Schema of a type, as `GET /api/connection_types/{id}` answers it: the fixture's schema
 * with the `$schema` and `$id` the endpoint's answers carry (connection-types.md, API shapes: "returns
 * the JSON Schema object: `$schema`, `$id`, `properties`, `required`, `type`"; bigquery's `$id` "ends
 * in `connection-configuration`, not `connection-conf`").
 */
export function jsonSchemaOf(spec: ConnectionTypeSpec): Record<string, unknown> {
  const suffix = spec.id === "bigquery" ? "connection-configuration" : "connection-conf";
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `https://polytomic.com/backend/${spec.id}/${suffix}`,
    ...spec.schema,
  };
}

/** The schema a configuration is validated against: the served one with the required list the emulator enforces. */
export function validationSchemaOf(spec: ConnectionTypeSpec): Record<string, unknown> {
  return { ...spec.schema, required: spec.enforcedRequired };
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

/**
 * Keys of a type's configuration that the server owns: `readOnly` ("Set by the server") and `hidden`
 * without `api_field` ("server-managed state"), connection-types.md, Non-standard keywords;
 * polytomic-api.md §1, Sensitive config handling: read-only keys are stripped from create and update
 * payloads "because the server owns them". No source says a request that carries one is refused, so a
 * value sent for one is ignored.
 */
export function serverStateKeys(spec: ConnectionTypeSpec): string[] {
  return Object.entries(spec.properties)
    .filter(([, p]) => p.readOnly === true || (p.hidden === true && p.api_field !== true))
    .map(([k]) => k);
}
