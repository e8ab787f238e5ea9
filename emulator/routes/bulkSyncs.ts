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
import { canonical } from "../filters";
import { refuse } from "../rules";
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
  if (value === undefined || value === null) {
    if (required) throw refuse("bulk-sync.required", { field });
    return {};
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    throw refuse("body.wrong-type", { field, expected: "an object" });
  }
  return value as Record<string, unknown>;
}

/**
 * How a schema configuration is written: `create` (bulk-sync create, SDK `SchemaConfiguration`),
 * `replace` (PUT of one schema, `UpdateBulkSchema`: "a full replacement") or `patch` (PATCH of some,
 * `BulkSchema`: "only schemas present in this list are updated").
 */
export type SchemaWrite = "create" | "replace" | "patch";

type FieldSelection = StoredBulkSchema["fields"][number];

/**
 * Turns `schemas` (ids or objects) into stored selections. Objects and fields the source's sample
 * catalogue lacks are accepted as named (no source says the API refuses them). Nothing is lost:
 *
 * - A field list names the fields to configure; every other source field stays in the schema,
 *   disabled on create and PUT (the list says which are synced), unchanged on PATCH (only what is
 *   listed changes). A listed field without `enabled` is enabled.
 * - Omitting `fields`, or an empty list, enables every field (SDK UpdateBulkSchema.fields and the
 *   schemas PATCH/PUT reference: "omitting `fields` enables all available fields"), keeping each
 *   field's obfuscation and output name on PATCH.
 * - On PATCH a key left unset keeps its value (`partition_key`, `tracking_field`, ...); on create and
 *   PUT it is unset.
 *
 * An item without an `id` matches no schema ("Schemas are matched by id") and is skipped.
 */
export function readSchemas(
  raw: unknown,
  catalogue: readonly Schema[],
  write: SchemaWrite = "create",
  existing: readonly StoredBulkSchema[] = [],
): StoredBulkSchema[] {
  const allOf = (schema: Schema): StoredBulkSchema => ({
    id: schema.id,
    enabled: true,
    fields: schema.fields.map((f) => ({ id: f.id, enabled: true, obfuscated: false })),
    filters: [],
  });
  if (raw === undefined || raw === null) return catalogue.map(allOf); // omitted: every source schema
  if (!Array.isArray(raw)) throw refuse("body.wrong-type", { field: "schemas", expected: "a list" });
  const out: StoredBulkSchema[] = [];
  raw.forEach((item, i) => {
    const field = `schemas[${i}]`;
    if (typeof item !== "string" && (typeof item !== "object" || item === null || Array.isArray(item)))
      throw refuse("body.wrong-type", { field, expected: "a schema id or a schema object" });
    const spec = typeof item === "string" ? { id: item } : (item as Record<string, unknown>);
    if (isUnset(spec.id)) return;
    if (typeof spec.id !== "string")
      throw refuse("body.wrong-type", { field: `${field}.id`, expected: "a string" });
    const known = catalogue.find((s) => s.id === spec.id);
    const previous = write === "patch" ? existing.find((s) => s.id === spec.id) : undefined;
    const fresh = allOf(known ?? { id: spec.id, name: spec.id, fields: [] });
    const selected: StoredBulkSchema = previous
      ? { ...previous, fields: previous.fields.map((f) => ({ ...f })), filters: [...previous.filters] }
      : fresh;
    if (spec.enabled !== undefined && spec.enabled !== null) {
      if (typeof spec.enabled !== "boolean")
        throw refuse("body.wrong-type", { field: `${field}.enabled`, expected: "a boolean" });
      selected.enabled = spec.enabled;
    }
    const listed = spec.fields;
    if (listed !== undefined && listed !== null && !Array.isArray(listed))
      throw refuse("body.wrong-type", { field: `${field}.fields`, expected: "a list" });
    if (!Array.isArray(listed) || listed.length === 0) {
      selected.fields = mergeFields(selected.fields, fresh.fields).map((f) => ({ ...f, enabled: true }));
    } else {
      const base = write === "patch" ? mergeFields(selected.fields, fresh.fields) : fresh.fields;
      const fields = base.map((f) => ({ ...f, ...(write === "patch" ? {} : { enabled: false }) }));
      listed.forEach((f, j) => {
        const where = `${field}.fields[${j}]`;
        const fieldSpec = typeof f === "string" ? { id: f } : (f as Record<string, unknown>);
        if (typeof fieldSpec !== "object" || fieldSpec === null || typeof fieldSpec.id !== "string")
          throw refuse("body.wrong-type", { field: `${where}.id`, expected: "a string" });
        const userOutputName = fieldSpec.user_output_name;
        if (!isUnset(userOutputName) && typeof userOutputName !== "string")
          throw refuse("body.wrong-type", { field: `${where}.user_output_name`, expected: "a string" });
        const index = fields.findIndex((x) => x.id === fieldSpec.id);
        const current: FieldSelection = fields[index] ?? {
          id: fieldSpec.id,
          enabled: true,
          obfuscated: false,
        };
        // Create bodies say `obfuscate`; the schemas sub-resource (BulkField) says `obfuscated`.
        const obfuscate = fieldSpec.obfuscate ?? fieldSpec.obfuscated;
        const next: FieldSelection = {
          ...current,
          enabled: fieldSpec.enabled !== false,
          ...(typeof obfuscate === "boolean"
            ? { obfuscated: obfuscate }
            : write === "patch"
              ? {}
              : { obfuscated: false }),
          ...(typeof userOutputName === "string" && userOutputName !== ""
            ? { user_output_name: userOutputName }
            : {}),
        };
        if (index >= 0) fields[index] = next;
        else fields.push(next);
      });
      selected.fields = fields;
    }
    for (const key of ["partition_key", "tracking_field", "user_output_name"] as const) {
      const value = spec[key];
      if (isUnset(value)) continue; // "" is the Go SDK's "unset"; on PATCH the stored value stays
      if (typeof value !== "string")
        throw refuse("body.wrong-type", { field: `${field}.${key}`, expected: "a string" });
      selected[key] = value;
    }
    if (!isUnset(spec.data_cutoff_timestamp)) {
      if (
        typeof spec.data_cutoff_timestamp !== "string" ||
        Number.isNaN(Date.parse(spec.data_cutoff_timestamp))
      )
        throw refuse("body.wrong-type", {
          field: `${field}.data_cutoff_timestamp`,
          expected: "an RFC 3339 date-time",
        });
      selected.data_cutoff_timestamp = spec.data_cutoff_timestamp;
    }
    if (spec.disable_data_cutoff !== undefined && spec.disable_data_cutoff !== null) {
      if (typeof spec.disable_data_cutoff !== "boolean")
        throw refuse("body.wrong-type", { field: `${field}.disable_data_cutoff`, expected: "a boolean" });
      selected.disable_data_cutoff = spec.disable_data_cutoff;
    }
    if (Array.isArray(spec.filters)) selected.filters = spec.filters as StoredBulkSchema["filters"];
    const at = out.findIndex((s) => s.id === selected.id);
    if (at >= 0) out[at] = selected;
    else out.push(selected);
  });
  return out;
}

/** `current` plus the fields of `all` it lacks (those enabled as `all` has them). */
function mergeFields(current: readonly FieldSelection[], all: readonly FieldSelection[]): FieldSelection[] {
  return [...current.map((f) => ({ ...f })), ...all.filter((f) => !current.some((c) => c.id === f.id))];
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
  if (typeof body.name !== "string" || body.name.trim() === "")
    throw refuse("bulk-sync.required", { field: "name" });
  for (const key of ["source_connection_id", "destination_connection_id"]) {
    if (isUnset(body[key])) throw refuse("bulk-sync.required", { field: key });
    if (typeof body[key] !== "string") throw refuse("body.wrong-type", { field: key, expected: "a string" });
  }
  const connection = (key: string, role: string, operation: string) => {
    const found = ctx.store.data.connections[body[key] as string];
    if (!found) throw refuse("bulk-sync.reference-unknown", { field: key, id: String(body[key]) });
    if (!typeOf(found).operations.includes(operation))
      throw refuse("connection.role-unsupported", { field: key, type: found.type, role });
    return found;
  };
  const source = connection("source_connection_id", "bulk sync source", "bulksyncsource");
  const destination = connection("destination_connection_id", "bulk sync destination", "bulksyncdestination");
  // The Create Bulk Sync reference (seed 003) lists mode as Required, and PUT replaces the whole sync.
  if (isUnset(body.mode)) throw refuse("bulk-sync.required", { field: "mode" });
  let schedules: Pick<StoredBulkSync, "default_schedule" | "additional_schedules">;
  if (isLegacy(request)) {
    // CreateBulkSyncRequest.schedule is required (SDK 1.18.1, API 2024-02-08).
    if (isUnset(body.schedule)) throw refuse("bulk-sync.required", { field: "schedule" });
    schedules = fromLegacySchedule(body.schedule, () => ctx.store.newId());
  } else {
    // The Create Bulk Sync reference (seed 003, 2025-09-18) lists default_schedule as Required.
    if (isUnset(body.default_schedule)) throw refuse("bulk-sync.required", { field: "default_schedule" });
    const additional = body.additional_schedules ?? [];
    if (!Array.isArray(additional))
      throw refuse("body.wrong-type", { field: "additional_schedules", expected: "a list" });
    schedules = {
      default_schedule: readSchedule(body.default_schedule, "default_schedule", ctx.store.newId()),
      additional_schedules: additional.map((s, i) =>
        readSchedule(s, `additional_schedules[${i}]`, ctx.store.newId()),
      ),
    };
  }
  const bool = (key: string, fallback: boolean) => {
    if (body[key] === undefined || body[key] === null) return fallback;
    if (typeof body[key] !== "boolean")
      throw refuse("body.wrong-type", { field: key, expected: "a boolean" });
    return body[key] as boolean;
  };
  // "integer or null" (seed 003); 0, the Go SDK's unset number, means no override ("no limit").
  const int = (key: string) => {
    if (body[key] === undefined || body[key] === null || body[key] === 0) return undefined;
    if (!Number.isInteger(body[key]))
      throw refuse("body.wrong-type", { field: key, expected: "a whole number" });
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
  if (!sync) throw refuse("bulk-sync.not-found", { id });
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
    if (cacheStatus(source) !== "fresh") throw refuse("bulk-sync.no-schemas");
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
