/**
 * Lifecycle conformance of SchemaReady over every field of SchemaReadyArgs. It has no object of its
 * own: it "exists" while its connection answers the schemas it recorded, and deleting it out of band
 * means deleting its connection, after which a create must fail rather than report schemas of nothing.
 * Each case waits on a connection of its own (so (e) can delete it).
 */
import fc from "fast-check";
import { afterAll, beforeAll } from "vitest";
import { schemaReadyProvider } from "../../provider/resources/schemaReady";
import { changeOf, optional } from "./arbitraries";
import { type Env, rawCreate, rawDelete, rawGet, startEnv, stopEnv } from "./harness";
import { connectionPool, type Pool } from "./pools";
import { describeLifecycle, type Kind } from "./properties";

type Props = Record<string, unknown>;
const TYPES = ["stripe", "salesforce", "postgresql", "hubspot", "mongodb", "s3"];
let pool: Pool;

/** The pooled connection a case copies (its type and configuration) for a connection of its own. */
const poolIndex = new Map<string, string>();

function makeKind(_env: () => Env): Kind {
  const connectionId = fc.constantFrom(...TYPES).map((t) => pool[t]?.[0]?.id ?? "");
  const timeoutSeconds = fc.integer({ min: 1, max: 3600 });
  const authUrl = fc.webUrl({ validSchemes: ["https"] });
  return {
    name: "SchemaReady",
    provider: schemaReadyProvider,
    inputs: fc
      .record(
        { connectionId, timeoutSeconds: optional(timeoutSeconds), authUrl: optional(authUrl) },
        { requiredKeys: ["connectionId"] },
      )
      .map((i) => Object.fromEntries(Object.entries(i).filter(([, v]) => v !== undefined))),
    change: (i) =>
      changeOf(i, {
        connectionId: () => fc.constantFrom(...TYPES).map((t) => pool[t]?.[1]?.id ?? ""),
        timeoutSeconds: () => (i.timeoutSeconds === undefined ? timeoutSeconds : optional(timeoutSeconds)),
      }),
    // Create-only: authUrl (what the timeout message of a create tells the user to open).
    compared: ["connectionId", "timeoutSeconds"],
    replaces: (ch) => ch.field === "connectionId",
    prepare: async (e, program, cleanup) => {
      const type = poolIndex.get(String(program.connectionId));
      if (!type) return program;
      const response = await rawGet(e, `/api/connections/${program.connectionId}`);
      const created = await rawCreate(e, "/api/connections", {
        name: `ready-${String(program.resourceUrn).split("::").pop()}`,
        type,
        configuration: { ...((response?.configuration as Props) ?? {}), ...POOL_CONFIGURATION[type] },
      });
      cleanup.add(`/api/connections/${created.id}`);
      return { ...program, connectionId: String(created.id) };
    },
    exists: async (e, _id, outs) => {
      const source = await e.call("GET", `/api/connections/${outs.connectionId}/bulksync/source`);
      if (source.status !== 200) return false;
      const ids = ((source.body.data as Props).schemas as { id: string }[]).map((s) => s.id).sort();
      return JSON.stringify(ids) === JSON.stringify(outs.schemaIds);
    },
    deleteOutOfBand: async (e, _id, outs) => {
      await rawDelete(e, `/api/connections/${outs.connectionId}?force=true`);
    },
    recreateAfterOutOfBand: "fails",
    apiPath: undefined,
  };
}

/** Secrets the API masks, restated so the copy of a pooled connection is valid. */
const POOL_CONFIGURATION: Record<string, Props> = {
  stripe: { api_key: "sk_test_ready" },
  salesforce: { client_id: "sf-client", client_secret: "sf-secret" },
  postgresql: { password: "pw" },
  hubspot: { oauth_refresh_token: "hs-refresh" },
  mongodb: { password: "pw" },
  s3: { aws_secret_access_key: "s3-secret" },
};

let env: Env | undefined;
let kind: Kind;
const current = () => {
  if (!env) throw new Error("emulator not started");
  return env;
};
beforeAll(async () => {
  env = await startEnv();
  pool = await connectionPool(env, TYPES);
  for (const [type, pair] of Object.entries(pool)) for (const c of pair) poolIndex.set(c.id, type);
  kind = makeKind(current);
});
afterAll(() => stopEnv(env));

describeLifecycle("SchemaReady", () => kind, current);
