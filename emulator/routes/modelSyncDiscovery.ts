/**
 * Model-sync discovery on a connection: source options and fields for building models
 * (`.../modelsync/source`, `.../modelsync/source/fields`) and target objects and fields for syncs
 * (`.../modelsync/targetobjects`, `.../modelsync/target`, `.../modelsync/target/fields`).
 */
import type { FastifyInstance } from "fastify";
import { type RouteContext, requireConnection, typeOf } from "../context";
import { resolveModelSource, sourceOptions } from "../modelSources";
import { targetObjects } from "../modelSyncTargets";
import { refuse } from "../rules";
import type { StoredConnection } from "../store";

type Query = Record<string, string | string[] | undefined>;

/**
 * Drill-down parameters: the documented plain form (`?table=x`) or the official SDK's single
 * `params=<JSON object of string arrays>`; both become one value per key.
 */
function paramsOf(query: Query): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (key === "params" || value === undefined) continue;
    out[key] = Array.isArray(value) ? value[0] : value;
  }
  // No source says what the API answers to a `params` that is not a JSON object: it is ignored.
  if (typeof query.params === "string") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(query.params);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
      for (const [key, value] of Object.entries(parsed)) out[key] = Array.isArray(value) ? value[0] : value;
  }
  return typedQueryValues(out);
}

/**
 * A query carries text only: the SDK `.toString()`s booleans and numbers (polytomic-api.md §8), so the
 * model configuration's typed keys (§3: include_deleted bool, skip_lines int) arrive as "false" or "2"
 * and are read as the values they spell.
 */
function typedQueryValues(params: Record<string, unknown>): Record<string, unknown> {
  const out = { ...params };
  if (out.include_deleted === "true" || out.include_deleted === "false")
    out.include_deleted = out.include_deleted === "true";
  if (typeof out.skip_lines === "string" && /^\d+$/.test(out.skip_lines))
    out.skip_lines = Number(out.skip_lines);
  return out;
}

/**
 * Refuses a role the connection's type is documented not to have. A connection still waiting for
 * OAuth is answered like any other: no source says discovery refuses it (only a schema refresh needs
 * a healthy connection, polytomic-api.md §2).
 */
function canServe(connection: StoredConnection, operation: string, role: string): void {
  if (!typeOf(connection).operations.includes(operation))
    throw refuse("connection.role-unsupported", { field: "id", type: connection.type, role });
}

/** Registers the discovery routes. */
export function modelSyncDiscoveryRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get<{ Params: { id: string }; Querystring: Query }>(
    "/api/connections/:id/modelsync/source",
    async (request) => {
      const connection = requireConnection(ctx, request.params.id);
      canServe(connection, "modelsource", "model source");
      return { data: sourceOptions(typeOf(connection), paramsOf(request.query)) };
    },
  );

  app.get<{ Params: { id: string }; Querystring: Query }>(
    "/api/connections/:id/modelsync/source/fields",
    async (request) => {
      const connection = requireConnection(ctx, request.params.id);
      canServe(connection, "modelsource", "model source");
      const source = resolveModelSource(typeOf(connection), paramsOf(request.query));
      return {
        data: source.fields.map((f) => ({
          id: f.id,
          name: f.name,
          label: f.name,
          type: f.type,
          remote_type: f.remote_type,
          unique: f.is_primary_key,
        })),
      };
    },
  );

  app.get<{ Params: { id: string } }>("/api/connections/:id/modelsync/targetobjects", async (request) => {
    const connection = requireConnection(ctx, request.params.id);
    canServe(connection, "modelsyncdestination", "model sync target");
    const objects = targetObjects(typeOf(connection));
    const creatable = objects.some((o) => o.supportsFieldCreation);
    return {
      data: objects.map((o) => ({ id: o.id, name: o.name, modes: o.modes })),
      target_creation: {
        supported: creatable,
        properties: creatable ? [{ id: "name", title: "Name", enum: false }] : [],
      },
    };
  });

  // 1.18.1's catalogue browser: the target objects as drill-down items, narrowed by `search`.
  app.get<{ Params: { id: string }; Querystring: { type?: string; search?: string } }>(
    "/api/connections/:id/modelsync/target",
    async (request) => {
      const connection = requireConnection(ctx, request.params.id);
      canServe(connection, "modelsyncdestination", "model sync target");
      const search = (request.query.search ?? "").toLowerCase();
      const items = targetObjects(typeOf(connection))
        .filter((o) => o.id.toLowerCase().includes(search) || o.name.toLowerCase().includes(search))
        .map((o) => ({ label: o.name, value: o.id }));
      return {
        data: { requires_one_of: ["object"], items: { object: { items, has_items: items.length > 0 } } },
      };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { target?: string; refresh?: string } }>(
    "/api/connections/:id/modelsync/target/fields",
    async (request) => {
      const connection = requireConnection(ctx, request.params.id);
      canServe(connection, "modelsyncdestination", "model sync target");
      if (!request.query.target) throw refuse("model-sync.required", { field: "target" });
      const object = targetObjects(typeOf(connection)).find((o) => o.id === request.query.target);
      if (!object) throw refuse("model-sync.target-object-not-found", { id: request.query.target });
      return {
        data: {
          id: object.id,
          name: object.name,
          refreshed_at: new Date().toISOString(),
          fields: object.fields,
          modes: object.modes.map((m) => ({
            mode: m.id,
            label: m.id,
            description: `${m.id} records in ${object.name}`,
            requires_identity: m.requires_identity,
            supports_field_sync_mode: m.supports_per_field_mode,
            supports_target_filters: m.supports_target_filters,
          })),
          properties: {
            supports_field_creation: object.supportsFieldCreation,
            supports_identity_field_creation: false,
            supports_target_filters: false,
            target_creator: object.supportsFieldCreation,
            requires_configuration: false,
            mappings_not_required: false,
          },
        },
      };
    },
  );
}
