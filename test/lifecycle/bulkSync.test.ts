/**
 * Lifecycle conformance of BulkSync, over every documented field of BulkSyncArgs, from sources of each
 * catalogue kind into bucket and warehouse destinations. See properties.ts for the properties; on top of
 * them, after every create and update the API's enabled schemas must be the program's (`schemas`
 * omitted: every source schema, as documented).
 */
import fc from "fast-check";
import { afterAll, beforeAll, expect } from "vitest";
import type { Schema } from "../../emulator/catalogues";
import { bulkSyncProvider } from "../../provider/resources/bulkSync";
import {
  BULK_SYNC_FREQUENCIES as BULK_FREQUENCIES,
  changeOf,
  defined,
  optional,
  scheduleOf,
} from "./arbitraries";
import { type Env, startEnv, stopEnv, text } from "./harness";
import { connectionPool, type Pool, type PoolConnection } from "./pools";
import { describeLifecycle, type Kind, TAG } from "./properties";

type Props = Record<string, unknown>;
const SOURCES = ["stripe", "salesforce", "postgresql", "hubspot", "mongodb", "s3"];
const DESTINATIONS = ["s3", "snowflake"];
const DISCOVERY = ["all", "onlyIncremental", "onlyNonIncremental", "none"];
const NORMALIZE = ["enabled", "disabled", "legacy"];

interface Context {
  readonly source: PoolConnection;
  readonly otherSource: PoolConnection;
  readonly destination: PoolConnection;
  readonly otherDestination: PoolConnection;
}

let pool: Pool;
const contexts = new WeakMap<Props, Context>();
function contextOf(i: Props): Context {
  const c = contexts.get(i);
  if (!c) throw new Error("inputs without a generated context");
  return c;
}

function context(): fc.Arbitrary<Context> {
  const pair = (type: string) => {
    const [a, b] = pool[type] ?? [];
    if (!a || !b) throw new Error(`no pool for ${type}`);
    return fc.constantFrom<[PoolConnection, PoolConnection]>([a, b], [b, a]);
  };
  return fc
    .record({
      s: fc.constantFrom(...SOURCES).chain(pair),
      d: fc.constantFrom(...DESTINATIONS).chain(pair),
    })
    .map(({ s, d }) => ({ source: s[0], otherSource: s[1], destination: d[0], otherDestination: d[1] }));
}

function selection(schema: Schema): fc.Arbitrary<string | Props> {
  const fieldIds = schema.fields.map((f) => f.id);
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(schema.id) },
    {
      weight: 1,
      arbitrary: fc
        .record(
          {
            fields: fc.shuffledSubarray(fieldIds, { minLength: 1 }),
            partitionKey: fc.constantFrom(...fieldIds),
            trackingField: fc.constantFrom(...fieldIds),
          },
          { requiredKeys: [] },
        )
        .map((s) => ({ id: schema.id, ...s })),
    },
  );
}

const schemas = (c: Context) =>
  fc
    .shuffledSubarray([...c.source.catalogue], { minLength: 1 })
    .chain((list) => fc.tuple(...list.map(selection)));

const destinationConfiguration = (c: Context) =>
  c.destination.type === "s3"
    ? fc.record(
        { format: fc.constantFrom("csv", "json", "parquet"), subfolder: text(10) },
        { requiredKeys: ["format"] },
      )
    : fc.record({ schema: fc.stringMatching(/^[A-Z][A-Z_]{0,10}$/) });

const additionalSchedules = (c: Context) =>
  fc.array(
    fc
      .record({
        schedule: scheduleOf(BULK_FREQUENCIES),
        schemas: optional(
          fc.shuffledSubarray(
            c.source.catalogue.map((s) => s.id),
            { minLength: 1 },
          ),
        ),
        selectiveMode: optional(fc.constantFrom("incrementalFields", "nonincrementalFields")),
      })
      .map(({ schedule, ...rest }) => defined({ ...schedule, ...rest })),
    { minLength: 1, maxLength: 2 },
  );

const sourceConfiguration = () =>
  fc.dictionary(fc.stringMatching(/^[a-z][a-z_]{0,10}$/), text(10), { minKeys: 1, maxKeys: 2 });

function inputs(): fc.Arbitrary<Props> {
  return context().chain((c) =>
    fc
      .record({
        name: fc.oneof(
          fc.constant(`lc-${TAG}`),
          text(20).map((t) => `${TAG} ${t}`),
        ),
        sourceConnectionId: fc.constant(c.source.id),
        destinationConnectionId: fc.constant(c.destination.id),
        mode: optional(fc.constantFrom("replicate", "snapshot")),
        schedule: scheduleOf(BULK_FREQUENCIES),
        additionalSchedules: optional(additionalSchedules(c)),
        destinationConfiguration: destinationConfiguration(c),
        sourceConfiguration: optional(sourceConfiguration()),
        schemas: optional(schemas(c)),
        automaticallyAddNewObjects: optional(fc.constantFrom(...DISCOVERY)),
        automaticallyAddNewFields: optional(fc.constantFrom(...DISCOVERY)),
        normalizeNames: optional(fc.constantFrom(...NORMALIZE)),
        active: optional(fc.boolean()),
        concurrencyLimit: optional(fc.integer({ min: 1, max: 50 })),
        schemaCacheTimeoutSeconds: optional(fc.integer({ min: 1, max: 600 })),
      })
      .map((i) => {
        const out = defined(i);
        contexts.set(out, c);
        return out;
      }),
  );
}

/** Documented defaults: a change between a default and its absence is no change. */
const DEFAULTS: Record<string, unknown> = {
  mode: "replicate",
  automaticallyAddNewObjects: "none",
  automaticallyAddNewFields: "all",
  normalizeNames: "enabled",
  active: false,
};
const same = (field: string, a: unknown, b: unknown) =>
  field in DEFAULTS && (a ?? DEFAULTS[field]) === (b ?? DEFAULTS[field]);
const maybe = <T>(present: unknown, arb: fc.Arbitrary<T>) => (present === undefined ? arb : optional(arb));

function makeKind(env: () => Env): Kind {
  return {
    name: "BulkSync",
    provider: bulkSyncProvider,
    inputs: inputs(),
    change: (i) => {
      const c = contextOf(i);
      return changeOf(
        i,
        {
          name: () => text(20).map((t) => `${TAG} ${t}`),
          sourceConnectionId: () => fc.constant(c.otherSource.id),
          destinationConnectionId: () => fc.constant(c.otherDestination.id),
          mode: () => maybe(i.mode, fc.constantFrom("replicate", "snapshot")),
          schedule: () => scheduleOf(BULK_FREQUENCIES),
          additionalSchedules: () => maybe(i.additionalSchedules, additionalSchedules(c)),
          destinationConfiguration: () => destinationConfiguration(c),
          sourceConfiguration: () => maybe(i.sourceConfiguration, sourceConfiguration()),
          schemas: () => maybe(i.schemas, schemas(c)),
          automaticallyAddNewObjects: () =>
            maybe(i.automaticallyAddNewObjects, fc.constantFrom(...DISCOVERY)),
          automaticallyAddNewFields: () => maybe(i.automaticallyAddNewFields, fc.constantFrom(...DISCOVERY)),
          normalizeNames: () => maybe(i.normalizeNames, fc.constantFrom(...NORMALIZE)),
          active: () => fc.constant(!(i.active ?? false)),
          concurrencyLimit: () => maybe(i.concurrencyLimit, fc.integer({ min: 1, max: 50 })),
        },
        same,
      );
    },
    // Create-only: schemaCacheTimeoutSeconds (how long create waits), adoptId.
    compared: [
      "name",
      "sourceConnectionId",
      "destinationConnectionId",
      "mode",
      "schedule",
      "additionalSchedules",
      "destinationConfiguration",
      "sourceConfiguration",
      "schemas",
      "automaticallyAddNewObjects",
      "automaticallyAddNewFields",
      "normalizeNames",
      "active",
      "concurrencyLimit",
    ],
    replaces: (ch) => ch.field === "sourceConnectionId" || ch.field === "destinationConnectionId",
    apiPath: (id) => `/api/bulk/syncs/${id}`,
    // `schemas` omitted means every source schema (README, BulkSyncArgs).
    apiHolds: async (_env, id, program) => {
      const response = await env().call("GET", `/api/bulk/syncs/${id}/schemas`);
      const live = ((response.body.data ?? []) as { id: string; enabled: boolean }[])
        .filter((s) => s.enabled)
        .map((s) => s.id)
        .sort();
      const source = Object.values(pool)
        .flat()
        .find((p) => p.id === program.sourceConnectionId);
      const wanted = Array.isArray(program.schemas)
        ? program.schemas.map((s) => (typeof s === "string" ? s : String((s as Props).id)))
        : (source?.catalogue ?? []).map((s) => s.id);
      expect(live, "schemas enabled in the API").toEqual([...wanted].sort());
    },
  };
}

let env: Env | undefined;
let kind: Kind;
const current = () => {
  if (!env) throw new Error("emulator not started");
  return env;
};
beforeAll(async () => {
  env = await startEnv();
  pool = await connectionPool(env, [...new Set([...SOURCES, ...DESTINATIONS])]);
  kind = makeKind(current);
});
afterAll(() => stopEnv(env));

describeLifecycle("BulkSync", () => kind, current);
