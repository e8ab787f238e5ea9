/**
 * Reads of many objects of one kind answered by one list call. `pulumi refresh` reads every resource,
 * as many at once as the engine's `--parallel` allows; one GET each is a request per resource against
 * the organization's rate limit. When a read arrives while another read of the same kind is still in
 * flight, the kind's list endpoint (`GET /api/connections`, `GET /api/bulk/syncs`: the same objects as
 * the single GETs, per polytomic-api.md) is fetched once and answers that read and every later one
 * until it is stale. A read with no company (`--parallel 1`, `pulumi import`, a single resource) is
 * one GET as before and waits for nothing.
 *
 * A listing is stale after {@link LISTING_TTL_MS} or once the client has written anything (its
 * `writes` count moved), since a write may have changed what it lists. An id the listing lacks is
 * read with its own GET, which tells "created since" from "gone" (404); so is every id when the list
 * call fails (the list only saves calls and must never fail a read that a GET would answer), and the
 * list is not asked again until that failed listing is stale.
 * Only the first page is used where the API pages a list: ids beyond it fall back to GETs.
 */
import type { PolytomicClient } from "../client/client";

/** How long a listing answers reads: long enough for one refresh of a few hundred resources. */
export const LISTING_TTL_MS = 30_000;

interface Listing {
  readonly at: number;
  /** The client's `writes` count when the list was requested. */
  readonly writes: number;
  readonly byId: ReadonlyMap<string, unknown>;
}

/** Per client and list path: reads in flight, and the listing (fetched or being fetched). */
interface KindReads {
  inFlight: number;
  listing?: Listing;
  pending?: Promise<Listing>;
}

const reads = new WeakMap<PolytomicClient, Map<string, KindReads>>();

function kindReads(client: PolytomicClient, listPath: string): KindReads {
  const byPath = reads.get(client) ?? new Map<string, KindReads>();
  reads.set(client, byPath);
  const kind = byPath.get(listPath) ?? { inFlight: 0 };
  byPath.set(listPath, kind);
  return kind;
}

function isFresh(listing: Listing | undefined, client: PolytomicClient): listing is Listing {
  return (
    listing !== undefined && listing.writes === client.writes && Date.now() - listing.at < LISTING_TTL_MS
  );
}

async function fetchListing(client: PolytomicClient, listPath: string): Promise<Listing> {
  const writes = client.writes;
  const at = Date.now();
  try {
    const list = await client.request<{ data?: { id?: unknown }[] | null }>("GET", listPath);
    const byId = new Map<string, unknown>();
    for (const item of list.data ?? []) if (typeof item.id === "string") byId.set(item.id, item);
    return { at, writes, byId };
  } catch {
    // An empty listing: every read falls back to its own GET, which reports any real failure itself,
    // and the list is not asked again while the listing is fresh.
    return { at, writes, byId: new Map() };
  }
}

/**
 * The object with id `id` of the kind listed at `listPath`, as `{ data }` like its single GET: from a
 * listing when reads of the kind overlap, else from `readOne` (the single GET, undefined when gone).
 */
export async function readListed<T>(
  client: PolytomicClient,
  listPath: string,
  id: string,
  readOne: () => Promise<{ data: T } | undefined>,
): Promise<{ data: T } | undefined> {
  const kind = kindReads(client, listPath);
  let listing = isFresh(kind.listing, client) ? kind.listing : undefined;
  if (!listing && (kind.pending || kind.inFlight > 0)) {
    if (!kind.pending) {
      kind.pending = fetchListing(client, listPath).then((fetched) => {
        kind.pending = undefined;
        kind.listing = fetched;
        return fetched;
      });
    }
    listing = await kind.pending;
  }
  const listed = listing?.byId.get(id);
  // A copy: the caller may shape what it is given, and the listing answers other reads too.
  if (listed !== undefined) return { data: structuredClone(listed) as T };
  kind.inFlight++;
  try {
    return await readOne();
  } finally {
    kind.inFlight--;
  }
}
