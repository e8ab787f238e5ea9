/**
 * Bulk sync run control: activate, executions (start, 409 while running), cancel and status. An
 * execution stays `running` until it is canceled; cancelling makes it the last execution.
 */
import type { FastifyInstance } from "fastify";
import { bodyOf, isLegacy, type RouteContext } from "../context";
import { BULK_FETCH_MODES, BULK_RESYNC_MODES, isUnset } from "../enums";
import { canonical } from "../filters";
import { refuse } from "../rules";
import type { StoredBulkExecution, StoredBulkSync } from "../store";
import { requireSync } from "./bulkSyncs";

/** Reads a start body into a new running execution, or a 400/422 naming the field. */
function startExecution(
  ctx: RouteContext,
  sync: StoredBulkSync,
  body: Record<string, unknown>,
  legacy: boolean,
): StoredBulkExecution {
  for (const key of ["test", "resync"]) {
    if (body[key] !== undefined && body[key] !== null && typeof body[key] !== "boolean")
      throw refuse("body.wrong-type", { field: key, expected: "a boolean" });
  }
  // polytomic-api.md §6, "What changed in 2025-09-18" 3: "Bulk sync start no longer accepts legacy
  // `resync` boolean; use `resync_mode`". false (the Go SDK's unset) asks for nothing.
  if (body.resync === true && !legacy) throw refuse("bulk-sync.resync-removed");
  const enumField = (key: string, allowed: readonly string[]) =>
    isUnset(body[key]) ? undefined : canonical(body[key], allowed, key);
  const resyncMode =
    enumField("resync_mode", BULK_RESYNC_MODES) ?? (body.resync === true ? "rebuild" : undefined);
  const fetchMode = enumField("fetch_mode", BULK_FETCH_MODES) ?? "none";
  // StartBulkSyncRequest.test: "Mutually exclusive with resync and resync_mode" (SDK).
  if (body.test === true && resyncMode !== undefined) throw refuse("bulk-sync.test-with-resync");
  const enabled = sync.schemas.filter((s) => s.enabled).map((s) => s.id);
  let schemas = enabled;
  // StartBulkSyncRequest.schemas: "If empty, all enabled schemas are included" (SDK).
  if (body.schemas !== undefined && body.schemas !== null) {
    if (!Array.isArray(body.schemas))
      throw refuse("body.wrong-type", { field: "schemas", expected: "a list of schema ids" });
    const wanted: unknown[] = body.schemas.length === 0 ? enabled : body.schemas;
    schemas = wanted.map((id, i) => {
      if (typeof id !== "string" || !enabled.includes(id))
        throw refuse("bulk-sync.execution-schema", { field: `schemas[${i}]`, id: String(id) });
      return id;
    });
  }
  const now = new Date().toISOString();
  return {
    id: ctx.store.newId(),
    type: "manual",
    status: "running",
    status_message: "",
    created_at: now,
    started_at: now,
    completed_at: null,
    updated_at: now,
    record_count: 0,
    error_count: 0,
    warning_count: 0,
    is_test: body.test === true,
    is_resync: resyncMode !== undefined,
    is_partial: schemas.length < enabled.length,
    fetch_mode: fetchMode,
    output_disposition: resyncMode === "rebuild" ? "rebuild" : resyncMode ? "truncate" : "retain",
    schemas: schemas.map((schema) => ({
      schema,
      output_name: schema.toLowerCase().replaceAll(".", "_"),
      status: "running",
      status_message: "",
      record_count: 0,
      error_count: 0,
      warning_count: 0,
      created_at: now,
      started_at: now,
      completed_at: null,
      updated_at: now,
    })),
  };
}

/** Cancels the running execution of `sync`, if any (it becomes the last execution). */
function cancelRunning(sync: StoredBulkSync): void {
  const run = sync.running_execution;
  if (!run) return;
  const now = new Date().toISOString();
  const done = { status: "canceled", completed_at: now, updated_at: now };
  sync.last_execution = { ...run, ...done, schemas: run.schemas.map((s) => ({ ...s, ...done })) };
  delete sync.running_execution;
}

/** Registers the bulk sync run-control routes. */
export function bulkSyncRunRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.post<{ Params: { id: string } }>("/api/bulk/syncs/:id/activate", async (request) => {
    const sync = requireSync(ctx, request.params.id);
    const body = bodyOf(request);
    if (body.active === undefined || body.active === null)
      throw refuse("bulk-sync.required", { field: "active" });
    if (typeof body.active !== "boolean")
      throw refuse("body.wrong-type", { field: "active", expected: "a boolean" });
    sync.active = body.active;
    if (!body.active) cancelRunning(sync); // deactivating also requests cancellation
    sync.updated_at = new Date().toISOString();
    ctx.store.commit();
    return { data: { id: sync.id, active: sync.active } };
  });

  app.post<{ Params: { id: string } }>("/api/bulk/syncs/:id/executions", async (request) => {
    const sync = requireSync(ctx, request.params.id);
    if (sync.running_execution) throw refuse("bulk-sync.running");
    const body = bodyOf(request);
    sync.running_execution = startExecution(ctx, sync, body, isLegacy(request));
    ctx.store.commit();
    return { data: sync.running_execution };
  });

  app.post<{ Params: { id: string } }>("/api/bulk/syncs/:id/cancel", async (request) => {
    const sync = requireSync(ctx, request.params.id);
    cancelRunning(sync);
    ctx.store.commit();
    return { data: { message: "cancellation requested" } };
  });

  app.get<{ Params: { id: string } }>("/api/bulk/syncs/:id/status", async (request) => {
    const sync = requireSync(ctx, request.params.id);
    return {
      data: {
        current_execution: sync.running_execution ?? null,
        last_execution: sync.last_execution ?? null,
        next_execution_time: null,
      },
    };
  });
}
