/**
 * Model-sync targets: the objects a destination connection offers, the sync modes each supports (and
 * which need an identity), and each object's fields (required, createable, updateable, identity-capable).
 */

import { IDENTITY_MODES } from "../grammar/modelSyncEnums";
import { catalogueFor, type Schema, type SchemaField } from "./catalogues";
import type { ConnectionTypeSpec } from "./connectionTypes";

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

/** Modes that create records, so every required target field must be mapped. */
export const CREATING_MODES = new Set(["create", "updateOrCreate", "replace", "append", "snapshot"]);

const mode = (id: string): TargetMode => ({
  id,
  requires_identity: IDENTITY_MODES.includes(id),
  supports_per_field_mode: id === "updateOrCreate",
  supports_target_filters: false,
});

const SAAS_MODES = ["create", "update", "updateOrCreate", "remove"].map(mode);
const WAREHOUSE_MODES = ["create", "updateOrCreate", "replace", "append", "snapshot"].map(mode);
const FILE_MODES = ["replace", "append", "snapshot"].map(mode);

/** Fields a record needs on create, per CRM object. */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  Account: ["Name"],
  Contact: ["LastName"],
  Lead: ["LastName", "Company"],
  Opportunity: ["Name", "StageName", "CloseDate"],
  Campaign: ["Name"],
  contacts: ["email"],
  companies: ["name"],
};
/** Fields the system writes; never mappable. */
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
  const identity =
    field.is_primary_key || /email|domain|external/i.test(field.id) || field.remote_type === "email";
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
    supports_identity: identity,
    identity_functions: identity ? (field.type === "string" ? FUNCTIONS : FUNCTIONS.slice(0, 1)) : [],
  };
}

/** The objects a connection of `spec` offers as model-sync targets. */
export function targetObjects(spec: ConnectionTypeSpec): readonly TargetObject[] {
  if (!spec.operations.includes("modelsyncdestination")) return [];
  if (spec.id === "webhook") {
    // A webhook receives whatever the mappings send: one object, every field is new.
    return [
      { id: "webhook", name: "Webhook", modes: [mode("create")], fields: [], supportsFieldCreation: true },
    ];
  }
  const files = spec.catalogue === "files";
  const warehouse = spec.catalogue === "sql";
  const modes = files ? FILE_MODES : warehouse ? WAREHOUSE_MODES : SAAS_MODES;
  return catalogueFor(spec).map((schema) => ({
    id: schema.id,
    name: schema.name,
    modes,
    fields: schema.fields.map((f) => targetField(schema, f, warehouse || files)),
    supportsFieldCreation: warehouse || files,
  }));
}
