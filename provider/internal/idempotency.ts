/**
 * Deterministic Idempotency-Keys: the same resource, body and attempt always give the same key, so a
 * create repeated after a crash or a lost response is answered with the first outcome instead of
 * creating a second object. The attempt number is part of the key because the API replays errors
 * too: a retry after an error the caller waits out (schemas not cached yet) needs a fresh key.
 *
 * A replay is also what answers a create after the first object was deleted (a destroy then an up of
 * the same program, within the key's 24 hours), and the API marks no answer as a replay. So every
 * create checks that the object it was answered with exists; when it does not, the next key names the
 * gone object, which keeps the chain of keys deterministic: a create repeated after a crash walks the
 * same keys and ends on the same live object, never a second one.
 */
import { createHash } from "node:crypto";
import { getClient } from "../client/runtime";
import { canonical } from "./diff";
import { unlessNotFound } from "./notFound";

/**
 * A key of `[A-Za-z0-9_-]`, 8-255 characters. `gone` lists the ids that earlier keys of this create
 * were answered with and that no longer exist; without any, the key is the one earlier releases sent.
 */
export function idempotencyKey(
  resourceUrn: string,
  body: unknown,
  attempt: number,
  gone: readonly string[] = [],
): string {
  const replaced = gone.length > 0 ? `\n${gone.join(",")}` : "";
  const digest = createHash("sha256")
    .update(`${resourceUrn}\n${canonical(body)}\n${attempt}${replaced}`)
    .digest("base64url");
  return `pp-${digest.slice(0, 40)}`;
}

/**
 * A replay of a deleted object can itself be followed by another deleted object's replay (destroy and
 * up repeated within 24 hours); each costs one POST and one GET. Past this many, something else is
 * wrong and the create stops rather than loop.
 */
const MAX_GONE = 20;

/** How one kind of object is created and looked up. */
export interface LiveCreate<T> {
  /** The resource's URN and the request body: with the attempt, what the keys are derived from. */
  readonly resourceUrn: string;
  readonly body: unknown;
  /** Attempt number of the caller's own retry loop (0 when it has none). */
  readonly attempt?: number;
  /** Sends the POST under `key` and returns the created object. */
  readonly post: (key: string) => Promise<T>;
  /** The created object's id. */
  readonly idOf: (created: T) => string;
  /** The path that GETs the object with id `id`, e.g. `/api/connections/<id>`. */
  readonly pathOf: (id: string) => string;
}

/**
 * Creates an object under deterministic Idempotency-Keys and returns it only once a GET has found it:
 * an answer naming an object that is gone was a replay, and the create is sent again under the next key.
 */
export async function createLive<T>(create: LiveCreate<T>): Promise<T> {
  const gone: string[] = [];
  for (;;) {
    const key = idempotencyKey(create.resourceUrn, create.body, create.attempt ?? 0, gone);
    const created = await create.post(key);
    const id = create.idOf(created);
    const live = await unlessNotFound(() => getClient().request("GET", create.pathOf(id)));
    if (live !== undefined) return created;
    gone.push(id);
    if (gone.length >= MAX_GONE) {
      throw new Error(
        `POST answered ${gone.length} times with objects that no longer exist (${gone.join(", ")}); giving up`,
      );
    }
  }
}
