/**
 * The emulator's HTTP server: Fastify with the cross-cutting behaviour of Polytomic's API applied in
 * order (faults, version, auth, idempotency), the routes, and the request log.
 */
import { timingSafeEqual } from "node:crypto";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { API_VERSIONS, type ApiVersion, type RouteContext, versionOf } from "./context";
import { ApiError, injectedFault } from "./errors";
import type { FaultController } from "./faults";
import { bulkSyncRunRoutes } from "./routes/bulkSyncRuns";
import { bulkSyncSchemaRoutes } from "./routes/bulkSyncSchemas";
import { bulkSyncRoutes } from "./routes/bulkSyncs";
import { connectionRoutes } from "./routes/connections";
import { modelSyncDiscoveryRoutes } from "./routes/modelSyncDiscovery";
import { modelSyncRoutes } from "./routes/modelSyncs";
import { modelRoutes } from "./routes/models";
import { refuse } from "./rules";
import type { Store } from "./store";

/** One line of the request log; never holds a body, a header value or a secret. */
export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  /** Route pattern, e.g. `/api/connections/:id`. */
  readonly route: string;
  /** HTTP status; 0 when a fault dropped the connection. */
  readonly status: number;
  readonly idempotencyKey?: string;
  readonly replayed: boolean;
  readonly fault?: "status" | "drop" | "drop-after";
  /** The API version the request was served with (absent when refused before versioning). */
  readonly apiVersion?: string;
  /** The Authorization scheme used (never the credentials): `bearer`, `basic`, or absent. */
  readonly auth?: "bearer" | "basic";
  readonly startedAt: number;
  readonly durationMs: number;
}

/** Settings of {@link buildServer}. */
export interface ServerSettings {
  readonly apiKey: string;
  readonly defaultApiVersion: ApiVersion;
  readonly faults: FaultController;
  readonly log: RequestLogEntry[];
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,255}$/;
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const MUTATING = new Set(["POST", "PUT", "PATCH"]);

interface RequestState {
  startedAt: number;
  idempotencyKey?: string;
  recordKey?: string;
  replayed: boolean;
  fault?: RequestLogEntry["fault"];
  dropAfter: boolean;
  processingMs?: number;
  logged?: boolean;
}
const states = new WeakMap<FastifyRequest, RequestState>();
const stateOf = (request: FastifyRequest) => states.get(request) as RequestState;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function authorized(header: string | undefined, settings: ServerSettings, organizationId: string): boolean {
  if (!header) return false;
  const [scheme, value = ""] = header.split(" ", 2);
  if (scheme === "Bearer") return sameSecret(value, settings.apiKey);
  if (scheme === "Basic") {
    // Organization-scoped form: base64("<organization_id>:<key>").
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return (
      colon > 0 &&
      decoded.slice(0, colon) === organizationId &&
      sameSecret(decoded.slice(colon + 1), settings.apiKey)
    );
  }
  return false;
}

function send(reply: FastifyReply, error: ApiError): FastifyReply {
  return reply.code(error.status).type("application/json").send(error.toBody());
}

/** The Authorization scheme of a request, for the log. */
function authScheme(header: string | undefined): { auth?: "bearer" | "basic" } {
  const scheme = header?.split(" ", 1)[0]?.toLowerCase();
  return scheme === "bearer" || scheme === "basic" ? { auth: scheme } : {};
}

/** Builds the server (not listening yet). */
export function buildServer(ctx: RouteContext, store: Store, settings: ServerSettings): FastifyInstance {
  // No source limits a request's size (the 256 KiB cap of polytomic-api.md §6 is the proxy's), so
  // the limit is only a guard against exhausting memory.
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 * 1024 });
  // An empty body is no body, for every method: the Go SDK (polytomic-go) and curl users send
  // `Content-Type: application/json` on every request, DELETE and body-less POSTs included. Every
  // content type is read as JSON: no source says the API refuses one.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(refuse("body.malformed-json", { detail: (error as Error).message }), undefined);
    }
  });
  const inFlight = new Set<string>();
  // Called once per request: from onResponse, or when a fault destroys the socket (no onResponse then).
  const logRequest = (request: FastifyRequest, status: number) => {
    const state = states.get(request);
    if (!state || state.logged) return;
    state.logged = true;
    settings.log.push({
      method: request.method,
      path: request.url.split("?")[0] ?? request.url,
      route: request.routeOptions.url ?? "",
      status,
      ...(state.idempotencyKey ? { idempotencyKey: state.idempotencyKey } : {}),
      replayed: state.replayed,
      ...(state.fault ? { fault: state.fault } : {}),
      ...authScheme(request.headers.authorization),
      ...(versionOf(request) ? { apiVersion: versionOf(request) } : {}),
      startedAt: state.startedAt,
      durationMs: Date.now() - state.startedAt,
    });
  };

  app.addHook("onRequest", async (request, reply) => {
    const state: RequestState = { startedAt: Date.now(), replayed: false, dropAfter: false };
    states.set(request, state);
    const path = request.url.split("?")[0] ?? request.url;
    const decision = settings.faults.decide(request.method, path);
    if (decision.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
    if (decision.drop) {
      state.fault = "drop";
      logRequest(request, 0);
      request.raw.socket.destroy();
      return reply.hijack();
    }
    if (decision.status) {
      state.fault = "status";
      if (decision.status.retryAfterSeconds !== undefined)
        reply.header("Retry-After", String(decision.status.retryAfterSeconds));
      return send(reply, injectedFault(decision.status.status));
    }
    state.dropAfter = decision.dropAfter;
    state.processingMs = decision.processingMs;
    if (path.startsWith("/oauth/")) return; // the browser leg of OAuth carries no API key

    const requested = request.headers["x-polytomic-version"];
    const version =
      typeof requested === "string" && requested !== "" ? requested : settings.defaultApiVersion;
    if (!(API_VERSIONS as readonly string[]).includes(version)) {
      reply.header("X-Polytomic-Version", settings.defaultApiVersion);
      return send(reply, refuse("version.unsupported", { version, supported: API_VERSIONS.join(", ") }));
    }
    reply.header("X-Polytomic-Version", version);
    (request as FastifyRequest & { apiVersion: ApiVersion }).apiVersion = version as ApiVersion;
    if (!authorized(request.headers.authorization, settings, ctx.organizationId)) {
      return send(reply, refuse("auth.unauthorized"));
    }
  });

  app.addHook("preHandler", async (request, reply) => {
    const key = request.headers["idempotency-key"];
    if (!MUTATING.has(request.method) || key === undefined) return;
    if (typeof key !== "string" || !IDEMPOTENCY_KEY.test(key)) {
      return send(reply, refuse("idempotency.malformed-key"));
    }
    const state = stateOf(request);
    state.idempotencyKey = key;
    const recordKey = `${ctx.organizationId}:${request.method}:${request.url}:${key}`;
    const record = store.data.idempotency[recordKey];
    if (record && Date.now() - record.recorded_at < IDEMPOTENCY_TTL_MS) {
      state.replayed = true;
      return reply
        .code(record.status)
        .type("application/json")
        .send(record.body === "" ? undefined : record.body);
    }
    if (inFlight.has(recordKey)) {
      return send(reply, refuse("idempotency.in-flight"));
    }
    inFlight.add(recordKey);
    state.recordKey = recordKey;
  });

  // The `slow` fault: the request is admitted (and in flight under its key) but takes a while.
  app.addHook("preHandler", async (request) => {
    const ms = states.get(request)?.processingMs ?? 0;
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const state = states.get(request);
    if (state?.recordKey) {
      store.data.idempotency[state.recordKey] = {
        status: reply.statusCode,
        body: typeof payload === "string" ? payload : "",
        recorded_at: Date.now(),
      };
      store.commit();
      inFlight.delete(state.recordKey);
    }
    if (state?.dropAfter) {
      state.fault = "drop-after";
      logRequest(request, 0);
      request.raw.socket.destroy(); // processed and committed, but the response is lost
    }
    return payload;
  });

  app.addHook("onResponse", async (request, reply) => logRequest(request, reply.statusCode));

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const state = states.get(request);
    if (state?.recordKey) inFlight.delete(state.recordKey);
    if (error instanceof ApiError) return send(reply, error);
    if (
      error.code === "FST_ERR_CTP_INVALID_JSON" ||
      error.code === "FST_ERR_CTP_EMPTY_JSON_BODY" ||
      error instanceof SyntaxError
    ) {
      return send(reply, refuse("body.malformed-json", { detail: error.message }));
    }
    if (error.statusCode && error.statusCode < 500)
      return send(reply, refuse("request.malformed", { detail: error.message }));
    return send(reply, refuse("internal"));
  });
  app.setNotFoundHandler((request, reply) =>
    send(reply, refuse("route.unknown", { method: request.method, path: request.url.split("?")[0] ?? "" })),
  );

  app.get("/api/me", async () => ({
    data: {
      id: ctx.organizationId,
      organization_id: ctx.organizationId,
      organization_name: "Polytomic emulator",
      is_user: false,
      is_partner: false,
      is_organization: true,
      is_system: false,
    },
  }));
  connectionRoutes(app, ctx);
  modelSyncDiscoveryRoutes(app, ctx);
  modelRoutes(app, ctx);
  modelSyncRoutes(app, ctx);
  bulkSyncRoutes(app, ctx);
  bulkSyncSchemaRoutes(app, ctx);
  bulkSyncRunRoutes(app, ctx);
  return app;
}
