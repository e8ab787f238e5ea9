/**
 * Reading a model sync's create/update body (SDK `CreateModelSyncRequest`). Every error names the
 * field, and each rule has a source (see emulator/README.md, "Rules and their sources"); where the
 * sources are silent the body is accepted. An optional value left unset (absent, `null`, or the Go
 * SDK's zero value `""`) is not stored, so it reads back absent, as the API omits unset fields.
 */
import { type RouteContext, typeOf } from "./context";
import { IDENTITY_FUNCTIONS, isUnset, MODEL_SYNC_MODES, SCHEDULE_FREQUENCIES } from "./enums";
import { canonical, filterFunction } from "./filters";
import { type TargetObject, targetObjects } from "./modelSyncTargets";
import { refuse } from "./rules";
import { scheduleParts } from "./schedules";
import type { StoredModelSync } from "./store";

type Json = Record<string, unknown>;

/** An object the SDK's type requires (absent or null: `model-sync.required`). */
function object(value: unknown, field: string): Json {
  if (value === undefined || value === null) throw refuse("model-sync.required", { field });
  if (typeof value !== "object" || Array.isArray(value))
    throw refuse("body.wrong-type", { field, expected: "an object" });
  return value as Json;
}

function list(value: unknown, field: string): Json[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw refuse("body.wrong-type", { field, expected: "a list" });
  return value.map((item, i) => object(item, `${field}[${i}]`));
}

/** A string the SDK's type requires. */
function requiredString(value: unknown, field: string): string {
  if (isUnset(value)) throw refuse("model-sync.required", { field });
  if (typeof value !== "string") throw refuse("body.wrong-type", { field, expected: "a string" });
  return value;
}

/** A reference to an API object that must exist. */
function unknownReference(field: string, kind: string, id: unknown) {
  return refuse("model-sync.reference-unknown", { field, kind, id: String(id) });
}

/** `body` without its unset optional values (absent, null, `""`). */
function withoutUnset(body: Json): Json {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => !isUnset(v)));
}

function readSchedule(ctx: RouteContext, raw: unknown): Json {
  // CreateModelSyncRequest.schedule is required; Schedule.frequency is optional (SDK types).
  const s = object(raw, "schedule");
  const out: Json = {};
  if (!isUnset(s.frequency))
    out.frequency = canonical(s.frequency, SCHEDULE_FREQUENCIES, "schedule.frequency");
  Object.assign(out, scheduleParts(s));
  if (s.run_after !== undefined && s.run_after !== null) {
    const after = object(s.run_after, "schedule.run_after");
    const syncIds = Array.isArray(after.sync_ids) ? after.sync_ids.map(String) : [];
    const bulkIds = Array.isArray(after.bulk_sync_ids) ? after.bulk_sync_ids.map(String) : [];
    syncIds.forEach((id, i) => {
      if (!ctx.store.data.modelSyncs[id])
        throw unknownReference(`schedule.run_after.sync_ids[${i}]`, "sync", id);
    });
    bulkIds.forEach((id, i) => {
      if (!ctx.store.data.bulkSyncs[id])
        throw unknownReference(`schedule.run_after.bulk_sync_ids[${i}]`, "bulk sync", id);
    });
    out.run_after = withoutUnset({
      sync_ids: Array.isArray(after.sync_ids) ? syncIds : undefined,
      bulk_sync_ids: Array.isArray(after.bulk_sync_ids) ? bulkIds : undefined,
    });
  }
  if (typeof s.run_after_success_only === "boolean") out.run_after_success_only = s.run_after_success_only;
  if (!isUnset(s.connection_id)) {
    if (typeof s.connection_id !== "string" || !ctx.store.data.connections[s.connection_id])
      throw unknownReference("schedule.connection_id", "connection", s.connection_id);
    out.connection_id = s.connection_id;
  }
  // Schedule.job_id is a number in the SDK; 0 is the Go SDK's "unset".
  if (s.job_id !== undefined && s.job_id !== null && s.job_id !== 0) {
    if (!Number.isInteger(s.job_id))
      throw refuse("body.wrong-type", { field: "schedule.job_id", expected: "a whole number" });
    out.job_id = s.job_id;
  }
  return out;
}

/**
 * Checks a `{model_id, field}` reference (SDK `Source`: both required) and collects the model id. The
 * model must exist; the field is not checked against the model's fields, which the emulator derives
 * from a sample catalogue.
 */
function modelField(ctx: RouteContext, raw: unknown, field: string, models: Set<string>): Json {
  const ref = object(raw, field);
  const modelId = requiredString(ref.model_id, `${field}.model_id`);
  const name = requiredString(ref.field, `${field}.field`);
  const model = ctx.store.data.models[modelId];
  if (!model) throw unknownReference(`${field}.model_id`, "model", modelId);
  models.add(model.id);
  return { model_id: model.id, field: name };
}

function readTarget(ctx: RouteContext, raw: unknown): { target: Json; object: TargetObject | undefined } {
  const target = withoutUnset(object(raw, "target"));
  const connectionId = requiredString(target.connection_id, "target.connection_id");
  const connection = ctx.store.data.connections[connectionId];
  if (!connection) throw unknownReference("target.connection_id", "connection", connectionId);
  // No connection type is documented as unable to be a model-sync target (connection-types.md,
  // Summary table), so none is refused.
  if (target.create !== undefined) object(target.create, "target.create");
  if (target.configuration !== undefined) object(target.configuration, "target.configuration");
  if (target.object !== undefined && typeof target.object !== "string")
    throw refuse("body.wrong-type", { field: "target.object", expected: "a string" });
  // Target.object is optional in the SDK (a new object is described by `create` / `new_name`). An
  // object the sample catalogue lacks is accepted: its modes and fields are unknown, so unchecked.
  if (target.object === undefined || target.create !== undefined) return { target, object: undefined };
  return { target, object: targetObjects(typeOf(connection)).find((o) => o.id === target.object) };
}

function readMappings(
  ctx: RouteContext,
  raw: unknown,
  name: "fields" | "override_fields",
  models: Set<string>,
): Json[] {
  return list(raw, name).map((mapping, i) => {
    const field = `${name}[${i}]`;
    // ModelSyncField.target is required in the SDK. Whether the target field exists (or may be
    // created, `new`) is not checked: nothing documents a refusal, and the catalogues are samples.
    requiredString(mapping.target, `${field}.target`);
    const out = withoutUnset(mapping);
    // "Value to set in the target field; if provided, 'source' is ignored" (SDK ModelSyncField).
    if (out.source !== undefined && typeof out.override_value !== "string")
      out.source = modelField(ctx, out.source, `${field}.source`, models);
    return out;
  });
}

function readIdentity(
  ctx: RouteContext,
  raw: unknown,
  mode: string,
  target: TargetObject | undefined,
  models: Set<string>,
): Json | undefined {
  const requires = target?.modes.find((m) => m.id === mode)?.requires_identity ?? false;
  if (raw === undefined || raw === null) {
    // polytomic-api.md §4: identity is "required for modes with requires_identity".
    if (requires) throw refuse("model-sync.identity-required", { mode });
    return undefined;
  }
  // Identity.source, .target and .function are required in the SDK; the target field is not checked.
  const identity = withoutUnset(object(raw, "identity"));
  const source = modelField(ctx, identity.source, "identity.source", models);
  requiredString(identity.target, "identity.target");
  requiredString(identity.function, "identity.function");
  const fn = canonical(identity.function, IDENTITY_FUNCTIONS, "identity.function");
  return { ...identity, source, function: fn };
}

/** Filters (SDK `Filter`: `function` required) or overrides (SDK `Override`: every key optional). */
function readFilters(
  ctx: RouteContext,
  raw: unknown,
  name: "filters" | "overrides",
  models: Set<string>,
): Json[] {
  return list(raw, name).map((filter, i) => {
    const field = `${name}[${i}]`;
    const out = withoutUnset(filter);
    if (name === "filters") requiredString(filter.function, `${field}.function`);
    if (name === "filters" || out.function !== undefined) out.function = filterFunction(filter, field);
    if (out.field !== undefined) out.field = modelField(ctx, out.field, `${field}.field`, models);
    return out;
  });
}

/** A boolean the body sets, or undefined; SDK types make these booleans. */
function bool(body: Json, key: string): boolean | undefined {
  if (body[key] === undefined || body[key] === null) return undefined;
  if (typeof body[key] !== "boolean") throw refuse("body.wrong-type", { field: key, expected: "a boolean" });
  return body[key] as boolean;
}

/** Reads and validates a create/update body (without id, execution state and timestamps). */
export function readModelSync(
  ctx: RouteContext,
  body: Json,
): Omit<StoredModelSync, "id" | "created_at" | "updated_at"> {
  // CreateModelSyncRequest: name, mode, schedule, target and fields are required.
  if (typeof body.name !== "string" || body.name.trim() === "")
    throw refuse("model-sync.required", { field: "name" });
  const mode = canonical(requiredString(body.mode, "mode"), MODEL_SYNC_MODES, "mode");
  const schedule = readSchedule(ctx, body.schedule);
  const { target, object: targetObject } = readTarget(ctx, body.target);
  if (targetObject && !targetObject.modes.some((m) => m.id === mode)) {
    const modes = targetObject.modes.map((m) => m.id).join(", ");
    throw refuse("model-sync.mode-unsupported", { mode, object: targetObject.id, modes });
  }
  const models = new Set<string>();
  const identity = readIdentity(ctx, body.identity, mode, targetObject, models);
  // `fields` is required by the SDK's type, but the Go SDK sends a nil list as null: both mean none.
  const fields = readMappings(ctx, body.fields, "fields", models);
  const overrideFields = readMappings(ctx, body.override_fields, "override_fields", models);
  const filters = readFilters(ctx, body.filters, "filters", models);
  const overrides = readFilters(ctx, body.overrides, "overrides", models);
  if (!isUnset(body.filter_logic) && typeof body.filter_logic !== "string")
    throw refuse("body.wrong-type", { field: "filter_logic", expected: "a string" });
  if (!isUnset(body.encryption_passphrase) && typeof body.encryption_passphrase !== "string")
    throw refuse("body.wrong-type", { field: "encryption_passphrase", expected: "a string" });
  const optional: Partial<StoredModelSync> = {
    ...(identity ? { identity } : {}),
    ...(Array.isArray(body.override_fields) ? { override_fields: overrideFields } : {}),
    ...(Array.isArray(body.overrides) ? { overrides } : {}),
    ...(Array.isArray(body.filters) ? { filters } : {}),
    ...(isUnset(body.filter_logic) ? {} : { filter_logic: body.filter_logic as string }),
    ...(Array.isArray(body.policies) ? { policies: body.policies.map(String) } : {}),
    ...(isUnset(body.encryption_passphrase)
      ? {}
      : { encryption_passphrase: body.encryption_passphrase as string }),
  };
  for (const key of ["only_enrich_updates", "skip_initial_backfill", "sync_all_records"] as const) {
    const value = bool(body, key);
    if (value !== undefined) optional[key] = value;
  }
  return {
    name: body.name,
    organization_id: ctx.organizationId,
    mode,
    active: bool(body, "active") ?? false,
    schedule,
    target,
    fields,
    ...optional,
    model_ids: [...models],
  };
}
