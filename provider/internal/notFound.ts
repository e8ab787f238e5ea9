/**
 * "404 means gone": a read of a deleted object reports it gone, and a delete of one is already done.
 */
import { isPolytomicError } from "../client/errors";

/** Runs `work`; a 404 from the API resolves to undefined instead of throwing. */
export async function unlessNotFound<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (err) {
    if (isPolytomicError(err) && err.code === "not_found") return undefined;
    throw err;
  }
}
