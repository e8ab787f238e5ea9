/**
 * Plain async lookups for Pulumi programs: what a connection type accepts, which schemas a bulk-sync
 * source offers, and which objects and fields a model-sync target has. They call the API from the
 * program with the same settings as the resources (stack config `polytomic:*`, else `POLYTOMIC_*`).
 *
 * They need real ids, so inside a program use them on existing connections (or within `apply` of a
 * created connection's id, which runs only on `up`).
 */
import { PolytomicClient } from "./client/client";
import type { ClientSettings } from "./client/types";
import { resolveSettings } from "./config";

/**
 * Settings for one lookup; omitted fields come from stack config or the environment. They pass the
 * same checks as the stack's: a plain `http://` baseUrl to a host other than loopback is refused
 * unless `allowCleartextHttp` (or the stack's `polytomic:allowCleartextHttp`) allows it.
 */
export interface LookupSettings extends Partial<ClientSettings> {
  /** Allow a plain `http://` baseUrl to a host other than loopback, as `polytomic:allowCleartextHttp` does. */
  readonly allowCleartextHttp?: boolean;
}

/** A JSON Schema document, as `GET /api/connection_types/{id}` answers it. */
export interface ConnectionTypeSchema {
  /** Always `object`. */
  readonly type?: string;
  /** Configuration keys and their schemas (with `sensitive`, `readOnly`, `enum`). */
  readonly properties?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Required configuration keys. */
  readonly required?: readonly string[];
}

/** A source schema (object, table, file, collection) and its fields. */
export interface SourceSchema {
  /** Schema id, used in a bulk sync's `schemas`. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Field ids and types (when requested). */
  readonly fields?: readonly { readonly id: string; readonly name: string; readonly type: string }[];
}

/** A model-sync target object and its modes. */
export interface TargetObject {
  /** Object id, used as a model sync's `target.object`. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Supported modes and whether each needs an identity. */
  readonly modes: readonly { readonly id: string; readonly requires_identity: boolean }[];
}

/** A field of a target object. */
export interface TargetField {
  /** Field id, used as a mapping's `target`. */
  readonly id: string;
  /** Display name. */
  readonly name: string;
  /** Field type. */
  readonly type: string;
  /** Whether records need it on create. */
  readonly required: boolean;
  /** Whether it can be written on create / update. */
  readonly createable: boolean;
  readonly updateable: boolean;
  /** Whether an identity can match on it, and with which functions. */
  readonly supports_identity: boolean;
  readonly identity_functions: readonly { readonly id: string; readonly label: string }[];
}

/**
 * A stack configuration value. `@pulumi/pulumi` is loaded here, at the first lookup, rather than with
 * this module: the provider plugin serves lookups too and starts half a second sooner without it.
 */
function stackConfig(key: string): string | undefined {
  const { runtime } = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  return runtime.getConfig(key);
}

/** The per-call settings by config key, ahead of stack config and the environment. */
function client(overrides: LookupSettings): PolytomicClient {
  const given = new Map<string, unknown>(
    Object.entries(overrides)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [`polytomic:${name}`, value]),
  );
  const settings = resolveSettings(
    {
      get: (key) => (given.has(key) ? String(given.get(key)) : stackConfig(key)),
      describe: (key) =>
        given.has(key) ? `the lookup's settings (${key.replace("polytomic:", "")})` : `stack config ${key}`,
    },
    process.env,
  );
  return new PolytomicClient(settings);
}

const id = (value: string) => encodeURIComponent(value);

/** The JSON Schema of a connection type's configuration (e.g. `salesforce`). */
export async function getConnectionTypeSchema(
  type: string,
  settings: LookupSettings = {},
): Promise<ConnectionTypeSchema> {
  return client(settings).request<ConnectionTypeSchema>("GET", `/api/connection_types/${id(type)}`);
}

/** The schemas a bulk-sync source offers (empty until its schema cache is ready). */
export async function getBulkSourceSchemas(
  connectionId: string,
  options: { includeFields?: boolean } & LookupSettings = {},
): Promise<SourceSchema[]> {
  const { includeFields, ...settings } = options;
  const response = await client(settings).request<{ data: { schemas: SourceSchema[] | null } }>(
    "GET",
    `/api/connections/${id(connectionId)}/bulksync/source`,
    { query: { include_fields: includeFields ? "true" : "false" } },
  );
  return response.data.schemas ?? [];
}

/** The objects a model-sync target connection offers. */
export async function getTargetObjects(
  connectionId: string,
  settings: LookupSettings = {},
): Promise<TargetObject[]> {
  const response = await client(settings).request<{ data: TargetObject[] | null }>(
    "GET",
    `/api/connections/${id(connectionId)}/modelsync/targetobjects`,
  );
  return response.data ?? [];
}

/** The fields of one target object. */
export async function getTargetFields(
  connectionId: string,
  object: string,
  settings: LookupSettings = {},
): Promise<TargetField[]> {
  const response = await client(settings).request<{ data: { fields: TargetField[] | null } }>(
    "GET",
    `/api/connections/${id(connectionId)}/modelsync/target/fields`,
    { query: { target: object } },
  );
  return response.data.fields ?? [];
}
