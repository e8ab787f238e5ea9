/**
 * Models: `/api/models` CRUD. A model's fields come from its source's catalogue through the
 * per-source configuration (see modelSources.ts); `identifier` and `tracking_columns` must name fields.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { actorsOf, bodyOf, type RouteContext, requireConnection, typeOf } from "../context";
import { badRequest, invalid, notFound } from "../errors";
import { resolveModelSource } from "../modelSources";
import type { StoredModel, StoredModelField } from "../store";

function strings(body: Record<string, unknown>, key: string): string[] {
  const value = body[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string"))
    throw badRequest(key, "must be a list of strings");
  return value as string[];
}

function additionalFields(body: Record<string, unknown>): StoredModel["additional_fields"] {
  const value = body.additional_fields;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest("additional_fields", "must be a list");
  return value.map((raw, i) => {
    const f = raw as Record<string, unknown>;
    for (const key of ["name", "label", "type"]) {
      if (typeof f[key] !== "string" || f[key] === "")
        throw badRequest(`additional_fields[${i}].${key}`, "is required");
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
  if (typeof body.name !== "string" || body.name.trim() === "") throw badRequest("name", "is required");
  if (typeof body.connection_id !== "string") throw badRequest("connection_id", "is required");
  const connection = ctx.store.data.connections[body.connection_id];
  if (!connection) throw invalid("connection_id", `connection ${body.connection_id} not found`);
  const spec = typeOf(connection);
  if (!spec.operations.includes("modelsource")) {
    throw invalid("connection_id", `a ${connection.type} connection cannot be a model source`);
  }
  const configuration = body.configuration;
  if (typeof configuration !== "object" || configuration === null || Array.isArray(configuration)) {
    throw badRequest("configuration", "is required and must be an object");
  }
  const source = resolveModelSource(spec, configuration as Record<string, unknown>);
  const enabled = strings(body, "fields");
  enabled.forEach((id, i) => {
    if (!source.fields.some((f) => f.id === id))
      throw invalid(`fields[${i}]`, `unknown field "${id}" in ${source.schema.id}`);
  });
  const extra = additionalFields(body);
  const fields: StoredModelField[] = [
    ...source.fields
      .filter((f) => enabled.length === 0 || enabled.includes(f.id))
      .map((f) => ({
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
  const has = (id: string) => fields.some((f) => f.id === id);
  const identifier = body.identifier;
  if (identifier !== undefined && identifier !== null && identifier !== "") {
    if (typeof identifier !== "string" || !has(identifier))
      throw invalid("identifier", `must name a field of the model, not "${String(identifier)}"`);
  }
  const tracking = strings(body, "tracking_columns");
  tracking.forEach((id, i) => {
    if (!has(id)) throw invalid(`tracking_columns[${i}]`, `unknown field "${id}"`);
  });
  const relations = Array.isArray(body.relations) ? (body.relations as StoredModel["relations"]) : [];
  relations.forEach((relation, i) => {
    if (!has(relation.from)) throw invalid(`relations[${i}].from`, `unknown field "${relation.from}"`);
    const other = ctx.store.data.models[relation.to?.model_id];
    if (!other) throw invalid(`relations[${i}].to.model_id`, `model ${relation.to?.model_id} not found`);
    if (!other.fields.some((f) => f.id === relation.to.field))
      throw invalid(
        `relations[${i}].to.field`,
        `unknown field "${relation.to.field}" on model ${other.name}`,
      );
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
  if (!model) throw notFound("model", id);
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
