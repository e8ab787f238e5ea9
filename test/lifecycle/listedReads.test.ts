/**
 * Reads answered by a list call (provider/internal/listedReads.ts): for any set of connections and
 * bulk syncs, any out-of-band renames and deletions, and reads sent all at once or one after another,
 * every read answers what its own GET would, a deleted object reads as gone, overlapping reads make
 * one list call instead of a GET each, reads one after another make no list call, and a listing is
 * never used after the provider has written anything.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkSyncProvider } from "../../provider/resources/bulkSync";
import { type ConnectionOutputs, connectionProvider } from "../../provider/resources/connection";
import { data } from "../contract/http";
import {
  configureFor,
  type Env,
  nextTag,
  PROPERTY_TIMEOUT_MS,
  property,
  rawCreate,
  startEnv,
  stopEnv,
  urnOf,
} from "./harness";

let env: Env;
beforeAll(async () => {
  env = await startEnv();
});
afterAll(async () => {
  await stopEnv(env);
});

async function newConnection(tag: string, i: number): Promise<{ id: string; name: string }> {
  const name = `lr-${tag}-${i}`;
  const created = await env.call("POST", "/api/connections", {
    name,
    type: "stripe",
    configuration: { api_key: `sk_test_${tag}` },
  });
  expect(created.status).toBe(200);
  return { id: String(data(created).id), name };
}

/** A stripe connection as its state holds it. */
function stateOf(id: string, name: string, tag: string): ConnectionOutputs {
  return {
    resourceUrn: urnOf("Connection", name),
    name,
    type: "stripe",
    configuration: { api_key: `sk_test_${tag}` },
    connectionId: id,
    status: "healthy",
    statusError: "",
  };
}

const edit = fc.constantFrom("none", "rename", "delete");

const cases = fc.record({
  edits: fc.array(edit, { minLength: 1, maxLength: 8 }),
  together: fc.boolean(),
});

/** The log entries since `from` that GET one of the collections read here. */
function gets(from: number, path: RegExp) {
  return env.emu.requestLog.slice(from).filter((e) => e.method === "GET" && path.test(e.path));
}

describe("reads answered by a list call", () => {
  it(
    "connections: each read answers what its own GET would, with one list call for overlapping reads",
    async () => {
      await property("listed connection reads", cases, async ({ edits, together }) => {
        // A fresh provider client, so no listing of an earlier case is reused.
        await configureFor(env.emu);
        const tag = nextTag();
        const made = await Promise.all(edits.map((_, i) => newConnection(tag, i)));
        const expected = new Map<string, string | undefined>();
        for (const [i, { id, name }] of made.entries()) {
          if (edits[i] === "rename") {
            const renamed = `${name}-renamed`;
            const put = await env.call("PUT", `/api/connections/${id}`, {
              name: renamed,
              configuration: { api_key: `sk_test_${tag}` },
            });
            expect(put.status).toBe(200);
            expected.set(id, renamed);
          } else if (edits[i] === "delete") {
            expect((await env.call("DELETE", `/api/connections/${id}`)).status).toBe(204);
            expected.set(id, undefined);
          } else expected.set(id, name);
        }
        const from = env.emu.requestLog.length;
        const read = (id: string) => connectionProvider.read?.(id, stateOf(id, "as in state", tag));
        const ids = [...expected.keys()];
        const results = together
          ? await Promise.all(ids.map(read))
          : await ids.reduce<Promise<Awaited<ReturnType<typeof read>>[]>>(
              async (done, id) => [...(await done), await read(id)],
              Promise.resolve([]),
            );
        for (const [i, id] of ids.entries()) {
          const want = expected.get(id);
          if (want === undefined) expect(results[i], `${id} was deleted`).toEqual({});
          else expect(results[i]?.props?.name, id).toBe(want);
        }
        const lists = gets(from, /^\/api\/connections$/).length;
        const singles = gets(from, /^\/api\/connections\/[^/]+$/).length;
        if (!together || ids.length === 1) {
          expect(lists).toBe(0);
          expect(singles).toBe(ids.length);
        } else {
          // The first read goes alone; the others wait for the one list; the deleted ones are confirmed gone by GET.
          const deleted = ids.filter((id) => expected.get(id) === undefined).length;
          expect(lists).toBe(1);
          expect(singles).toBeLessThanOrEqual(1 + deleted);
        }
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it("a listing is not used once the provider has written anything", async () => {
    await configureFor(env.emu);
    const tag = nextTag();
    const [a, b, c] = await Promise.all([0, 1, 2].map((i) => newConnection(tag, i)));
    if (!a || !b || !c) throw new Error("not created");
    const known = (x: { id: string; name: string }) => stateOf(x.id, x.name, tag);
    await Promise.all([a, b, c].map((x) => connectionProvider.read?.(x.id, known(x))));
    // Renamed out of band after the listing: still the old name within the listing's lifetime...
    await env.call("PUT", `/api/connections/${c.id}`, {
      name: `${c.name}-later`,
      configuration: { api_key: `sk_test_${tag}` },
    });
    expect((await connectionProvider.read?.(c.id, known(c)))?.props?.name).toBe(c.name);
    // ...until the provider writes: then every read is fresh again.
    await connectionProvider.update?.(a.id, known(a), { ...known(a), name: `${a.name}-updated` });
    expect((await connectionProvider.read?.(c.id, known(c)))?.props?.name).toBe(`${c.name}-later`);
  });

  it("bulk syncs: overlapping reads share one list call and still read each sync's schemas", async () => {
    await configureFor(env.emu);
    const tag = nextTag();
    const source = await rawCreate(env, "/api/connections", {
      name: `lr-src-${tag}`,
      type: "stripe",
      configuration: { api_key: `sk_test_${tag}` },
    });
    const destination = await rawCreate(env, "/api/connections", {
      name: `lr-dst-${tag}`,
      type: "s3",
      configuration: {
        aws_access_key_id: "AKIAEXAMPLE",
        aws_secret_access_key: "secret",
        s3_bucket_region: "us-east-1",
        s3_bucket_name: "acme-lake",
      },
    });
    const sourceConnectionId = String(source.id);
    const destinationConnectionId = String(destination.id);
    const syncs = await Promise.all(
      [0, 1, 2, 3].map(async (i) => {
        const name = `lr-sync-${tag}-${i}`;
        const created = await rawCreate(env, "/api/bulk/syncs", {
          name,
          source_connection_id: sourceConnectionId,
          destination_connection_id: destinationConnectionId,
          destination_configuration: { format: "csv" },
          mode: "replicate",
          default_schedule: { frequency: "manual" },
        });
        return { id: String(created.id), name };
      }),
    );
    const from = env.emu.requestLog.length;
    const results = await Promise.all(
      syncs.map(({ id, name }) =>
        bulkSyncProvider.read?.(id, {
          resourceUrn: urnOf("BulkSync", name),
          bulkSyncId: id,
          name,
          sourceConnectionId,
          destinationConnectionId,
          destinationConfiguration: { format: "csv" },
          mode: "replicate" as const,
          schedule: { frequency: "manual" as const },
        }),
      ),
    );
    for (const [i, result] of results.entries()) {
      expect(result?.props?.name).toBe(syncs[i]?.name);
      // Every schema stays selected: read from each sync's own schema list, which no list call carries.
      expect(result?.props?.schemas).toBeUndefined();
    }
    expect(gets(from, /^\/api\/bulk\/syncs$/)).toHaveLength(1);
    expect(gets(from, /^\/api\/bulk\/syncs\/[^/]+$/)).toHaveLength(1);
    expect(gets(from, /^\/api\/bulk\/syncs\/[^/]+\/schemas$/)).toHaveLength(syncs.length);
  });
});
