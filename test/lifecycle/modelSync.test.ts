/**
 * Lifecycle conformance of ModelSync, over every documented field of ModelSyncArgs on three kinds of
 * target the emulator serves: a CRM object (Salesforce), a warehouse table (PostgreSQL, which can
 * create fields) and a webhook. See properties.ts for the properties.
 *
 * Each case picks a target object and splits its writable fields into those `fields` may map (the
 * object's required fields always among them) and those `overrideFields` may write, so that any single
 * field changed keeps the sync valid; `mode` and `identity`, and `filters` and `filterLogic`, are
 * changed only in ways that keep each other valid.
 */
import fc from "fast-check";
import { afterAll, beforeAll } from "vitest";
import { type TargetObject, targetObjects } from "../../emulator/modelSyncTargets";
import { modelSyncProvider } from "../../provider/resources/modelSync";
import {
  changeOf,
  defined,
  FILTER_FUNCTIONS,
  IDENTITY_MODES,
  MODEL_SYNC_FREQUENCIES,
  optional,
  scheduleOf,
  VALUELESS_FILTER_FUNCTIONS,
} from "./arbitraries";
import { type Env, rawCreate, startEnv, stopEnv, text } from "./harness";
import { connectionPool, type Pool, type PoolConnection } from "./pools";
import { type Change, describeLifecycle, type Kind, TAG } from "./properties";

type Props = Record<string, unknown>;

/** The source model every case reads (PostgreSQL `public.users`), and one sync and bulk sync to run after. */
let model: { id: string; fields: string[] };
let runAfter: { syncId: string; bulkSyncId: string };
let pool: Pool;

/** A case's target: a connection (and another of its type), an object, and its fields split in two. */
interface Context {
  readonly connection: PoolConnection;
  readonly other: PoolConnection;
  readonly object: TargetObject;
  /** Targets `fields` may map (required ones first); new field names where the target creates fields. */
  readonly mappable: readonly string[];
  readonly required: readonly string[];
  /** Targets `overrideFields` may write. */
  readonly overridable: readonly string[];
  /** Whether mappings may create fields (`new: true`). */
  readonly creates: boolean;
  readonly webhook: boolean;
}

const contexts = new WeakMap<Props, Context>();
function contextOf(i: Props): Context {
  const c = contexts.get(i);
  if (!c) throw new Error("inputs without a generated context");
  return c;
}

const SALESFORCE_OBJECTS = ["Contact", "Lead", "Account", "Opportunity"];
const SYSTEM = new Set(["Id", "CreatedDate", "LastModifiedDate", "SystemModstamp", "IsDeleted"]);

function context(): fc.Arbitrary<Context> {
  return fc.constantFrom("salesforce", "postgresql", "webhook").chain((type) => {
    const [a, b] = pool[type] ?? [];
    if (!a || !b) throw new Error(`no pool for ${type}`);
    const objects = targetObjects(a.spec).filter(
      (o) => type !== "salesforce" || SALESFORCE_OBJECTS.includes(o.id),
    );
    return fc
      .record({
        pair: fc.constantFrom<[PoolConnection, PoolConnection]>([a, b], [b, a]),
        object: fc.constantFrom(...objects),
      })
      .chain(({ pair, object }) => {
        const webhook = type === "webhook";
        const creates = object.supportsFieldCreation;
        const required = object.fields.filter((f) => f.required).map((f) => f.id);
        const writable = object.fields
          .filter(
            (f) =>
              f.createable && f.updateable && !(type === "salesforce" && SYSTEM.has(f.id)) && !f.required,
          )
          .map((f) => f.id);
        return fc.shuffledSubarray(writable, { minLength: writable.length }).chain((shuffled) => {
          const cut = Math.ceil(shuffled.length / 2);
          const extra = creates ? ["new_a", "new_b", "new_c"] : [];
          return fc.constant<Context>({
            connection: pair[0],
            other: pair[1],
            object,
            required,
            mappable: [...required, ...shuffled.slice(0, webhook ? shuffled.length : cut), ...extra],
            overridable: webhook ? [] : shuffled.slice(cut),
            creates,
            webhook,
          });
        });
      });
  });
}

const ref = () => fc.record({ modelId: fc.constant(model.id), field: fc.constantFrom(...model.fields) });

/** A filter function with a value it accepts. */
const functionWithValue = fc.constantFrom(...FILTER_FUNCTIONS).chain((fn) => {
  if (VALUELESS_FILTER_FUNCTIONS.includes(fn)) return fc.constant({ function: fn });
  if (fn === "Between")
    return fc
      .tuple(fc.integer(), fc.integer())
      .map(([a, b]) => ({ function: fn, value: [Math.min(a, b), Math.max(a, b)] }));
  if (/OneOf/.test(fn))
    return fc.array(text(8), { minLength: 1, maxLength: 3 }).map((value) => ({ function: fn, value }));
  if (/Than|InTheLast|Relative/.test(fn))
    return fc.integer({ min: 1, max: 1000 }).map((value) => ({ function: fn, value }));
  if (/OnOr/.test(fn))
    return fc
      .date({ min: new Date("2000-01-01"), max: new Date("2030-01-01"), noInvalidDate: true })
      .map((d) => ({ function: fn, value: d.toISOString() }));
  return text(10).map((value) => ({ function: fn, value }));
});

/** Mapping targets: the required ones, then any of the rest. */
function mappings(c: Context): fc.Arbitrary<Props[]> {
  const rest = c.mappable.filter((t) => !c.required.includes(t));
  return fc.subarray(rest, { minLength: c.required.length === 0 ? 1 : 0 }).chain((extra) => {
    const targets = [...c.required, ...extra];
    return fc.tuple(
      ...targets.map((target, i) => {
        const isNew = target.startsWith("new_");
        return fc
          .record(
            {
              // The first mapping reads the model, so the sync always reads one.
              from:
                i === 0
                  ? ref().map((source) => ({ source }))
                  : fc.oneof(
                      ref().map((source) => ({ source })),
                      text(10).map((overrideValue) => ({ overrideValue })),
                    ),
              new: isNew ? fc.constant(true) : optional(fc.constant(false)),
              syncMode: optional(fc.constantFrom("create", "updateOrCreate")),
              encryptionEnabled: optional(fc.boolean()),
            },
            { requiredKeys: isNew ? ["from", "new"] : ["from"] },
          )
          .map(({ from, ...rest }) => defined({ target, ...from, ...rest }));
      }),
    );
  });
}

function overrideFields(c: Context): fc.Arbitrary<Props[]> | undefined {
  if (c.overridable.length === 0) return undefined;
  return fc
    .subarray([...c.overridable], { minLength: 1 })
    .chain((targets) => fc.tuple(...targets.map((target) => text(10).map((value) => ({ target, value })))));
}

function identity(c: Context): fc.Arbitrary<Props> | undefined {
  const capable = c.object.fields.filter((f) => f.supports_identity);
  const existing = capable.length
    ? fc.constantFrom(...capable).chain((f) =>
        fc.record(
          {
            source: ref(),
            target: fc.constant(f.id),
            function: optional(fc.constantFrom(...f.identity_functions.map((x) => x.id))),
            newField: optional(fc.constant(false)),
          },
          { requiredKeys: ["source", "target"] },
        ),
      )
    : undefined;
  const created = c.creates
    ? fc.record(
        {
          source: ref(),
          target: fc.constant("new_identity"),
          function: optional(fc.constant("Equality")),
          newField: fc.constant(true),
        },
        { requiredKeys: ["source", "target", "newField"] },
      )
    : undefined;
  const options = [existing, created].filter((a) => a !== undefined) as fc.Arbitrary<Props>[];
  return options.length > 0 ? fc.oneof(...options).map((p) => defined(p)) : undefined;
}

function filters(c: Context, minLength = 1): fc.Arbitrary<Props[]> {
  const byModel = fc.record(
    {
      field: ref(),
      fieldType: optional(fc.constant("Model" as const)),
      fv: functionWithValue,
      label: optional(text(10)),
    },
    { requiredKeys: ["field", "fv"] },
  );
  const targetIds = c.object.fields.map((f) => f.id);
  const byTarget =
    targetIds.length > 0
      ? fc.record(
          {
            fieldId: fc.constantFrom(...targetIds),
            fieldType: fc.constant("Target" as const),
            fv: functionWithValue,
            label: optional(text(10)),
          },
          { requiredKeys: ["fieldId", "fieldType", "fv"] },
        )
      : undefined;
  const one = (byTarget ? fc.oneof(byModel, byTarget) : byModel).map(({ fv, ...rest }) =>
    defined({ ...rest, ...fv }),
  );
  return fc.array(one, { minLength: Math.max(1, minLength), maxLength: 3 });
}

function overrides(): fc.Arbitrary<Props[]> {
  return fc.array(
    fc
      .record({
        field: ref(),
        fv: functionWithValue,
        override: fc.oneof(text(10), fc.integer(), fc.boolean()),
      })
      .map(({ fv, ...rest }) => ({ ...rest, ...fv })),
    { minLength: 1, maxLength: 2 },
  );
}

/** A `filterLogic` over `count` filters. */
function filterLogic(count: number): fc.Arbitrary<string> {
  const leaf = fc.integer({ min: 1, max: count }).map(String);
  const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc
        .tuple(tie("e"), fc.constantFrom("AND", "OR", "and"), tie("e"))
        .map(([a, op, b]) => `${a} ${op} ${b}`),
      tie("e").map((e) => `(${e})`),
      tie("e").map((e) => `NOT ${e}`),
    ),
  })).e;
  return expr;
}
const maxRef = (logic: unknown) =>
  typeof logic === "string" ? Math.max(0, ...(logic.match(/\d+/g) ?? []).map(Number)) : 0;

function schedule(): fc.Arbitrary<Props> {
  return scheduleOf(MODEL_SYNC_FREQUENCIES).chain((s) => {
    if (s.frequency === "runafter")
      return fc
        .record(
          {
            runAfter: fc.oneof(
              fc.constant({ syncIds: [runAfter.syncId] }),
              fc.constant({ bulkSyncIds: [runAfter.bulkSyncId] }),
              fc.constant({ syncIds: [runAfter.syncId], bulkSyncIds: [runAfter.bulkSyncId] }),
            ),
            runAfterSuccessOnly: optional(fc.boolean()),
          },
          { requiredKeys: ["runAfter"] },
        )
        .map((extra) => ({ ...s, ...extra }));
    if (s.frequency === "dbtcloud")
      return fc
        .record({
          connectionId: fc.constant(pool.postgresql?.[0]?.id ?? ""),
          jobId: fc.nat({ max: 1_000_000 }),
        })
        .map((extra) => ({ ...s, ...extra }));
    return fc.constant(s);
  });
}

function target(c: Context, connection: PoolConnection): fc.Arbitrary<Props> {
  const base = fc.record(
    {
      newName: c.creates && !c.webhook ? optional(text(12)) : fc.constant(undefined),
      configuration: optional(
        fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), text(8), { minKeys: 1, maxKeys: 2 }),
      ),
    },
    { requiredKeys: [] },
  );
  const onObject = base.map((t) => defined({ connectionId: connection.id, object: c.object.id, ...t }));
  // A new object (an audience) instead of an existing one: CRM targets.
  const creating = fc.record({ name: text(12) }).map((create) => ({ connectionId: connection.id, create }));
  return c.connection.type === "salesforce"
    ? fc.oneof({ weight: 4, arbitrary: onObject }, { weight: 1, arbitrary: creating })
    : onObject;
}

/** The object's modes (as its target description says) that the identity, or its absence, allows. */
function modesOf(c: Context, withIdentity: boolean): string[] {
  return c.object.modes.filter((m) => withIdentity || !m.requires_identity).map((m) => m.id);
}
const needsIdentity = (c: Context, mode: unknown) =>
  c.object.modes.some((m) => m.id === mode && m.requires_identity) ||
  (IDENTITY_MODES as readonly string[]).includes(String(mode));

const bool = () => optional(fc.boolean());

function inputs(): fc.Arbitrary<Props> {
  return context().chain((c) => {
    const id = identity(c);
    return fc
      .record({
        identity: id
          ? modesOf(c, false).some((m) => !needsIdentity(c, m))
            ? optional(id)
            : id
          : fc.constant(undefined),
        filters: optional(filters(c)),
      })
      .chain(({ identity: ident, filters: f }) =>
        fc
          .record({
            name: fc.oneof(
              fc.constant(`lc-${TAG}`),
              text(20).map((t) => `${TAG} ${t}`),
            ),
            mode: fc.constantFrom(
              ...modesOf(c, ident !== undefined).filter((m) => ident !== undefined || !needsIdentity(c, m)),
            ),
            schedule: schedule(),
            target: target(c, c.connection),
            fields: mappings(c),
            identity: fc.constant(ident),
            overrideFields: overrideFields(c)
              ? optional(overrideFields(c) as fc.Arbitrary<Props[]>)
              : fc.constant(undefined),
            overrides: optional(overrides()),
            filters: fc.constant(f),
            filterLogic: f ? optional(filterLogic(f.length)) : fc.constant(undefined),
            active: bool(),
            policies: optional(fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 2 })),
            onlyEnrichUpdates: bool(),
            skipInitialBackfill: bool(),
            syncAllRecords: bool(),
          })
          .map((i) => {
            const out = defined(i);
            contexts.set(out, c);
            return out;
          }),
      );
  });
}

const maybe = <T>(present: unknown, arb: fc.Arbitrary<T>) => (present === undefined ? arb : optional(arb));

/** Documented defaults: `false` for the booleans. */
const DEFAULT_FALSE = new Set(["active", "onlyEnrichUpdates", "skipInitialBackfill", "syncAllRecords"]);
const same = (field: string, a: unknown, b: unknown) =>
  DEFAULT_FALSE.has(field) && (a ?? false) === (b ?? false);

function change(i: Props): fc.Arbitrary<Change> {
  const c = contextOf(i);
  const id = identity(c);
  const logicNeeds = maxRef(i.filterLogic);
  return changeOf(
    i,
    {
      name: () => text(20).map((t) => `${TAG} ${t}`),
      mode: () =>
        fc.constantFrom(
          ...modesOf(c, i.identity !== undefined).filter(
            (m) => i.identity !== undefined || !needsIdentity(c, m),
          ),
        ),
      schedule: () => schedule(),
      target: () => fc.oneof(target(c, c.connection), target(c, c.other)),
      fields: () => mappings(c),
      identity: () => (id === undefined ? undefined : needsIdentity(c, i.mode) ? id : maybe(i.identity, id)),
      overrideFields: () => {
        const arb = overrideFields(c);
        return arb ? maybe(i.overrideFields, arb) : undefined;
      },
      overrides: () => maybe(i.overrides, overrides()),
      filters: () => (logicNeeds > 0 ? filters(c, logicNeeds) : maybe(i.filters, filters(c))),
      filterLogic: () => {
        const count = Array.isArray(i.filters) ? i.filters.length : 0;
        return count > 0 ? maybe(i.filterLogic, filterLogic(count)) : undefined;
      },
      active: () => fc.constant(!(i.active ?? false)),
      policies: () => maybe(i.policies, fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 2 })),
      onlyEnrichUpdates: () => fc.constant(!(i.onlyEnrichUpdates ?? false)),
      skipInitialBackfill: () => fc.constant(!(i.skipInitialBackfill ?? false)),
      syncAllRecords: () => fc.constant(!(i.syncAllRecords ?? false)),
    },
    same,
  );
}

function makeKind(): Kind {
  return {
    name: "ModelSync",
    provider: modelSyncProvider,
    inputs: inputs(),
    change,
    // Create-only: adoptId.
    compared: [
      "name",
      "mode",
      "schedule",
      "target",
      "fields",
      "identity",
      "overrideFields",
      "overrides",
      "filters",
      "filterLogic",
      "active",
      "policies",
      "onlyEnrichUpdates",
      "skipInitialBackfill",
      "syncAllRecords",
    ],
    // README: replaced when `target.connectionId` changes.
    replaces: (ch, before) =>
      ch.field === "target" &&
      (ch.value as Props | undefined)?.connectionId !== (before.target as Props | undefined)?.connectionId,
    aliases: { targetConnectionId: "target" },
    apiPath: (id) => `/api/syncs/${id}`,
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
  pool = await connectionPool(env, ["postgresql", "salesforce", "webhook", "stripe", "s3"]);
  const pg = pool.postgresql?.[0]?.id;
  const created = await rawCreate(env, "/api/models", {
    name: "sync-source-users",
    connection_id: pg,
    configuration: { table: "public.users" },
  });
  model = { id: String(created.id), fields: (created.fields as { id: string }[]).map((f) => f.id) };
  const sync = await rawCreate(env, "/api/syncs", {
    name: "run-after-me",
    mode: "create",
    schedule: { frequency: "manual" },
    target: { connection_id: pool.salesforce?.[0]?.id, object: "Contact" },
    fields: [{ target: "LastName", source: { model_id: model.id, field: "last_name" } }],
  });
  const bulk = await rawCreate(env, "/api/bulk/syncs", {
    name: "run-after-me-too",
    source_connection_id: pool.stripe?.[0]?.id,
    destination_connection_id: pool.s3?.[0]?.id,
    mode: "replicate",
    default_schedule: { frequency: "manual" },
    destination_configuration: { format: "csv" },
  });
  runAfter = { syncId: String(sync.id), bulkSyncId: String(bulk.id) };
  kind = makeKind();
});
afterAll(() => stopEnv(env));

describeLifecycle("ModelSync", () => kind, current);
