/**
 * Model-sync targets: the objects a destination connection offers, the sync modes each supports (and
 * which need an identity), and each object's fields, as the discovery endpoints describe them.
 *
 * Only two of these facts are rules (modelSyncBody.ts): a mode must be one the object lists
 * (polytomic-api.md §4: "Valid modes per target come from target objects' modes[]") and a mode that
 * `requires_identity` needs an identity (§4: "identity?: Identity (required for modes with
 * requires_identity)"). `required`, `createable`, `updateable` and `supports_identity` are advice for
 * clients: nothing documents that the API refuses a sync that ignores them (Salesforce refuses the
 * records at run time), so the emulator does not.
 */

import { catalogueFor, type Schema, type SchemaField } from "./catalogues";
import type { ConnectionTypeSpec } from "./connectionTypes";
import { MODEL_SYNC_MODES } from "./enums";

/** A sync mode on a target object. */
export interface TargetMode {
  readonly id: string;
  readonly requires_identity: boolean;
  readonly supports_per_field_mode: boolean;
  readonly supports_target_filters: boolean;
}

/** A field of a target object, as `GET .../modelsync/target/fields` describes it. */
export interface TargetField {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly source_type: string;
  readonly description: string;
  readonly required: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly filterable: boolean;
  readonly encryptable: boolean;
  readonly association: null;
  readonly supports_identity: boolean;
  readonly identity_functions: readonly { id: string; label: string }[];
}

/** One object a model sync can write to. */
export interface TargetObject {
  readonly id: string;
  readonly name: string;
  readonly modes: readonly TargetMode[];
  readonly fields: readonly TargetField[];
  /** Whether mappings may create new target fields (`new: true`). */
  readonly supportsFieldCreation: boolean;
}

const mode = (id: string, requiresIdentity = IDENTITY_MODES.has(id)): TargetMode => ({
  id,
  requires_identity: requiresIdentity,
  supports_per_field_mode: id === "updateOrCreate",
  supports_target_filters: false,
});

/** Modes that need an identity: polytomic-api.md §4 names "update / updateOrCreate"; no source names others. */
const IDENTITY_MODES = new Set(["update", "updateOrCreate"]);

/**
 * Which modes an object offers is documented only for the Webhook (`http`: updateOrCreate), so every
 * other object offers every mode of the SDK's `ModelSyncMode` and none is refused.
 */
const ALL_MODES = MODEL_SYNC_MODES.map((m) => mode(m));

/** Fields a record needs, per CRM object (connection-types.md, "Typical source catalogues": "required"). */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  Account: ["Name"],
  Contact: ["LastName"],
  Lead: ["LastName", "Company", "Status"],
  Opportunity: ["Name", "StageName", "CloseDate"],
  User: ["Username", "Email", "LastName", "Alias", "ProfileId"],
};
/** Fields the system writes: answered as neither createable nor updateable (advice, not a rule). */
const SYSTEM_FIELDS = new Set([
  "Id",
  "CreatedDate",
  "LastModifiedDate",
  "SystemModstamp",
  "IsDeleted",
  "hs_object_id",
  "createdate",
  "lastmodifieddate",
]);

const FUNCTIONS = [
  { id: "Equality", label: "Equals" },
  { id: "ISubstring", label: "Contains (case-insensitive)" },
];

function targetField(schema: Schema, field: SchemaField, warehouse: boolean): TargetField {
  const system = !warehouse && SYSTEM_FIELDS.has(field.id);
  // No source says which fields can be matched on: every field is offered.
  return {
    id: field.id,
    name: field.name,
    type: field.type,
    source_type: field.remote_type,
    description: `${schema.name}.${field.name}`,
    required: (REQUIRED[schema.id] ?? []).includes(field.id),
    createable: !system,
    updateable: !system,
    filterable: true,
    encryptable: field.type === "string",
    association: null,
    supports_identity: true,
    identity_functions: field.type === "string" ? FUNCTIONS : FUNCTIONS.slice(0, 1),
  };
}

/** The objects a connection of `spec` offers as model-sync targets. */
export function targetObjects(spec: ConnectionTypeSpec): readonly TargetObject[] {
  if (!spec.operations.includes("modelsyncdestination")) return [];
  if (spec.id === "webhook") {
    // connection-types.md, webhook: "The target object is `http`, every field's target is `record`,
    // and the mode is always `updateOrCreate`". Nothing says it needs an identity.
    const record: SchemaField = {
      id: "record",
      name: "record",
      type: "object",
      remote_type: "object",
      is_primary_key: false,
    };
    const http: Schema = { id: "http", name: "HTTP", fields: [record] };
    return [
      {
        id: "http",
        name: "HTTP",
        modes: [mode("updateOrCreate", false)],
        fields: [targetField(http, record, true)],
        supportsFieldCreation: true,
      },
    ];
  }
  const files = spec.catalogue === "files";
  const warehouse = spec.catalogue === "sql";
  return catalogueFor(spec).map((schema) => ({
    id: schema.id,
    name: schema.name,
    modes: ALL_MODES,
    fields: schema.fields.map((f) => targetField(schema, f, warehouse || files)),
    supportsFieldCreation: warehouse || files,
  }));
}
