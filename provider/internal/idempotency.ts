/**
 * Deterministic Idempotency-Keys: the same resource, body and attempt always give the same key, so a
 * create repeated after a crash or a lost response is answered with the first outcome instead of
 * creating a second object. The attempt number is part of the key because the API replays errors
 * too: a retry after an error the caller waits out (schemas not cached yet) needs a fresh key.
 */
import { createHash } from "node:crypto";
import { canonical } from "./diff";

/** A key of `[A-Za-z0-9_-]`, 8-255 characters. */
export function idempotencyKey(resourceUrn: string, body: unknown, attempt: number): string {
  const digest = createHash("sha256")
    .update(`${resourceUrn}\n${canonical(body)}\n${attempt}`)
    .digest("base64url");
  return `pp-${digest.slice(0, 40)}`;
}
