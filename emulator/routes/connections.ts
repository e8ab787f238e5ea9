/**
 * Connections: `/api/connection_types`, `/api/connections` CRUD with masked secrets, the OAuth
 * authorization route, and the schema cache (`/schemas/status`, `/schemas/refresh`, `/schemas/{id}`,
 * `/bulksync/source`, `/bulksync/target`).
 */
import Ajv2020 from "ajv/dist/2020";
import type { FastifyInstance } from "fastify";
import {
  ALL_CONNECTION_TYPES,
  CONNECTION_TYPES,
  type ConnectionTypeSpec,
  jsonSchemaOf,
  sensitiveKeys,
  serverStateKeys,
  validationSchemaOf,
  withRequiredDefaults,
} from "../connectionTypes";
import {
  actorsOf,
  bodyOf,
  cachedSchemas,
  cacheStatus,
  type RouteContext,
  requireConnection,
  startRefresh,
  typeOf,
} from "../context";
import { refuse } from "../rules";
import type { StoredConnection } from "../store";

/** The mask the API answers in place of every secret. */
export const SECRET_MASK = "********";

const ajv = new Ajv2020({ allErrors: false, strict: false, validateFormats: false });
for (const keyword of ["sensitive", "hidden", "api_field"]) ajv.addKeyword({ keyword });
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

function validatorOf(spec: ConnectionTypeSpec): ReturnType<typeof ajv.compile> {
  let validate = validators.get(spec.id);
  if (!validate) {
    validate = ajv.compile(validationSchemaOf(spec));
    validators.set(spec.id, validate);
  }
  return validate;
}

/**
 * Compiles the validators of the types served in detail up front, as a server does before taking
 * traffic: Ajv's first compile costs tens of milliseconds, which would otherwise land on a client's
 * first create. The other documented types compile on first use.
 */
function compileValidators(): void {
  for (const spec of Object.values(CONNECTION_TYPES)) validatorOf(spec);
}

/**
 * The configuration to store: values of keys the server owns (read-only, hidden server state) left
 * out, required properties with a default filled in, then checked against the type's JSON Schema
 * (`required`, `type`, `enum`: data/connection-types.json), or a 422 naming the key.
 */
function completeConfiguration(
  spec: ConnectionTypeSpec,
  given: Record<string, unknown>,
): Record<string, unknown> {
  const owned = new Set(serverStateKeys(spec));
  const configuration = withRequiredDefaults(
    spec,
    Object.fromEntries(Object.entries(given).filter(([key]) => !owned.has(key))),
  );
  const validate = validatorOf(spec);
  if (!validate(configuration)) {
    const error = validate.errors?.[0];
    const missing =
      error?.params && "missingProperty" in error.params ? `.${String(error.params.missingProperty)}` : "";
    const path = `configuration${(error?.instancePath ?? "").replaceAll("/", ".")}${missing}`;
    const allowed =
      error?.params && "allowedValues" in error.params
        ? ` (${(error.params.allowedValues as unknown[]).join(", ")})`
        : "";
    throw refuse("connection.configuration-invalid", {
      path: path.slice("configuration".length),
      reason: `${error?.message ?? "is invalid"}${allowed}`,
    });
  }
  // OAuth-less Salesforce needs its own client credentials (connection-types.md, salesforce:
  // "client_id and client_secret go with `connect_mode=api`").
  if (spec.id === "salesforce" && configuration.connect_mode === "api") {
    for (const key of ["client_id", "client_secret"]) {
      if (!configuration[key]) throw refuse("connection.salesforce-client-credentials", { key });
    }
  }
  return configuration;
}

function masked(connection: StoredConnection): Record<string, unknown> {
  const secrets = new Set(sensitiveKeys(typeOf(connection)));
  return Object.fromEntries(
    Object.entries(connection.configuration).map(([k, v]) => [
      k,
      secrets.has(k) && v !== "" ? SECRET_MASK : v,
    ]),
  );
}

function statusOf(connection: StoredConnection): { status: string; status_error?: string } {
  return connection.oauth_pending
    ? { status: "error", status_error: "authorization required: open auth_url to complete OAuth" }
    : { status: "healthy" };
}

function view(ctx: RouteContext, connection: StoredConnection, withAuth = false): Record<string, unknown> {
  const spec = typeOf(connection);
  const base: Record<string, unknown> = {
    id: connection.id,
    name: connection.name,
    organization_id: connection.organization_id,
    type: {
      id: spec.id,
      name: spec.name,
      logo_url: `${ctx.baseUrl()}/logos/${spec.id}.svg`,
      operations: spec.operations,
    },
    configuration: masked(connection),
    ...statusOf(connection),
    saved: true,
    ...(connection.policies.length > 0 ? { policies: connection.policies } : {}),
    ...(connection.healthcheck_interval ? { healthcheck_interval: connection.healthcheck_interval } : {}),
    created_at: connection.created_at,
    updated_at: connection.updated_at,
    ...actorsOf(connection.organization_id),
  };
  if (withAuth && connection.oauth_pending) {
    base.auth_url = `${ctx.baseUrl()}/oauth/authorize/${connection.id}`;
    if (connection.configuration.connect_mode === "code")
      base.auth_code = connection.id.slice(0, 8).toUpperCase();
  }
  return base;
}

/**
 * Whether a new connection waits for its OAuth flow: a `use_oauth` type, unless the configuration
 * injects a token (the hidden `api_field` keys `oauth_refresh_token` / `oauth_access_token`, "can be
 * injected through the API instead of running the browser flow", connection-types.md), carries an API
 * key, or Salesforce's `connect_mode` is `api` or `clientcredentials` (polytomic-api.md §1, OAuth flow).
 */
function needsOauth(spec: ConnectionTypeSpec, configuration: Record<string, unknown>): boolean {
  if (!spec.useOauth) return false;
  const mode = configuration.connect_mode;
  if (mode === "api" || mode === "clientcredentials") return false;
  return !configuration.oauth_refresh_token && !configuration.oauth_access_token && !configuration.api_key;
}

function readCommon(body: Record<string, unknown>): { name: string; configuration: Record<string, unknown> } {
  if (typeof body.name !== "string" || body.name.trim() === "")
    throw refuse("connection.required", { field: "name" });
  // `configuration` is required by the SDK's type, but HubSpot and Airtable connections are created
  // with nothing in it (connection-types.md): absent reads as `{}`.
  const configuration = body.configuration ?? {};
  if (typeof configuration !== "object" || configuration === null || Array.isArray(configuration)) {
    throw refuse("body.wrong-type", { field: "configuration", expected: "an object" });
  }
  if (body.policies !== undefined && body.policies !== null && !Array.isArray(body.policies))
    throw refuse("body.wrong-type", { field: "policies", expected: "a list" });
  return { name: body.name, configuration: { ...(configuration as Record<string, unknown>) } };
}

interface Dependent {
  type: "model" | "sync" | "bulk_sync";
  name: string;
  id: string;
}

/** Everything that would break without the connection: its models, their syncs, syncs and bulk syncs on it. */
function usedBy(ctx: RouteContext, id: string): Dependent[] {
  const { models, modelSyncs, bulkSyncs } = ctx.store.data;
  const modelIds = new Set(
    Object.values(models)
      .filter((m) => m.connection_id === id)
      .map((m) => m.id),
  );
  return [
    ...Object.values(models)
      .filter((m) => modelIds.has(m.id))
      .map((m): Dependent => ({ type: "model", name: m.name, id: m.id })),
    ...Object.values(modelSyncs)
      .filter((s) => s.target.connection_id === id || s.model_ids.some((m) => modelIds.has(m)))
      .map((s): Dependent => ({ type: "sync", name: s.name, id: s.id })),
    ...Object.values(bulkSyncs)
      .filter((s) => s.source_connection_id === id || s.destination_connection_id === id)
      .map((s): Dependent => ({ type: "bulk_sync", name: s.name, id: s.id })),
  ];
}

const KIND_OF = { model: "models", sync: "modelSyncs", bulk_sync: "bulkSyncs" } as const;

/** Registers the connection routes. */
export function connectionRoutes(app: FastifyInstance, ctx: RouteContext): void {
  compileValidators();
  app.get("/api/connection_types", async () => ({
    data: Object.values(ALL_CONNECTION_TYPES).map((t) => ({
      id: t.id,
      name: t.name,
      logo_url: `${ctx.baseUrl()}/logos/${t.id}.svg`,
      use_oauth: t.useOauth,
      capabilities: t.capabilities,
    })),
  }));

  app.get<{ Params: { id: string } }>("/api/connection_types/:id", async (request) => {
    const spec = ALL_CONNECTION_TYPES[request.params.id];
    if (!spec) throw refuse("connection-type.not-found", { id: request.params.id });
    return jsonSchemaOf(spec); // bare JSON Schema: this endpoint has no {data} envelope
  });

  app.get("/api/connections", async () => ({
    data: Object.values(ctx.store.data.connections).map((c) => view(ctx, c)),
  }));

  app.get<{ Params: { id: string } }>("/api/connections/:id", async (request) => ({
    data: view(ctx, requireConnection(ctx, request.params.id)),
  }));

  app.post("/api/connections", async (request) => {
    const body = bodyOf(request);
    const { name, configuration } = readCommon(body);
    if (typeof body.type !== "string" || body.type === "")
      throw refuse("connection.required", { field: "type" });
    const spec = ALL_CONNECTION_TYPES[body.type];
    if (!spec) throw refuse("connection.type-unknown", { type: body.type });
    const complete = completeConfiguration(spec, configuration);
    // "name: string (unique per org)" (polytomic-api.md §1, CRUD).
    if (Object.values(ctx.store.data.connections).some((c) => c.name === name)) {
      throw refuse("connection.name-taken", { name });
    }
    const now = new Date().toISOString();
    const connection: StoredConnection = {
      id: ctx.store.newId(),
      name,
      type: spec.id,
      organization_id: ctx.organizationId,
      configuration: complete,
      policies: (body.policies as string[] | undefined) ?? [],
      ...(typeof body.healthcheck_interval === "string" && body.healthcheck_interval !== ""
        ? { healthcheck_interval: body.healthcheck_interval }
        : {}),
      ...(typeof body.redirect_url === "string" && body.redirect_url !== ""
        ? { redirect_url: body.redirect_url }
        : {}),
      oauth_pending: needsOauth(spec, complete),
      created_at: now,
      updated_at: now,
    };
    if (!connection.oauth_pending) startRefresh(ctx, connection);
    ctx.store.data.connections[connection.id] = connection;
    ctx.store.commit();
    return { data: view(ctx, connection, true) };
  });

  app.put<{ Params: { id: string } }>("/api/connections/:id", async (request) => {
    const connection = requireConnection(ctx, request.params.id);
    const body = bodyOf(request);
    const { name, configuration } = readCommon(body);
    // `type?` may be sent on update (UpdateConnectionRequestSchema); no source says a change is refused.
    const spec =
      typeof body.type === "string" && body.type !== ""
        ? ALL_CONNECTION_TYPES[body.type]
        : typeOf(connection);
    if (!spec) throw refuse("connection.type-unknown", { type: String(body.type) });
    // A secret omitted or sent back as the mask keeps its stored value.
    for (const key of sensitiveKeys(spec)) {
      if (
        (configuration[key] === undefined || configuration[key] === SECRET_MASK) &&
        connection.configuration[key] !== undefined
      ) {
        configuration[key] = connection.configuration[key];
      }
    }
    const complete = completeConfiguration(spec, configuration);
    // Values the server owns stay as the server set them.
    if (spec.id === connection.type) {
      for (const key of serverStateKeys(spec)) {
        if (connection.configuration[key] !== undefined) complete[key] = connection.configuration[key];
      }
    }
    if (Object.values(ctx.store.data.connections).some((c) => c.name === name && c.id !== connection.id)) {
      throw refuse("connection.name-taken", { name });
    }
    connection.name = name;
    connection.type = spec.id;
    connection.configuration = complete;
    if (typeof body.healthcheck_interval === "string" && body.healthcheck_interval !== "")
      connection.healthcheck_interval = body.healthcheck_interval;
    if (Array.isArray(body.policies)) connection.policies = body.policies as string[];
    if (body.reconnect === true && spec.useOauth) connection.oauth_pending = needsOauth(spec, complete);
    connection.updated_at = new Date().toISOString();
    ctx.store.commit();
    return { data: view(ctx, connection, true) };
  });

  app.delete<{ Params: { id: string }; Querystring: { force?: string } }>(
    "/api/connections/:id",
    async (request, reply) => {
      const connection = requireConnection(ctx, request.params.id);
      const dependents = usedBy(ctx, connection.id);
      if (dependents.length > 0 && request.query.force !== "true") {
        throw refuse("connection.in-use", {}, { used_by: dependents });
      }
      for (const dependent of dependents) delete ctx.store.data[KIND_OF[dependent.type]][dependent.id];
      delete ctx.store.data.connections[connection.id];
      ctx.store.commit();
      return reply.code(204).send();
    },
  );

  // The page an auth_url opens: completes the (emulated) OAuth flow and redirects.
  app.get<{ Params: { id: string } }>("/oauth/authorize/:id", async (request, reply) => {
    const connection = ctx.store.data.connections[request.params.id];
    if (!connection) throw refuse("connection.not-found", { id: request.params.id });
    if (connection.oauth_pending) {
      connection.oauth_pending = false;
      connection.configuration.oauth_refresh_token = `emulated-refresh-${connection.id}`;
      startRefresh(ctx, connection);
      ctx.store.commit();
    }
    return reply.redirect(connection.redirect_url ?? `${ctx.baseUrl()}/oauth/done/${connection.id}`, 302);
  });
  app.get<{ Params: { id: string } }>("/oauth/done/:id", async (_request, reply) =>
    reply
      .type("text/html")
      .send("<html><body>Polytomic emulator: the connection is authorized.</body></html>"),
  );

  app.get<{ Params: { id: string } }>("/api/connections/:id/schemas/status", async (request) => {
    const connection = requireConnection(ctx, request.params.id);
    const status = cacheStatus(connection);
    return {
      data: {
        cache_status: status === "none" ? "refreshing" : status,
        last_refresh_started: connection.cache_started_at ?? null,
        last_refresh_finished: status === "fresh" ? connection.cache_ready_at : null,
      },
    };
  });

  app.post<{ Params: { id: string } }>("/api/connections/:id/schemas/refresh", async (request, reply) => {
    const connection = requireConnection(ctx, request.params.id);
    if (connection.oauth_pending) throw refuse("connection.refresh-unhealthy");
    startRefresh(ctx, connection);
    ctx.store.commit();
    return reply.code(202).header("Location", `/api/connections/${connection.id}/schemas/status`).send();
  });

  app.get<{ Params: { id: string; schemaId: string } }>(
    "/api/connections/:id/schemas/:schemaId",
    async (request) => {
      const connection = requireConnection(ctx, request.params.id);
      const schema = cachedSchemas(connection).find((s) => s.id === request.params.schemaId);
      if (!schema) throw refuse("connection.schema-not-found", { id: request.params.schemaId });
      return { data: schema };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { include_fields?: string } }>(
    "/api/connections/:id/bulksync/source",
    async (request) => {
      const connection = requireConnection(ctx, request.params.id);
      if (!typeOf(connection).operations.includes("bulksyncsource")) {
        throw refuse("connection.role-unsupported", {
          field: "id",
          type: connection.type,
          role: "bulk sync source",
        });
      }
      const withFields = request.query.include_fields === "true";
      return {
        data: {
          schemas: cachedSchemas(connection).map((s) => (withFields ? s : { id: s.id, name: s.name })),
          capabilities: { supports_tracking_fields: connection.type !== "stripe" },
        },
      };
    },
  );

  app.get<{ Params: { id: string } }>("/api/connections/:id/bulksync/target", async (request) => {
    const connection = requireConnection(ctx, request.params.id);
    if (!typeOf(connection).operations.includes("bulksyncdestination")) {
      throw refuse("connection.role-unsupported", {
        field: "id",
        type: connection.type,
        role: "bulk sync destination",
      });
    }
    const bucket = connection.type === "s3" || connection.type === "gcs";
    return {
      data: {
        configuration: bucket
          ? { format: { default: "csv", required: true }, subfolder: { default: "", required: false } }
          : { schema: { default: "polytomic", required: true } },
        modes: [
          {
            id: "replicate",
            label: "Replicate",
            description: "Keep the destination in step with the source",
          },
          { id: "snapshot", label: "Snapshot", description: "Write a full copy on every run" },
        ],
        supported_resync_modes: ["refetch", "resync", "rebuild"],
      },
    };
  });
}
