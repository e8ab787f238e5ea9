/**
 * Models: `/api/models` CRUD. A model's fields come from its source's catalogue through the
 * per-source configuration (see modelSources.ts). References to other API objects (the connection,
 * related models) must resolve; names of fields (`fields`, `identifier`, `tracking_columns`,
 * relations) are stored as sent: no source says the API refuses one, and the catalogues are samples.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { SchemaField } from "../catalogues";
import { actorsOf, bodyOf, type RouteContext, requireConnection, typeOf } from "../context";
import { isUnset } from "../enums";
import { resolveModelSource } from "../modelSources";
import { refuse } from "../rules";
import type { StoredModel, StoredModelField } from "../store";

function strings(body: Record<string, unknown>, key: string): string[] {
  const value = body[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string"))
    throw refuse("body.wrong-type", { field: key, expected: "a list of strings" });
  return value as string[];
}

function additionalFields(body: Record<string, unknown>): StoredModel["additional_fields"] {
  const value = body.additional_fields;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw refuse("body.wrong-type", { field: "additional_fields", expected: "a list" });
  return value.map((raw, i) => {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw))
      throw refuse("body.wrong-type", { field: `additional_fields[${i}]`, expected: "an object" });
    const f = raw as Record<string, unknown>;
    for (const key of ["name", "label", "type"]) {
      if (typeof f[key] !== "string" || f[key] === "")
        throw refuse("model.required", { field: `additional_fields[${i}].${key}` });
    }
    return {
      name: f.name as string,
      label: f.label as string,
      type: f.type as string,
      ...(typeof f.example === "string" ? { example: f.example } : {}),
    };
  });
}

/** Reads a create/update body into a model (without id, version and timestamps). */
function readBody(
  ctx: RouteContext,
  request: FastifyRequest,
): Omit<StoredModel, "id" | "version" | "created_at" | "updated_at"> {
  const body = bodyOf(request);
  if (typeof body.name !== "string" || body.name.trim() === "")
    throw refuse("model.required", { field: "name" });
  if (typeof body.connection_id !== "string" || body.connection_id === "")
    throw refuse("model.required", { field: "connection_id" });
  const connection = ctx.store.data.connections[body.connection_id];
  if (!connection)
    throw refuse("model.reference-unknown", {
      field: "connection_id",
      kind: "connection",
      id: body.connection_id,
    });
  const spec = typeOf(connection);
  if (!spec.operations.includes("modelsource")) {
    throw refuse("connection.role-unsupported", {
      field: "connection_id",
      type: connection.type,
      role: "model source",
    });
  }
  const configuration = body.configuration;
  if (configuration === undefined || configuration === null)
    throw refuse("model.required", { field: "configuration" });
  if (typeof configuration !== "object" || Array.isArray(configuration)) {
    throw refuse("body.wrong-type", { field: "configuration", expected: "an object" });
  }
  const source = resolveModelSource(spec, configuration as Record<string, unknown>);
  const enabled = strings(body, "fields");
  // `fields` (the source fields to enable) are kept as named: a field the sample catalogue lacks is a
  // field of unknown type, not an error.
  const chosen: SchemaField[] =
    enabled.length === 0
      ? [...source.fields]
      : enabled.map(
          (id) =>
            source.fields.find((f) => f.id === id) ?? {
              id,
              name: id,
              type: "unknown",
              remote_type: "unknown",
              is_primary_key: false,
            },
        );
  const extra = additionalFields(body);
  const fields: StoredModelField[] = [
    ...chosen.map((f) => ({
      id: f.id,
      name: f.name,
      label: f.name,
      type: f.type,
      remote_type: f.remote_type,
      description: "",
      example: null,
      unique: f.is_primary_key,
      user_added: false,
    })),
    ...extra.map((f) => ({
      id: f.name,
      name: f.name,
      label: f.label,
      type: f.type,
      remote_type: f.type,
      description: "",
      example: f.example ?? null,
      unique: false,
      user_added: true,
    })),
  ];
  const identifier = body.identifier;
  if (identifier !== undefined && identifier !== null && typeof identifier !== "string")
    throw refuse("body.wrong-type", { field: "identifier", expected: "a string" });
  const tracking = strings(body, "tracking_columns");
  const rawRelations = body.relations ?? [];
  if (!Array.isArray(rawRelations))
    throw refuse("body.wrong-type", { field: "relations", expected: "a list" });
  const relations = rawRelations as StoredModel["relations"];
  relations.forEach((relation, i) => {
    if (typeof relation !== "object" || relation === null)
      throw refuse("body.wrong-type", { field: `relations[${i}]`, expected: "an object" });
    const target = relation.to?.model_id;
    if (isUnset(target)) return; // ModelRelationTo.model_id is optional in the SDK
    if (!ctx.store.data.models[target])
      throw refuse("model.reference-unknown", {
        field: `relations[${i}].to.model_id`,
        kind: "model",
        id: String(target),
      });
  });
  return {
    name: body.name,
    organization_id: ctx.organizationId,
    connection_id: connection.id,
    type: source.type,
    configuration: { ...(configuration as Record<string, unknown>) },
    identifier: typeof identifier === "string" && identifier !== "" ? identifier : null,
    tracking_columns: tracking,
    labels: strings(body, "labels"),
    policies: strings(body, "policies"),
    fields,
    enabled_fields: enabled,
    additional_fields: extra,
    relations,
  };
}

/** Optional lists of a model, left out of answers when empty (unset reads back absent). */
const OPTIONAL_LISTS = ["tracking_columns", "labels", "policies", "relations"] as const;

function view(model: StoredModel): Record<string, unknown> {
  const { enabled_fields: _enabled, additional_fields: _extra, identifier, ...rest } = model;
  const out: Record<string, unknown> = {
    ...rest,
    fields: model.fields.map(({ example, description, ...field }) => ({
      ...field,
      ...(description ? { description } : {}),
      ...(example !== null ? { example } : {}),
    })),
    ...(identifier ? { identifier } : {}),
    ...actorsOf(model.organization_id),
  };
  for (const key of OPTIONAL_LISTS) if (model[key].length === 0) delete out[key];
  return out;
}

/** The model with `id`, or a 404. */
export function requireModel(ctx: RouteContext, id: string): StoredModel {
  const model = ctx.store.data.models[id];
  if (!model) throw refuse("model.not-found", { id });
  return model;
}

/** Registers the model routes. */
export function modelRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get("/api/models", async () => ({ data: Object.values(ctx.store.data.models).map(view) }));

  app.post("/api/models", async (request) => {
    const fields = readBody(ctx, request);
    requireConnection(ctx, fields.connection_id);
    const now = new Date().toISOString();
    const model: StoredModel = {
      ...fields,
      id: ctx.store.newId(),
      version: 1,
      created_at: now,
      updated_at: now,
    };
    ctx.store.data.models[model.id] = model;
    ctx.store.commit();
    return { data: view(model) };
  });

  app.get<{ Params: { id: string } }>("/api/models/:id", async (request) => ({
    data: view(requireModel(ctx, request.params.id)),
  }));

  app.put<{ Params: { id: string } }>("/api/models/:id", async (request) => {
    const model = requireModel(ctx, request.params.id);
    // A full replacement (polytomic-api.md §3), connection_id included: no source says a change is refused.
    const fields = readBody(ctx, request);
    Object.assign(model, fields, { version: model.version + 1, updated_at: new Date().toISOString() });
    ctx.store.commit();
    return { data: view(model) };
  });

  app.delete<{ Params: { id: string } }>("/api/models/:id", async (request, reply) => {
    requireModel(ctx, request.params.id);
    delete ctx.store.data.models[request.params.id];
    ctx.store.commit();
    return reply.code(204).send();
  });
}
