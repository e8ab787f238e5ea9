/**
 * Bulk syncs: `/api/bulk/syncs` CRUD in both API versions (the per-sync schemas sub-resource lives in
 * bulkSyncSchemas.ts, run control in bulkSyncRuns.ts).
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Schema } from "../catalogues";
import {
  actorsOf,
  bodyOf,
  cachedSchemas,
  cacheStatus,
  isLegacy,
  type RouteContext,
  requireConnection,
  typeOf,
} from "../context";
import { BULK_DISCOVER, BULK_NORMALIZE_NAMES, BULK_SYNC_MODES, isUnset } from "../enums";
import { ApiError, badRequest, invalid, NO_SCHEMAS_MESSAGE, notFound } from "../errors";
import { canonical } from "../filters";
import { fromLegacySchedule, readSchedule, toLegacySchedule } from "../schedules";
import type { StoredBulkSchema, StoredBulkSync } from "../store";

/** An enumerated value (SDK types, see enums.ts), or `fallback` (the documented default) when unset. */
function oneOf(
  body: Record<string, unknown>,
  field: string,
  allowed: readonly string[],
  fallback: string,
): string {
  return isUnset(body[field]) ? fallback : canonical(body[field], allowed, field);
}

function objectField(
  body: Record<string, unknown>,
  field: string,
  required: boolean,
): Record<string, unknown> {
  const value = body[field];
  if ((value === undefined || value === null) && !required) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badRequest(field, required ? "is required and must be an object" : "must be an object");
  }
  return value as Record<string, unknown>;
}

/** Turns `schemas` (ids or objects) into stored selections, checked against the source catalogue. */
export function readSchemas(raw: unknown, catalogue: readonly Schema[]): StoredBulkSchema[] {
  const all = (schema: Schema): StoredBulkSchema => ({
    id: schema.id,
    enabled: true,
    fields: schema.fields.map((f) => ({ id: f.id, enabled: true, obfuscated: false })),
    filters: [],
  });
  if (raw === undefined || raw === null) return catalogue.map(all); // omitted: every source schema
  if (!Array.isArray(raw)) throw badRequest("schemas", "must be an array of schema ids or schema objects");
  return raw.map((item, i) => {
    const field = `schemas[${i}]`;
    const spec = typeof item === "string" ? { id: item } : (item as Record<string, unknown>);
    if (typeof spec !== "object" || spec === null || typeof spec.id !== "string")
      throw badRequest(`${field}.id`, "is required");
    const schema = catalogue.find((s) => s.id === spec.id);
    if (!schema) throw invalid(field, `unknown schema "${spec.id}" on the source connection`);
    const selected = all(schema);
    if (spec.enabled === false) selected.enabled = false;
    if (Array.isArray(spec.fields) && spec.fields.length > 0) {
      const wanted = spec.fields.map((f, j) => {
        const fieldSpec = typeof f === "string" ? { id: f } : (f as Record<string, unknown>);
        if (!schema.fields.some((sf) => sf.id === fieldSpec.id)) {
          throw invalid(
            `${field}.fields[${j}]`,
            `unknown field "${String(fieldSpec.id)}" on schema ${schema.id}`,
          );
        }
        // Create bodies say `obfuscate`; the schemas sub-resource (BulkField) says `obfuscated`.
        const userOutputName = fieldSpec.user_output_name;
        if (!isUnset(userOutputName) && typeof userOutputName !== "string")
          throw badRequest(`${field}.fields[${j}].user_output_name`, "must be a string");
        return {
          id: String(fieldSpec.id),
          enabled: fieldSpec.enabled !== false,
          obfuscated: fieldSpec.obfuscate === true || fieldSpec.obfuscated === true,
          ...(userOutputName ? { user_output_name: userOutputName } : {}),
        };
      });
      selected.fields = wanted;
    }
    for (const key of ["partition_key", "tracking_field"] as const) {
      const value = spec[key];
      if (isUnset(value)) continue; // "" is the Go SDK's "unset"
      if (typeof value !== "string" || !schema.fields.some((f) => f.id === value)) {
        throw invalid(`${field}.${key}`, `unknown field "${String(value)}" on schema ${schema.id}`);
      }
      selected[key] = value;
    }
    if (!isUnset(spec.user_output_name)) {
      if (typeof spec.user_output_name !== "string")
        throw badRequest(`${field}.user_output_name`, "must be a string");
      selected.user_output_name = spec.user_output_name;
    }
    if (!isUnset(spec.data_cutoff_timestamp)) {
      if (
        typeof spec.data_cutoff_timestamp !== "string" ||
        Number.isNaN(Date.parse(spec.data_cutoff_timestamp))
      )
        throw badRequest(`${field}.data_cutoff_timestamp`, "must be an RFC 3339 timestamp");
      selected.data_cutoff_timestamp = spec.data_cutoff_timestamp;
    }
    if (spec.disable_data_cutoff !== undefined && spec.disable_data_cutoff !== null) {
      if (typeof spec.disable_data_cutoff !== "boolean")
        throw badRequest(`${field}.disable_data_cutoff`, "must be a boolean");
      selected.disable_data_cutoff = spec.disable_data_cutoff;
    }
    if (Array.isArray(spec.filters)) selected.filters = spec.filters as StoredBulkSchema["filters"];
    return selected;
  });
}

function view(request: FastifyRequest, sync: StoredBulkSync): Record<string, unknown> {
  const {
    schemas: _schemas,
    running_execution: _run,
    last_execution: _last,
    default_schedule,
    additional_schedules,
    ...rest
  } = sync;
  const actors = actorsOf(sync.organization_id);
  if (isLegacy(request)) {
    return { ...rest, ...actors, schedule: toLegacySchedule(default_schedule, additional_schedules) };
  }
  // 2025-09-18 schedules are objects of their own, with the sync's timestamps and actors.
  const stamped = { created_at: sync.created_at, updated_at: sync.updated_at, ...actors };
  return {
    ...rest,
    ...actors,
    default_schedule: { ...default_schedule, ...stamped },
    additional_schedules: additional_schedules.map((s) => ({ ...s, ...stamped })),
  };
}

/** Reads a create/update body into a sync (without id and timestamps). */
function readBody(
  ctx: RouteContext,
  request: FastifyRequest,
  existing?: StoredBulkSync,
): Omit<StoredBulkSync, "id" | "created_at" | "updated_at"> {
  const body = bodyOf(request);
  if (typeof body.name !== "string" || body.name.trim() === "") throw badRequest("name", "is required");
  for (const key of ["source_connection_id", "destination_connection_id"]) {
    if (typeof body[key] !== "string") throw badRequest(key, "is required");
  }
  const source = ctx.store.data.connections[body.source_connection_id as string];
  if (!source)
    throw invalid("source_connection_id", `connection ${String(body.source_connection_id)} not found`);
  const destination = ctx.store.data.connections[body.destination_connection_id as string];
  if (!destination)
    throw invalid(
      "destination_connection_id",
      `connection ${String(body.destination_connection_id)} not found`,
    );
  if (!typeOf(source).operations.includes("bulksyncsource")) {
    throw invalid("source_connection_id", `a ${source.type} connection cannot be a bulk sync source`);
  }
  if (!typeOf(destination).operations.includes("bulksyncdestination")) {
    throw invalid(
      "destination_connection_id",
      `a ${destination.type} connection cannot be a bulk sync destination`,
    );
  }
  // The Create Bulk Sync reference (seed 003) lists mode as Required, and PUT replaces the whole sync.
  if (isUnset(body.mode)) throw badRequest("mode", `is required: ${BULK_SYNC_MODES.join(" or ")}`);
  let schedules: Pick<StoredBulkSync, "default_schedule" | "additional_schedules">;
  if (isLegacy(request)) {
    // CreateBulkSyncRequest.schedule is required (SDK 1.18.1, API 2024-02-08).
    if (isUnset(body.schedule)) throw badRequest("schedule", "is required");
    schedules = fromLegacySchedule(body.schedule, () => ctx.store.newId());
  } else {
    // The Create Bulk Sync reference (seed 003, 2025-09-18) lists default_schedule as Required.
    if (isUnset(body.default_schedule)) throw badRequest("default_schedule", "is required");
    const additional = body.additional_schedules ?? [];
    if (!Array.isArray(additional)) throw badRequest("additional_schedules", "must be an array");
    schedules = {
      default_schedule: readSchedule(body.default_schedule, "default_schedule", ctx.store.newId()),
      additional_schedules: additional.map((s, i) =>
        readSchedule(s, `additional_schedules[${i}]`, ctx.store.newId()),
      ),
    };
  }
  const bool = (key: string, fallback: boolean) => {
    if (body[key] === undefined || body[key] === null) return fallback;
    if (typeof body[key] !== "boolean") throw badRequest(key, "must be a boolean");
    return body[key] as boolean;
  };
  // "integer or null" (seed 003); 0, the Go SDK's unset number, means no override ("no limit").
  const int = (key: string) => {
    if (body[key] === undefined || body[key] === null || body[key] === 0) return undefined;
    if (!Number.isInteger(body[key])) throw badRequest(key, "must be a whole number");
    return body[key] as number;
  };
  const sync = {
    name: body.name,
    organization_id: ctx.organizationId,
    source_connection_id: source.id,
    destination_connection_id: destination.id,
    mode: oneOf(body, "mode", BULK_SYNC_MODES, "replicate"),
    active: bool("active", existing?.active ?? false),
    ...(isUnset(body.source_configuration)
      ? {}
      : { source_configuration: objectField(body, "source_configuration", false) }),
    destination_configuration: objectField(body, "destination_configuration", true),
    ...schedules,
    // Seed 003, "Defaults and selection behavior": new objects not added, new fields added, names normalized.
    automatically_add_new_objects: oneOf(body, "automatically_add_new_objects", BULK_DISCOVER, "none"),
    automatically_add_new_fields: oneOf(body, "automatically_add_new_fields", BULK_DISCOVER, "all"),
    normalize_names: oneOf(body, "normalize_names", BULK_NORMALIZE_NAMES, "enabled"),
    disable_record_timestamps: bool("disable_record_timestamps", false),
    ...(Array.isArray(body.policies) ? { policies: body.policies.map(String) } : {}),
    schemas: existing?.schemas ?? [],
  } satisfies Omit<StoredBulkSync, "id" | "created_at" | "updated_at">;
  const concurrency = int("concurrency_limit");
  const resyncConcurrency = int("resync_concurrency_limit");
  return {
    ...sync,
    ...(concurrency !== undefined ? { concurrency_limit: concurrency } : {}),
    ...(resyncConcurrency !== undefined ? { resync_concurrency_limit: resyncConcurrency } : {}),
    ...(typeof body.data_cutoff_timestamp === "string" && body.data_cutoff_timestamp !== ""
      ? { data_cutoff_timestamp: body.data_cutoff_timestamp }
      : {}),
  };
}

/** The bulk sync with `id`, or a 404. */
export function requireSync(ctx: RouteContext, id: string): StoredBulkSync {
  const sync = ctx.store.data.bulkSyncs[id];
  if (!sync) throw notFound("bulk sync", id);
  return sync;
}

/** Registers the bulk sync routes. */
export function bulkSyncRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get<{ Querystring: { active?: string } }>("/api/bulk/syncs", async (request) => ({
    data: Object.values(ctx.store.data.bulkSyncs)
      .filter((s) => request.query.active === undefined || String(s.active) === request.query.active)
      .map((s) => view(request, s)),
  }));

  app.post("/api/bulk/syncs", async (request) => {
    const fields = readBody(ctx, request);
    const source = requireConnection(ctx, fields.source_connection_id);
    if (cacheStatus(source) !== "fresh") throw new ApiError(400, NO_SCHEMAS_MESSAGE);
    const now = new Date().toISOString();
    const sync: StoredBulkSync = {
      ...fields,
      id: ctx.store.newId(),
      schemas: readSchemas(bodyOf(request).schemas, cachedSchemas(source)),
      created_at: now,
      updated_at: now,
    };
    ctx.store.data.bulkSyncs[sync.id] = sync;
    ctx.store.commit();
    return { data: view(request, sync) };
  });

  app.get<{ Params: { id: string } }>("/api/bulk/syncs/:id", async (request) => ({
    data: view(request, requireSync(ctx, request.params.id)),
  }));

  app.put<{ Params: { id: string } }>("/api/bulk/syncs/:id", async (request) => {
    const existing = requireSync(ctx, request.params.id);
    const fields = readBody(ctx, request, existing);
    // A full replacement (polytomic-api.md §5): what the body leaves unset is unset afterwards. Schemas
    // are not changed by PUT: the schemas sub-resource owns them.
    const { id, created_at, schemas, running_execution, last_execution } = existing;
    const replaced: StoredBulkSync = {
      ...fields,
      id,
      created_at,
      schemas,
      updated_at: new Date().toISOString(),
      ...(running_execution ? { running_execution } : {}),
      ...(last_execution ? { last_execution } : {}),
    };
    ctx.store.data.bulkSyncs[id] = replaced;
    ctx.store.commit();
    return { data: view(request, replaced) };
  });

  app.delete<{ Params: { id: string } }>("/api/bulk/syncs/:id", async (request, reply) => {
    requireSync(ctx, request.params.id);
    delete ctx.store.data.bulkSyncs[request.params.id];
    ctx.store.commit();
    return reply.code(204).send();
  });
}
