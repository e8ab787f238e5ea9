/**
 * Reading a model sync's create/update body (SDK `CreateModelSyncRequest`). Every error names the
 * field, and each rule has a source (see emulator/README.md, "Rules and their sources"); where the
 * sources are silent the body is accepted. An optional value left unset (absent, `null`, or the Go
 * SDK's zero value `""`) is not stored, so it reads back absent, as the API omits unset fields.
 */
import { type RouteContext, typeOf } from "./context";
import { IDENTITY_FUNCTIONS, isUnset, MODEL_SYNC_MODES, SCHEDULE_FREQUENCIES } from "./enums";
import { badRequest, invalid } from "./errors";
import { canonical, filterFunction } from "./filters";
import { type TargetObject, targetObjects } from "./modelSyncTargets";
import { scheduleParts } from "./schedules";
import type { StoredModelSync } from "./store";

type Json = Record<string, unknown>;

function object(value: unknown, field: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw badRequest(field, "is required and must be an object");
  return value as Json;
}

function list(value: unknown, field: string): Json[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest(field, "must be a list");
  return value.map((item, i) => object(item, `${field}[${i}]`));
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
        throw invalid(`schedule.run_after.sync_ids[${i}]`, `sync ${id} not found`);
    });
    bulkIds.forEach((id, i) => {
      if (!ctx.store.data.bulkSyncs[id])
        throw invalid(`schedule.run_after.bulk_sync_ids[${i}]`, `bulk sync ${id} not found`);
    });
    out.run_after = withoutUnset({
      sync_ids: Array.isArray(after.sync_ids) ? syncIds : undefined,
      bulk_sync_ids: Array.isArray(after.bulk_sync_ids) ? bulkIds : undefined,
    });
  }
  if (typeof s.run_after_success_only === "boolean") out.run_after_success_only = s.run_after_success_only;
  if (!isUnset(s.connection_id)) {
    if (typeof s.connection_id !== "string" || !ctx.store.data.connections[s.connection_id])
      throw invalid("schedule.connection_id", `connection ${String(s.connection_id)} not found`);
    out.connection_id = s.connection_id;
  }
  // Schedule.job_id is a number in the SDK; 0 is the Go SDK's "unset".
  if (s.job_id !== undefined && s.job_id !== null && s.job_id !== 0) {
    if (!Number.isInteger(s.job_id)) throw badRequest("schedule.job_id", "must be a whole number");
    out.job_id = s.job_id;
  }
  return out;
}

/** Checks a `{model_id, field}` reference (SDK `Source`) and collects the model id. */
function modelField(ctx: RouteContext, raw: unknown, field: string, models: Set<string>): Json {
  const ref = object(raw, field);
  if (typeof ref.model_id !== "string") throw badRequest(`${field}.model_id`, "is required");
  const model = ctx.store.data.models[ref.model_id];
  if (!model) throw invalid(`${field}.model_id`, `model ${ref.model_id} not found`);
  if (typeof ref.field !== "string" || !model.fields.some((f) => f.id === ref.field))
    throw invalid(`${field}.field`, `unknown field "${String(ref.field)}" on model ${model.name}`);
  models.add(model.id);
  return { model_id: model.id, field: ref.field };
}

function readTarget(ctx: RouteContext, raw: unknown): { target: Json; object: TargetObject | undefined } {
  const target = withoutUnset(object(raw, "target"));
  if (typeof target.connection_id !== "string") throw badRequest("target.connection_id", "is required");
  const connection = ctx.store.data.connections[target.connection_id];
  if (!connection) throw invalid("target.connection_id", `connection ${target.connection_id} not found`);
  const objects = targetObjects(typeOf(connection));
  if (objects.length === 0)
    throw invalid("target.connection_id", `a ${connection.type} connection cannot be a model sync target`);
  if (target.create !== undefined) object(target.create, "target.create");
  if (target.configuration !== undefined) object(target.configuration, "target.configuration");
  // Target.object is optional in the SDK (a new object is described by `create` / `new_name`).
  if (target.object === undefined || target.create !== undefined) return { target, object: undefined };
  const found = objects.find((o) => o.id === target.object);
  if (!found) {
    const known = objects.map((o) => o.id).join(", ");
    throw invalid(
      "target.object",
      `unknown object "${String(target.object)}" on ${connection.type} (available: ${known})`,
    );
  }
  return { target, object: found };
}

function readMappings(
  ctx: RouteContext,
  raw: unknown,
  name: "fields" | "override_fields",
  target: TargetObject | undefined,
  models: Set<string>,
): Json[] {
  return list(raw, name).map((mapping, i) => {
    const field = `${name}[${i}]`;
    // ModelSyncField.target is required in the SDK.
    if (typeof mapping.target !== "string" || mapping.target === "")
      throw badRequest(`${field}.target`, "is required");
    const out = withoutUnset(mapping);
    // "Value to set in the target field; if provided, 'source' is ignored" (SDK ModelSyncField).
    if (out.source !== undefined && typeof out.override_value !== "string")
      out.source = modelField(ctx, out.source, `${field}.source`, models);
    if (target && out.new !== true) {
      if (!target.fields.some((f) => f.id === mapping.target))
        throw invalid(`${field}.target`, `unknown field "${mapping.target}" on ${target.id}`);
    } else if (target && !target.supportsFieldCreation) {
      // SDK ModelSyncField.new: "This is not supported by all backends."
      throw invalid(`${field}.new`, `${target.id} does not support creating fields`);
    }
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
    if (requires) throw invalid("identity", `is required for mode ${mode}`);
    return undefined;
  }
  // Identity.source, .target and .function are required in the SDK.
  const identity = withoutUnset(object(raw, "identity"));
  const source = modelField(ctx, identity.source, "identity.source", models);
  if (typeof identity.target !== "string") throw badRequest("identity.target", "is required");
  const fn = canonical(identity.function, IDENTITY_FUNCTIONS, "identity.function");
  if (target && identity.new_field !== true && !target.fields.some((f) => f.id === identity.target))
    throw invalid("identity.target", `unknown field "${identity.target}" on ${target.id}`);
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
    if (name === "filters" || out.function !== undefined) out.function = filterFunction(filter, field);
    if (out.field !== undefined) out.field = modelField(ctx, out.field, `${field}.field`, models);
    return out;
  });
}

/** A boolean the body sets, or undefined; SDK types make these booleans. */
function bool(body: Json, key: string): boolean | undefined {
  if (body[key] === undefined || body[key] === null) return undefined;
  if (typeof body[key] !== "boolean") throw badRequest(key, "must be a boolean");
  return body[key] as boolean;
}

/** Reads and validates a create/update body (without id, execution state and timestamps). */
export function readModelSync(
  ctx: RouteContext,
  body: Json,
): Omit<StoredModelSync, "id" | "created_at" | "updated_at"> {
  // CreateModelSyncRequest: name, mode, schedule, target and fields are required.
  if (typeof body.name !== "string" || body.name.trim() === "") throw badRequest("name", "is required");
  const mode = canonical(body.mode, MODEL_SYNC_MODES, "mode");
  const schedule = readSchedule(ctx, body.schedule);
  const { target, object: targetObject } = readTarget(ctx, body.target);
  if (targetObject && !targetObject.modes.some((m) => m.id === mode)) {
    const modes = targetObject.modes.map((m) => m.id).join(", ");
    throw invalid("mode", `${mode} is not supported by ${targetObject.id} (supported: ${modes})`);
  }
  const models = new Set<string>();
  const identity = readIdentity(ctx, body.identity, mode, targetObject, models);
  // `fields` is required by the SDK's type, but the Go SDK sends a nil list as null: both mean none.
  const fields = readMappings(ctx, body.fields, "fields", targetObject, models);
  const overrideFields = readMappings(ctx, body.override_fields, "override_fields", targetObject, models);
  const filters = readFilters(ctx, body.filters, "filters", models);
  const overrides = readFilters(ctx, body.overrides, "overrides", models);
  if (!isUnset(body.filter_logic) && typeof body.filter_logic !== "string")
    throw badRequest("filter_logic", "must be a string");
  if (!isUnset(body.encryption_passphrase) && typeof body.encryption_passphrase !== "string")
    throw badRequest("encryption_passphrase", "must be a string");
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
