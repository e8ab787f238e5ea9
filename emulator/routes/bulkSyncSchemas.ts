/**
 * The per-sync schemas sub-resource of bulk syncs: list (with the SDK's `filters=`), get with fields,
 * PATCH some, PUT one. The list holds the schemas configured on the sync (SDK bulkSync.schemas.list:
 * "the schemas that have been added to and configured on this specific bulk sync — not the full set
 * of schemas available from the source connection"), enabled or not.
 */
import type { FastifyInstance } from "fastify";
import { bodyOf, cachedSchemas, type RouteContext, requireConnection } from "../context";
import { refuse } from "../rules";
import type { StoredBulkSchema } from "../store";
import { readSchemas, requireSync } from "./bulkSyncs";

function schemaView(schema: StoredBulkSchema, withFields: boolean): Record<string, unknown> {
  const { fields, filters, ...rest } = schema;
  // Unset optional values (partition_key, tracking_field, user_output_name, ...) are absent.
  const base = {
    ...rest,
    output_name: schema.user_output_name ?? schema.id.toLowerCase().replaceAll(".", "_"),
  };
  const field = (f: StoredBulkSchema["fields"][number]) => ({
    ...f,
    output_name: f.user_output_name ?? f.id.toLowerCase(),
  });
  return withFields ? { ...base, fields: fields.map(field), filters } : base;
}

/**
 * The `enabled` filter of the SDK's `filters=<JSON object>` on the schema list, if any. The SDK's
 * SchemasListRequest documents enabled=true and enabled=false; no source says what else is refused,
 * so a `filters` that is not such an object filters nothing.
 */
function enabledFilter(raw: string | undefined): boolean | undefined {
  if (raw === undefined || raw === "") return undefined;
  let filters: unknown;
  try {
    filters = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof filters !== "object" || filters === null || Array.isArray(filters)) return undefined;
  const value = (filters as Record<string, unknown>).enabled;
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  return undefined;
}

/** Registers the bulk sync schemas routes. */
export function bulkSyncSchemaRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get<{ Params: { id: string }; Querystring: { filters?: string } }>(
    "/api/bulk/syncs/:id/schemas",
    async (request) => {
      const schemas = requireSync(ctx, request.params.id).schemas;
      const enabled = enabledFilter(request.query.filters);
      return {
        data: schemas
          .filter((s) => enabled === undefined || s.enabled === enabled)
          .map((s) => schemaView(s, false)),
      };
    },
  );

  app.get<{ Params: { id: string; schemaId: string } }>(
    "/api/bulk/syncs/:id/schemas/:schemaId",
    async (request) => {
      const schema = requireSync(ctx, request.params.id).schemas.find(
        (s) => s.id === request.params.schemaId,
      );
      if (!schema) throw refuse("bulk-sync.schema-not-found", { id: request.params.schemaId });
      return { data: schemaView(schema, true) };
    },
  );

  app.patch<{ Params: { id: string } }>("/api/bulk/syncs/:id/schemas", async (request) => {
    const sync = requireSync(ctx, request.params.id);
    const body = bodyOf(request);
    const catalogue = cachedSchemas(requireConnection(ctx, sync.source_connection_id));
    const changes = readSchemas(body.schemas ?? [], catalogue, "patch", sync.schemas);
    for (const change of changes) {
      const index = sync.schemas.findIndex((s) => s.id === change.id);
      if (index >= 0) sync.schemas[index] = change;
      else sync.schemas.push(change);
    }
    sync.updated_at = new Date().toISOString();
    ctx.store.commit();
    return { data: sync.schemas.map((s) => schemaView(s, false)) };
  });

  app.put<{ Params: { id: string; schemaId: string } }>(
    "/api/bulk/syncs/:id/schemas/:schemaId",
    async (request) => {
      const sync = requireSync(ctx, request.params.id);
      const index = sync.schemas.findIndex((s) => s.id === request.params.schemaId);
      const catalogue = cachedSchemas(requireConnection(ctx, sync.source_connection_id));
      const [replacement] = readSchemas(
        [{ ...bodyOf(request), id: request.params.schemaId }],
        catalogue,
        "replace",
      );
      if (!replacement) return { data: null }; // unreachable: the item has the path's id
      if (index >= 0) sync.schemas[index] = replacement;
      else sync.schemas.push(replacement);
      sync.updated_at = new Date().toISOString();
      ctx.store.commit();
      return { data: schemaView(replacement, true) };
    },
  );
}
