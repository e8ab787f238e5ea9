/**
 * Adoption: bringing an existing Polytomic object under management by id. The engine's `import`
 * resource option cannot reach a dynamic provider's `read` (the import step sends no state, so the
 * provider cannot be found; pulumi/pulumi#16175), so each resource takes an `adoptId` input instead:
 * its create checks the object exists and then updates it to the program's values rather than
 * creating a new one. From then on the stack owns it: refresh reads it, destroy deletes it.
 */
import { getClient } from "../client/runtime";
import { unlessNotFound } from "./notFound";

/**
 * Adopts the object at `path` (e.g. `/api/models/<id>`): fails with a message naming the resource when
 * it does not exist, otherwise runs `update` (a full PUT of the program's values).
 */
export async function adopt<O>(
  label: string,
  kind: string,
  id: string,
  path: string,
  update: () => Promise<{ outs?: O }>,
): Promise<{ id: string; outs: O }> {
  const existing = await unlessNotFound(() => getClient().request("GET", path));
  if (existing === undefined) {
    throw new Error(
      `${label}: adoptId ${id} does not name an existing ${kind}; remove adoptId to create one`,
    );
  }
  const { outs } = await update();
  return { id, outs: outs as O };
}
