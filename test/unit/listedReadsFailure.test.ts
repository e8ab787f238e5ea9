/**
 * A list call that fails never fails a read (provider/internal/listedReads.ts): every read then takes
 * its own GET, and the list is not asked again while that failed listing is fresh, so an API that
 * refuses the list costs one extra call per refresh, not one per burst of reads.
 */
import { describe, expect, it } from "vitest";
import type { PolytomicClient } from "../../provider/client/client";
import { PolytomicError } from "../../provider/client/errors";
import { readListed } from "../../provider/internal/listedReads";

/** A client whose list call is refused (a key without that permission) and whose single GETs answer after a tick, counting both. */
function failingListClient() {
  const calls = { list: 0, single: 0 };
  const client = {
    writes: 0,
    async request(_method: string, path: string) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (path === "/api/connections") {
        calls.list++;
        throw new PolytomicError("GET /api/connections: 403", { code: "forbidden", status: 403 });
      }
      calls.single++;
      return { data: { id: path.split("/").pop() } };
    },
  } as unknown as PolytomicClient;
  return { client, calls };
}

const readOne = (client: PolytomicClient, id: string) => () =>
  client.request<{ data: { id: string } }>("GET", `/api/connections/${id}`);

describe("listed reads when the list call fails", () => {
  it("answers every read by its own GET and asks for the list once", async () => {
    const { client, calls } = failingListClient();
    const ids = ["a", "b", "c", "d"];
    const first = await Promise.all(
      ids.map((id) => readListed(client, "/api/connections", id, readOne(client, id))),
    );
    expect(first.map((r) => r?.data)).toEqual(ids.map((id) => ({ id })));
    // A second burst: the failed listing is still fresh, so no second list call.
    const second = await Promise.all(
      ids.map((id) => readListed(client, "/api/connections", id, readOne(client, id))),
    );
    expect(second.map((r) => r?.data)).toEqual(ids.map((id) => ({ id })));
    expect(calls).toEqual({ list: 1, single: 8 });
  });
});
