/**
 * Validation of a model sync's create/update body against the target connection's objects, fields and
 * modes and against the models it reads from. Every error names the field.
 */
import type { SchedulePart } from "../grammar/cron";
import { IDENTITY_FUNCTIONS, SYNC_FREQUENCIES, SYNC_MODES } from "../grammar/modelSyncEnums";
import { type RouteContext, typeOf } from "./context";
import { ApiError, badRequest, invalid } from "./errors";
import { canonical, checkFilterLogic, filterFunction } from "./filters";
import { CREATING_MODES, type TargetObject, targetObjects } from "./modelSyncTargets";
import { PARTS, part, REQUIRED_PARTS } from "./schedules";
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

function readSchedule(ctx: RouteContext, raw: unknown): Json {
  const s = object(raw, "schedule");
  const frequency = canonical(s.frequency, SYNC_FREQUENCIES, "schedule.frequency");
  const out: Json = { frequency };
  for (const name of Object.keys(PARTS) as SchedulePart[]) {
    const value = part(s[name], `schedule.${name}`, name, frequency === "custom");
    if (value !== undefined) out[name] = value;
  }
  for (const required of REQUIRED_PARTS[frequency] ?? []) {
    if (out[required] === undefined)
      throw badRequest(`schedule.${required}`, `is required for frequency ${frequency}`);
  }
  if (frequency === "runafter") {
    const after = object(s.run_after, "schedule.run_after");
    const syncIds = Array.isArray(after.sync_ids) ? after.sync_ids.map(String) : [];
    const bulkIds = Array.isArray(after.bulk_sync_ids) ? after.bulk_sync_ids.map(String) : [];
    if (syncIds.length + bulkIds.length === 0)
      throw badRequest("schedule.run_after", "needs sync_ids or bulk_sync_ids");
    syncIds.forEach((id, i) => {
      if (!ctx.store.data.modelSyncs[id])
        throw invalid(`schedule.run_after.sync_ids[${i}]`, `sync ${id} not found`);
    });
    bulkIds.forEach((id, i) => {
      if (!ctx.store.data.bulkSyncs[id])
        throw invalid(`schedule.run_after.bulk_sync_ids[${i}]`, `bulk sync ${id} not found`);
    });
    out.run_after = { sync_ids: syncIds, bulk_sync_ids: bulkIds };
    out.run_after_success_only = s.run_after_success_only === true;
  }
  if (frequency === "dbtcloud") {
    if (typeof s.connection_id !== "string" || !ctx.store.data.connections[s.connection_id])
      throw invalid("schedule.connection_id", "must be an existing dbt Cloud connection");
    if (!Number.isInteger(s.job_id)) throw badRequest("schedule.job_id", "must be a whole number");
    out.connection_id = s.connection_id;
    out.job_id = s.job_id;
  }
  return out;
}

/** Checks a `{model_id, field}` reference and collects the model id. */
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
  const target = object(raw, "target");
  if (typeof target.connection_id !== "string") throw badRequest("target.connection_id", "is required");
  const connection = ctx.store.data.connections[target.connection_id];
  if (!connection) throw invalid("target.connection_id", `connection ${target.connection_id} not found`);
  const objects = targetObjects(typeOf(connection));
  if (objects.length === 0)
    throw invalid("target.connection_id", `a ${connection.type} connection cannot be a model sync target`);
  if (connection.oauth_pending)
    throw new ApiError(
      400,
      "target.connection_id: the connection is not healthy (complete its OAuth flow first)",
    );
  if (target.create !== undefined) {
    object(target.create, "target.create");
    return { target: { ...target }, object: undefined };
  }
  if (typeof target.object !== "string" || target.object === "")
    throw badRequest("target.object", "is required unless target.create is set");
  const found = objects.find((o) => o.id === target.object);
  if (!found) {
    const known = objects.map((o) => o.id).join(", ");
    throw invalid(
      "target.object",
      `unknown object "${target.object}" on ${connection.type} (available: ${known})`,
    );
  }
  if (target.configuration !== undefined) object(target.configuration, "target.configuration");
  return { target: { ...target }, object: found };
}

function readMappings(
  ctx: RouteContext,
  raw: unknown,
  name: "fields" | "override_fields",
  mode: string,
  target: TargetObject | undefined,
  models: Set<string>,
): Json[] {
  if (name === "fields" && !Array.isArray(raw)) throw badRequest("fields", "is required and must be a list");
  const seen = new Set<string>();
  return list(raw, name).map((mapping, i) => {
    const field = `${name}[${i}]`;
    if (typeof mapping.target !== "string" || mapping.target === "")
      throw badRequest(`${field}.target`, "is required");
    if (seen.has(mapping.target)) throw invalid(`${field}.target`, `"${mapping.target}" is mapped twice`);
    seen.add(mapping.target);
    const hasOverride = typeof mapping.override_value === "string";
    if (name === "override_fields" && !hasOverride)
      throw badRequest(`${field}.override_value`, "is required");
    const out: Json = { ...mapping };
    if (!hasOverride) out.source = modelField(ctx, mapping.source, `${field}.source`, models);
    if (target && mapping.new !== true) {
      const targetField = target.fields.find((f) => f.id === mapping.target);
      if (!targetField) throw invalid(`${field}.target`, `unknown field "${mapping.target}" on ${target.id}`);
      const writable = mode === "update" ? targetField.updateable : targetField.createable;
      if (!writable) throw invalid(`${field}.target`, `"${mapping.target}" on ${target.id} is read-only`);
    } else if (target && !target.supportsFieldCreation) {
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
): Json | null {
  const requires = target?.modes.find((m) => m.id === mode)?.requires_identity ?? false;
  if (raw === undefined || raw === null) {
    if (requires) throw invalid("identity", `is required for mode ${mode}`);
    return null;
  }
  const identity = object(raw, "identity");
  const source = modelField(ctx, identity.source, "identity.source", models);
  if (typeof identity.target !== "string") throw badRequest("identity.target", "is required");
  const fn = canonical(identity.function, IDENTITY_FUNCTIONS, "identity.function");
  if (target && identity.new_field !== true) {
    const field = target.fields.find((f) => f.id === identity.target);
    if (!field) throw invalid("identity.target", `unknown field "${identity.target}" on ${target.id}`);
    if (!field.supports_identity)
      throw invalid("identity.target", `"${identity.target}" on ${target.id} cannot be matched on`);
    if (!field.identity_functions.some((f) => f.id === fn))
      throw invalid("identity.function", `${fn} is not available for ${target.id}.${identity.target}`);
  }
  return { ...identity, source, function: fn };
}

function readFilters(ctx: RouteContext, raw: unknown, name: string, models: Set<string>): Json[] {
  return list(raw, name).map((filter, i) => {
    const field = `${name}[${i}]`;
    const fn = filterFunction(filter, field);
    const out: Json = { ...filter, function: fn };
    if (filter.field !== undefined) out.field = modelField(ctx, filter.field, `${field}.field`, models);
    else if (typeof filter.field_id !== "string") throw badRequest(`${field}.field`, "is required");
    return out;
  });
}

function bool(body: Json, key: string, fallback: boolean): boolean {
  if (body[key] === undefined || body[key] === null) return fallback;
  if (typeof body[key] !== "boolean") throw badRequest(key, "must be a boolean");
  return body[key] as boolean;
}

/** Reads and validates a create/update body (without id, execution state and timestamps). */
export function readModelSync(
  ctx: RouteContext,
  body: Json,
): Omit<StoredModelSync, "id" | "created_at" | "updated_at"> {
  if (typeof body.name !== "string" || body.name.trim() === "") throw badRequest("name", "is required");
  const mode = canonical(body.mode, SYNC_MODES, "mode");
  const schedule = readSchedule(ctx, body.schedule);
  const { target, object: targetObject } = readTarget(ctx, body.target);
  if (targetObject && !targetObject.modes.some((m) => m.id === mode)) {
    const modes = targetObject.modes.map((m) => m.id).join(", ");
    throw invalid("mode", `${mode} is not supported by ${targetObject.id} (supported: ${modes})`);
  }
  const models = new Set<string>();
  const identity = readIdentity(ctx, body.identity, mode, targetObject, models);
  const fields = readMappings(ctx, body.fields, "fields", mode, targetObject, models);
  const overrideFields = readMappings(
    ctx,
    body.override_fields,
    "override_fields",
    mode,
    targetObject,
    models,
  );
  if (targetObject && CREATING_MODES.has(mode)) {
    const mapped = new Set([...fields, ...overrideFields].map((f) => f.target));
    if (identity) mapped.add(identity.target);
    const missing = targetObject.fields.filter((f) => f.required && !mapped.has(f.id)).map((f) => f.id);
    if (missing.length > 0)
      throw invalid(
        "fields",
        `${targetObject.id} requires a mapping for ${missing.join(", ")} in mode ${mode}`,
      );
  }
  const filters = readFilters(ctx, body.filters, "filters", models);
  const overrides = readFilters(ctx, body.overrides, "overrides", models);
  const filterLogic = typeof body.filter_logic === "string" ? body.filter_logic : "";
  if (body.filter_logic !== undefined && body.filter_logic !== null && typeof body.filter_logic !== "string")
    throw badRequest("filter_logic", "must be a string");
  checkFilterLogic(filterLogic, filters.length);
  if (models.size === 0) throw invalid("fields", "must map at least one model field");
  return {
    name: body.name,
    organization_id: ctx.organizationId,
    mode,
    active: bool(body, "active", false),
    schedule,
    target,
    fields,
    override_fields: overrideFields,
    overrides,
    filters,
    filter_logic: filterLogic,
    identity,
    policies: Array.isArray(body.policies) ? body.policies.map(String) : [],
    only_enrich_updates: bool(body, "only_enrich_updates", false),
    skip_initial_backfill: bool(body, "skip_initial_backfill", false),
    sync_all_records: bool(body, "sync_all_records", false),
    model_ids: [...models],
  };
}
