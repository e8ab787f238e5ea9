/**
 * Model syncs: `/api/syncs` CRUD (the 2025-09-18 list is paginated), activate, executions (start, 409
 * while running), cancel and status.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { actorsOf, bodyOf, isLegacy, type RouteContext } from "../context";
import { readModelSync } from "../modelSyncBody";
import { refuse } from "../rules";
import type { StoredModelSync } from "../store";

const MAX_PAGE = 50;

function view(sync: StoredModelSync): Record<string, unknown> {
  const { running_execution_id: _run, last_execution: _last, ...rest } = sync;
  return { ...rest, ...actorsOf(sync.organization_id) };
}

/** 2025-09-18 list item: the sync without its mappings. */
function listItem(sync: StoredModelSync): Record<string, unknown> {
  return {
    id: sync.id,
    name: sync.name,
    organization_id: sync.organization_id,
    active: sync.active,
    mode: sync.mode,
    model_ids: sync.model_ids,
    schedule: sync.schedule,
    target_connection_id: sync.target.connection_id,
    target_object: sync.target.object,
    only_enrich_updates: sync.only_enrich_updates,
    skip_initial_backfill: sync.skip_initial_backfill,
    sync_all_records: sync.sync_all_records,
    created_at: sync.created_at,
    updated_at: sync.updated_at,
    ...actorsOf(sync.organization_id),
  };
}

function requireSync(ctx: RouteContext, id: string): StoredModelSync {
  const sync = ctx.store.data.modelSyncs[id];
  if (!sync) throw refuse("model-sync.not-found", { id });
  return sync;
}

type ListQuery = {
  active?: string;
  mode?: string;
  target_connection_id?: string;
  page_token?: string;
  limit?: string;
};

function list(
  ctx: RouteContext,
  request: FastifyRequest<{ Querystring: ListQuery }>,
): Record<string, unknown> {
  const q = request.query;
  const matching = Object.values(ctx.store.data.modelSyncs)
    .filter((s) => q.active === undefined || String(s.active) === q.active)
    .filter((s) => q.mode === undefined || s.mode === q.mode)
    .filter((s) => q.target_connection_id === undefined || s.target.connection_id === q.target_connection_id)
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  if (isLegacy(request)) return { data: matching.map(view) };
  // "limit ≤ 50" (polytomic-api.md §6, Pagination): no source says a larger, smaller or unreadable
  // limit is refused, so it is brought into 1..50 (unreadable: 50).
  const asked = Number(q.limit);
  const limit = Number.isInteger(asked) ? Math.min(Math.max(asked, 1), MAX_PAGE) : MAX_PAGE;
  // An opaque token this API did not issue is not documented either: it reads as the first page.
  const decoded =
    q.page_token === undefined ? 0 : Number.parseInt(Buffer.from(q.page_token, "base64url").toString(), 10);
  const start = Number.isInteger(decoded) && decoded >= 0 ? decoded : 0;
  const page = matching.slice(start, start + limit);
  // "absent/empty at the end" (polytomic-api.md §6, Pagination).
  const next =
    start + limit < matching.length ? Buffer.from(String(start + limit)).toString("base64url") : undefined;
  return { data: page.map(listItem), pagination: next ? { next_page_token: next } : {} };
}

/** Registers the model sync routes. */
export function modelSyncRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get<{ Querystring: ListQuery }>("/api/syncs", async (request) => list(ctx, request));

  app.post("/api/syncs", async (request) => {
    const fields = readModelSync(ctx, bodyOf(request));
    const now = new Date().toISOString();
    const sync: StoredModelSync = { ...fields, id: ctx.store.newId(), created_at: now, updated_at: now };
    ctx.store.data.modelSyncs[sync.id] = sync;
    ctx.store.commit();
    return { data: view(sync) };
  });

  app.get<{ Params: { id: string } }>("/api/syncs/:id", async (request) => ({
    data: view(requireSync(ctx, request.params.id)),
  }));

  app.put<{ Params: { id: string } }>("/api/syncs/:id", async (request) => {
    const sync = requireSync(ctx, request.params.id);
    // PUT is a full replacement (polytomic-api.md §4): what the body leaves unset is unset afterwards.
    const { id, created_at, running_execution_id, last_execution } = sync;
    const replaced: StoredModelSync = {
      ...readModelSync(ctx, bodyOf(request)),
      id,
      created_at,
      updated_at: new Date().toISOString(),
      ...(running_execution_id ? { running_execution_id } : {}),
      ...(last_execution ? { last_execution } : {}),
    };
    ctx.store.data.modelSyncs[id] = replaced;
    ctx.store.commit();
    return { data: view(replaced) };
  });

  app.delete<{ Params: { id: string } }>("/api/syncs/:id", async (request, reply) => {
    requireSync(ctx, request.params.id);
    // Deleting cancels a running execution first, as the API does.
    delete ctx.store.data.modelSyncs[request.params.id];
    ctx.store.commit();
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string } }>("/api/syncs/:id/activate", async (request) => {
    const sync = requireSync(ctx, request.params.id);
    const body = bodyOf(request);
    if (body.active === undefined || body.active === null)
      throw refuse("model-sync.required", { field: "active" });
    if (typeof body.active !== "boolean")
      throw refuse("body.wrong-type", { field: "active", expected: "a boolean" });
    sync.active = body.active;
    sync.updated_at = new Date().toISOString();
    ctx.store.commit();
    return { data: { id: sync.id, active: sync.active } };
  });

  app.post<{ Params: { id: string } }>("/api/syncs/:id/executions", async (request) => {
    const sync = requireSync(ctx, request.params.id);
    if (sync.running_execution_id) throw refuse("model-sync.running");
    sync.running_execution_id = ctx.store.newId();
    ctx.store.commit();
    return {
      data: { id: sync.running_execution_id, status: "running", created_at: new Date().toISOString() },
    };
  });

  app.post<{ Params: { id: string } }>("/api/syncs/:id/cancel", async (request) => {
    const sync = requireSync(ctx, request.params.id);
    if (sync.running_execution_id) {
      const now = new Date().toISOString();
      sync.last_execution = {
        id: sync.running_execution_id,
        status: "canceled",
        created_at: now,
        completed_at: now,
      };
      delete sync.running_execution_id;
      ctx.store.commit();
    }
    return { data: { message: "cancellation requested" } };
  });

  app.get<{ Params: { id: string } }>("/api/syncs/:id/status", async (request) => {
    const sync = requireSync(ctx, request.params.id);
    return {
      data: {
        current_execution: sync.running_execution_id
          ? { id: sync.running_execution_id, status: "running" }
          : null,
        last_execution: sync.last_execution ?? null,
        next_execution_time: null,
      },
    };
  });
}
