/**
 * Lifecycle conformance of Model, over every documented field of ModelArgs on sources of each kind the
 * emulator models (SQL, Salesforce, SaaS objects, MongoDB, files). See properties.ts for the properties.
 *
 * Generated values stay valid whichever single field a case changes: each case picks a source object
 * and a core of its fields that every `fields` list includes and that `identifier`, `trackingColumns`
 * and `relations[].from` draw on; `configuration` varies over the equivalent ways to read that object.
 */
import fc from "fast-check";
import { afterAll, beforeAll } from "vitest";
import type { Schema } from "../../emulator/catalogues";
import { modelProvider } from "../../provider/resources/model";
import { changeOf, defined, optional } from "./arbitraries";
import { type Env, rawCreate, startEnv, stopEnv, text } from "./harness";
import { connectionPool, type Pool, type PoolConnection } from "./pools";
import { describeLifecycle, type Kind, TAG } from "./properties";

type Props = Record<string, unknown>;
const SOURCE_TYPES = ["postgresql", "salesforce", "stripe", "hubspot", "mongodb", "s3"];

/** The equivalent configurations that read `schema` of a `type` connection, each exposing all its fields. */
function configurations(type: string, schema: Schema): fc.Arbitrary<Props> {
  const columns = schema.fields.map((f) => f.id);
  switch (type) {
    case "postgresql": {
      const bare = schema.id.split(".").pop() ?? schema.id;
      return fc.oneof(
        fc.constant({ table: schema.id }),
        fc.constant({ table: bare }),
        fc.constant({ view: schema.id }),
        fc.constant({ query: `select * from ${schema.id}` }),
        fc.shuffledSubarray(columns, { minLength: columns.length }).map((c) => ({
          query: `select ${c.join(", ")} from ${schema.id}`,
        })),
      );
    }
    case "salesforce":
      return fc
        .record({
          read: fc.oneof(
            fc.constant({ table: schema.id }),
            fc.constant({ query: `SELECT ${columns.join(", ")} FROM ${schema.id}` }),
          ),
          include_deleted: optional(fc.boolean()),
        })
        .map(({ read, include_deleted }) => defined({ ...read, include_deleted }));
    case "mongodb": {
      const [database, ...rest] = schema.id.split(".");
      return fc.constant({ database, collection: rest.join(".") });
    }
    case "s3":
      return fc
        .record({
          read: fc.oneof(
            fc.constant({ model_from: "single_file", key: schema.id }),
            fc.constant({ model_from: "multi_file_archive", key: schema.id.split(".")[0] ?? schema.id }),
          ),
          file_format: optional(fc.constantFrom("csv", "json", "parquet")),
          skip_lines: optional(fc.nat({ max: 5 })),
        })
        .map(({ read, ...rest }) => defined({ ...read, ...rest }));
    default:
      return fc.constant({ table: schema.id });
  }
}

/** What a case is about: a connection, one of its objects, and the core fields. */
interface Context {
  readonly connection: PoolConnection;
  readonly other: PoolConnection;
  readonly schema: Schema;
  readonly core: readonly string[];
}

let pool: Pool;
/** A model to relate to: on the first PostgreSQL connection, `public.accounts`. */
let related: { id: string; fields: string[] };

const context: () => fc.Arbitrary<Context> = () =>
  fc
    .constantFrom(...SOURCE_TYPES)
    .chain((type) => {
      const [a, b] = pool[type] ?? [];
      if (!a || !b) throw new Error(`no pool for ${type}`);
      return fc.record({
        pair: fc.constantFrom<[PoolConnection, PoolConnection]>([a, b], [b, a]),
        schema: fc.constantFrom(...a.catalogue),
      });
    })
    .chain(({ pair, schema }) =>
      fc
        .shuffledSubarray(
          schema.fields.map((f) => f.id),
          { minLength: 1, maxLength: 2 },
        )
        .map((core) => ({ connection: pair[0], other: pair[1], schema, core })),
    );

const names = {
  name: () =>
    fc.oneof(
      fc.constant(`lc-${TAG}`),
      text(20).map((t) => `${TAG} ${t}`),
    ),
  fields: (c: Context) => {
    const rest = c.schema.fields.map((f) => f.id).filter((f) => !c.core.includes(f));
    return fc
      .subarray(rest)
      .chain((extra) =>
        fc.shuffledSubarray([...c.core, ...extra], { minLength: c.core.length + extra.length }),
      );
  },
  additionalFields: (c: Context) =>
    fc
      .uniqueArray(
        fc.record(
          {
            name: fc.stringMatching(/^extra_[a-z]{1,6}$/),
            label: text(12),
            type: fc.constantFrom("string", "number", "boolean", "datetime"),
            example: text(10),
          },
          { requiredKeys: ["name", "label", "type"] },
        ),
        {
          minLength: 1,
          maxLength: 3,
          selector: (f) => f.name,
        },
      )
      .filter((list) => list.every((f) => !c.schema.fields.some((s) => s.id === f.name))),
  identifier: (c: Context) => fc.constantFrom(...c.core),
  trackingColumns: (c: Context) => fc.shuffledSubarray([...c.core], { minLength: 1 }),
  labels: () => fc.uniqueArray(text(10), { minLength: 1, maxLength: 3 }),
  policies: () => fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 2 }),
  relations: (c: Context) =>
    fc.uniqueArray(
      fc.record({
        from: fc.constantFrom(...c.core),
        to: fc.record({ modelId: fc.constant(related.id), field: fc.constantFrom(...related.fields) }),
      }),
      { minLength: 1, maxLength: 2, selector: (r) => `${r.from}>${r.to.field}` },
    ),
};

function inputs(): fc.Arbitrary<Props> {
  return context().chain((c) =>
    fc
      .record({
        name: names.name(),
        connectionId: fc.constant(c.connection.id),
        configuration: configurations(c.connection.type, c.schema),
        fields: optional(names.fields(c)),
        additionalFields: optional(names.additionalFields(c)),
        identifier: optional(names.identifier(c)),
        trackingColumns: optional(names.trackingColumns(c)),
        labels: optional(names.labels()),
        policies: optional(names.policies()),
        relations: optional(names.relations(c)),
      })
      .map((i) => {
        const out = defined(i);
        contexts.set(out, c);
        return out;
      }),
  );
}

/** The context of each generated case (kept out of the inputs, so counterexamples print only inputs). */
const contexts = new WeakMap<Props, Context>();
function contextOf(i: Props): Context {
  const c = contexts.get(i);
  if (!c) throw new Error("inputs without a generated context");
  return c;
}
const maybe = <T>(present: unknown, arb: fc.Arbitrary<T>) => (present === undefined ? arb : optional(arb));

/** `fields` is a set (the README: which source fields the model exposes): a new order alone is no change. */
const same = (field: string, a: unknown, b: unknown) =>
  field === "fields" &&
  Array.isArray(a) &&
  Array.isArray(b) &&
  JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

function makeKind(): Kind {
  return {
    name: "Model",
    provider: modelProvider,
    inputs: inputs(),
    change: (i) => {
      const c = contextOf(i);
      return changeOf(
        i,
        {
          name: () => text(20).map((t) => `${TAG} ${t}`),
          connectionId: () => fc.constant(c.other.id),
          configuration: () => configurations(c.connection.type, c.schema),
          fields: () => maybe(i.fields, names.fields(c)),
          additionalFields: () => maybe(i.additionalFields, names.additionalFields(c)),
          identifier: () => maybe(i.identifier, names.identifier(c)),
          trackingColumns: () => maybe(i.trackingColumns, names.trackingColumns(c)),
          labels: () => maybe(i.labels, names.labels()),
          policies: () => maybe(i.policies, names.policies()),
          relations: () => maybe(i.relations, names.relations(c)),
        },
        same,
      );
    },
    // Create-only: adoptId.
    compared: [
      "name",
      "connectionId",
      "configuration",
      "fields",
      "additionalFields",
      "identifier",
      "trackingColumns",
      "labels",
      "policies",
      "relations",
    ],
    replaces: (change) => change.field === "connectionId",
    apiPath: (id) => `/api/models/${id}`,
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
  pool = await connectionPool(env, SOURCE_TYPES);
  const pg = pool.postgresql?.[0];
  const model = await rawCreate(env, "/api/models", {
    name: "related-accounts",
    connection_id: pg?.id,
    configuration: { table: "public.accounts" },
  });
  related = {
    id: String(model.id),
    fields: (model.fields as { id: string }[]).map((f) => f.id),
  };
  kind = makeKind();
});
afterAll(() => stopEnv(env));

describeLifecycle("Model", () => kind, current);
