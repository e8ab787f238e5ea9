/**
 * Polling a connection's schema cache (GET /api/connections/{id}/schemas/status) until it holds a
 * completed refresh. Shared by SchemaReady, which waits on purpose, and BulkSync's create, which must
 * not POST before the source's schemas are cached (Polytomic answers 400 "No schemas found").
 */
import { getClient } from "../client/runtime";

/** The status endpoint's body. */
export interface SchemaCacheStatus {
  cache_status?: string;
  last_refresh_started?: string | null;
  last_refresh_finished?: string | null;
}

/** True once the cache holds a completed refresh. */
export function isSchemaCacheReady(status: SchemaCacheStatus): boolean {
  if (status.cache_status === "fresh" || status.cache_status === "cached") return true;
  const { last_refresh_started: started, last_refresh_finished: finished } = status;
  return Boolean(
    started &&
      finished &&
      Date.parse(finished) >= Date.parse(started) &&
      status.cache_status !== "refreshing",
  );
}

/**
 * When this process last saw each connection's schema cache filled (epoch ms), and how long such a
 * sighting spares BulkSync's create its status poll. `check` reads a bulk sync's source schemas just
 * before `create`; a refresh that restarts in between earns a 400 "No schemas found", which create
 * waits out with a poll anyway, so a stale sighting costs one call, never a wrong result.
 */
const filledAt = new Map<string, number>();
const SIGHTING_TTL_MS = 60_000;

/** Records that `connectionId`'s schema cache was seen filled just now. */
export function noteSchemaCacheFilled(connectionId: string): void {
  filledAt.set(connectionId, Date.now());
}

/** True when this process saw `connectionId`'s schema cache filled within the last minute. */
export function schemaCacheSeenFilled(connectionId: string): boolean {
  const at = filledAt.get(connectionId);
  return at !== undefined && Date.now() - at < SIGHTING_TTL_MS;
}

/**
 * First poll interval and growth: a cache often fills within a second of a connection's creation, so
 * polls start short; they grow to at most 5 s, so a cache that takes minutes costs a few dozen GETs.
 */
const FIRST_DELAY_MS = 100;
const GROWTH = 1.6;
const MAX_DELAY_MS = 5000;

/**
 * Polls until the cache is ready or the next poll would pass `deadline` (epoch ms).
 * @param onPending - called with each status that is not ready yet (progress for the user).
 * @returns undefined when ready, else the last status seen (for the caller's timeout message).
 */
export async function pollSchemaCache(
  connectionId: string,
  deadline: number,
  onPending?: (status: SchemaCacheStatus) => void,
): Promise<SchemaCacheStatus | undefined> {
  const client = getClient();
  let delay = FIRST_DELAY_MS;
  for (;;) {
    const { data } = await client.request<{ data: SchemaCacheStatus }>(
      "GET",
      `/api/connections/${connectionId}/schemas/status`,
    );
    if (isSchemaCacheReady(data)) {
      noteSchemaCacheFilled(connectionId);
      return undefined;
    }
    if (Date.now() + delay > deadline) return data;
    onPending?.(data);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * GROWTH, MAX_DELAY_MS);
  }
}

/** The step a wait on `connectionId`'s schema cache is at, for a wait's progress messages. */
export function schemaCacheStep(connectionId: string, status: SchemaCacheStatus): string {
  return `the schema cache of connection ${connectionId} is "${status.cache_status ?? "unknown"}", waiting until it is filled`;
}
