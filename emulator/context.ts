/**
 * What every route module receives: the store, the emulator's settings, and helpers shared by routes.
 */
import type { FastifyRequest } from "fastify";
import { catalogueFor, type Schema } from "./catalogues";
import { ALL_CONNECTION_TYPES, type ConnectionTypeSpec } from "./connectionTypes";
import { refuse } from "./rules";
import type { Store, StoredConnection } from "./store";

/**
 * API versions the emulator serves: those polytomic-api.md §6 lists as supported. The three before
 * 2024-02-08 are documented only by name, so they are answered with the 2024-02-08 shapes (the
 * oldest the sources describe); 2025-09-18 has its own.
 */
export const API_VERSIONS = ["2021-05-23", "2022-12-12", "2023-04-25", "2024-02-08", "2025-09-18"] as const;
/** One served API version. */
export type ApiVersion = (typeof API_VERSIONS)[number];

/** Whether a request is answered with the shapes before 2025-09-18 (bulk `schedule`, unpaginated lists). */
export function isLegacy(request: FastifyRequest): boolean {
  return versionOf(request) !== "2025-09-18";
}

/** Shared route context. */
export interface RouteContext {
  readonly store: Store;
  readonly organizationId: string;
  readonly schemaCacheDelayMs: number;
  /** The emulator's base URL (known once listening). */
  baseUrl(): string;
}

/** The API version a request is served with (set by the version hook). */
export function versionOf(request: FastifyRequest): ApiVersion {
  return (request as FastifyRequest & { apiVersion: ApiVersion }).apiVersion;
}

/** The connection with `id`, or a 404. */
export function requireConnection(ctx: RouteContext, id: string): StoredConnection {
  const connection = ctx.store.data.connections[id];
  if (!connection) throw refuse("connection.not-found", { id });
  return connection;
}

/** The type of a stored connection. */
export function typeOf(connection: StoredConnection): ConnectionTypeSpec {
  const spec = ALL_CONNECTION_TYPES[connection.type];
  if (!spec) throw refuse("internal"); // every stored connection has a served type
  return spec;
}

/** Schema-cache status of a connection now. */
export function cacheStatus(connection: StoredConnection, now = Date.now()): "none" | "refreshing" | "fresh" {
  if (!connection.cache_ready_at) return "none";
  return Date.parse(connection.cache_ready_at) <= now ? "fresh" : "refreshing";
}

/** The cached schemas of a connection; empty until the cache is fresh. */
export function cachedSchemas(connection: StoredConnection): readonly Schema[] {
  return cacheStatus(connection) === "fresh" ? catalogueFor(typeOf(connection)) : [];
}

/** Starts a schema refresh that completes after the configured delay. */
export function startRefresh(ctx: RouteContext, connection: StoredConnection): void {
  const now = Date.now();
  connection.cache_started_at = new Date(now).toISOString();
  connection.cache_ready_at = new Date(now + ctx.schemaCacheDelayMs).toISOString();
}

/**
 * Reads a JSON object body (every request type of the SDK is an object), or a 400 naming it. No body
 * (an empty one included) reads as `{}`, so the required fields it lacks are named.
 */
export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body ?? {};
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw refuse("body.not-object");
  }
  return body as Record<string, unknown>;
}

/**
 * `created_by` / `updated_by` of an object: every request authenticates with the organization's key,
 * so the actor is the organization (`{id, name, type}` as the API's actor objects).
 */
export function actorsOf(organizationId: string): { created_by: Actor; updated_by: Actor } {
  const actor: Actor = { id: organizationId, name: "Polytomic emulator", type: "organization" };
  return { created_by: actor, updated_by: actor };
}

/** An actor object. */
export interface Actor {
  readonly id: string;
  readonly name: string;
  readonly type: "user" | "system" | "organization" | "partner";
}
