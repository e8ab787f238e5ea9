/**
 * Bad input: a table of malformed programs (wrong enums, missing identity, unknown connection types,
 * malformed schedules and cron parts, empty or unknown schemas and fields, huge strings, invisible characters, strings that look like injection). Each fails at
 * `pulumi preview` with a message naming the resource and the field, and nothing is created: the
 * emulator sees no mutating request at all.
 *
 * The connections and the model the cases point at exist beforehand (created out of band), so their ids
 * are known at preview and the checks that need the API (schemas, fields, target objects) run too.
 *
 * Each row checks that its message names the resource and the whole property path (`configuration`
 * does not pass for a failure about `configuration.port`), that the engine reports it against that
 * resource, that the emulator received no mutating request and that its objects are exactly those
 * made out of band, unchanged; after the whole table they still are.
 *
 * Not here, since no source says the API refuses them (issue 13): a table missing from the catalogue,
 * a query that is not a SELECT, an identity on a field the emulator's catalogue does not mark matchable,
 * a mode outside a guessed per-object list. The API decides those at `up`.
 */
import type { Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createdId, rawClient } from "../contract/http";
import { loadPackage, startRig, type TestRig } from "../integration/harness";

type Polytomic = ReturnType<typeof loadPackage>;
interface Ids {
  sf: string;
  pg: string;
  stripe: string;
  s3: string;
  model: string;
}
interface Case {
  /** What is wrong. */
  readonly what: string;
  /** The expected start of the message: `Kind "name": field`. */
  readonly expected: string;
  readonly declare: (p: Polytomic, ids: Ids) => void;
}

let rig: TestRig;
let stack: Stack;
const ids: Ids = { sf: "", pg: "", stripe: "", s3: "", model: "" };
let current: Case | undefined;
/** The emulator's objects once the out-of-band ones exist: no case may change them. */
let outOfBand: string;

/** Every object of the emulator, as comparable text. */
function snapshot(): string {
  const kinds = ["connections", "models", "modelSyncs", "bulkSyncs"] as const;
  return JSON.stringify(kinds.map((kind) => [kind, rig.emulator.store.list(kind)]));
}

/** The resource (`Kind "name"`) and property path that a case's message must name, from `expected`. */
function named(c: Case): { kind: string; name: string; field: string } {
  const match = /^(\w+) "([^"]+)": ([\w.[\]]+)/.exec(c.expected);
  if (!match?.[1] || !match[2] || !match[3])
    throw new Error(`case "${c.what}": expected must start Kind "name": field`);
  return { kind: match[1], name: match[2], field: match[3] };
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const call = rawClient(() => rig.emulator);

const post = (path: string, body: unknown) => createdId(call, path, body);

beforeAll(async () => {
  rig = await startRig({ schemaCacheDelayMs: 50 });
  ids.sf = await post("/api/connections", {
    name: "crm",
    type: "salesforce",
    configuration: {
      domain: "acme.my.salesforce.com",
      connect_mode: "api",
      client_id: "i",
      client_secret: "s",
    },
  });
  ids.pg = await post("/api/connections", {
    name: "warehouse",
    type: "postgresql",
    configuration: { hostname: "db", port: 5432, database: "app", username: "u", password: "p" },
  });
  ids.stripe = await post("/api/connections", {
    name: "billing",
    type: "stripe",
    configuration: { api_key: "sk" },
  });
  ids.s3 = await post("/api/connections", {
    name: "lake",
    type: "s3",
    configuration: {
      auth_mode: "access_key_and_secret",
      aws_access_key_id: "AKIA",
      aws_secret_access_key: "s",
      s3_bucket_region: "us-east-1",
      s3_bucket_name: "b",
    },
  });
  ids.model = await post("/api/models", {
    name: "users",
    connection_id: ids.pg,
    configuration: { table: "public.users" },
  });
  await new Promise((resolve) => setTimeout(resolve, 200)); // schema caches ready
  outOfBand = snapshot();
  const polytomic = loadPackage();
  stack = await rig.stack("bad-input", async () => current?.declare(polytomic, ids));
});
afterAll(async () => {
  await rig?.close();
});

const conn = (p: Polytomic, name: string, type: string, configuration: Record<string, unknown>) =>
  new p.Connection(name, { type, configuration });
const bulk = (p: Polytomic, i: Ids, over: Record<string, unknown>) =>
  new p.BulkSync("sync", {
    sourceConnectionId: i.stripe,
    destinationConnectionId: i.s3,
    schedule: { frequency: "daily", hour: "2", minute: "0" },
    destinationConfiguration: { format: "csv" },
    schemas: ["customers"],
    ...over,
  } as ConstructorParameters<Polytomic["BulkSync"]>[1]);
const model = (p: Polytomic, i: Ids, over: Record<string, unknown>) =>
  new p.Model("users-model", {
    connectionId: i.pg,
    configuration: { table: "public.users" },
    ...over,
  } as ConstructorParameters<Polytomic["Model"]>[1]);
const ref = (i: Ids, field: string) => ({ modelId: i.model, field });
const sync = (p: Polytomic, i: Ids, over: Record<string, unknown>) =>
  new p.ModelSync("contacts", {
    mode: "updateOrCreate",
    schedule: { frequency: "manual" },
    target: { connectionId: i.sf, object: "Contact" },
    identity: { source: ref(i, "email"), target: "Email" },
    fields: [{ source: ref(i, "last_name"), target: "LastName" }],
    ...over,
  } as ConstructorParameters<Polytomic["ModelSync"]>[1]);
const cron = (over: Record<string, string>) => ({
  frequency: "custom",
  minute: "0",
  hour: "*",
  dayOfMonth: "*",
  month: "*",
  dayOfWeek: "*",
  ...over,
});

const CASES: Case[] = [
  // Connections
  {
    what: "unknown connection type",
    expected:
      'Connection "c": type is not a Polytomic connection type ("salesforcee") (did you mean "salesforce"?)',
    declare: (p) => conn(p, "c", "salesforcee", {}),
  },
  {
    what: "type that looks like SQL injection",
    expected: 'Connection "c": type',
    declare: (p) => conn(p, "c", "salesforce'; DROP TABLE connections;--", {}),
  },
  {
    what: "missing required configuration",
    expected: 'Connection "c": configuration.dbname',
    declare: (p) => conn(p, "c", "snowflake", { account: "a", username: "u" }),
  },
  {
    what: "configuration enum",
    expected: 'Connection "c": configuration.connect_mode',
    declare: (p) => conn(p, "c", "salesforce", { domain: "d", connect_mode: "password" }),
  },
  {
    what: "configuration value of the wrong type",
    expected: 'Connection "c": configuration.port',
    declare: (p) =>
      conn(p, "c", "postgresql", {
        hostname: "h",
        port: "five",
        database: "d",
        username: "u",
        password: "p",
      }),
  },
  {
    what: "configuration that is a list",
    expected: 'Connection "c": configuration must be an object',
    declare: (p) => conn(p, "c", "stripe", ["api_key"] as unknown as Record<string, unknown>),
  },
  {
    what: "name of 300 characters",
    expected: 'Connection "c": name is 300 characters long',
    declare: (p) =>
      new p.Connection("c", { name: "x".repeat(300), type: "stripe", configuration: { api_key: "k" } }),
  },
  {
    what: "name with a bidirectional override",
    expected: 'Connection "c": name contains control',
    declare: (p) =>
      new p.Connection("c", {
        name: "invoice\u202egpj.exe",
        type: "stripe",
        configuration: { api_key: "k" },
      }),
  },
  {
    what: "name with a newline",
    expected: 'Connection "c": name contains control',
    declare: (p) =>
      new p.Connection("c", { name: "prod\nstaging", type: "stripe", configuration: { api_key: "k" } }),
  },
  // Bulk syncs
  {
    what: "bulk sync mode",
    expected: 'BulkSync "sync": mode',
    declare: (p, i) => bulk(p, i, { mode: "mirror" }),
  },
  {
    what: "schedule frequency",
    expected: 'BulkSync "sync": schedule.frequency',
    declare: (p, i) => bulk(p, i, { schedule: { frequency: "fortnightly" } }),
  },
  {
    what: "hour out of range",
    expected: 'BulkSync "sync": schedule.hour',
    declare: (p, i) => bulk(p, i, { schedule: { frequency: "daily", hour: "25", minute: "0" } }),
  },
  {
    what: "minute that looks like shell injection",
    expected: 'BulkSync "sync": schedule.minute',
    declare: (p, i) => bulk(p, i, { schedule: { frequency: "hourly", minute: "0; rm -rf /" } }),
  },
  {
    what: "weekly without a day",
    expected: 'BulkSync "sync": schedule.dayOfWeek',
    declare: (p, i) => bulk(p, i, { schedule: { frequency: "weekly", hour: "1", minute: "0" } }),
  },
  {
    what: "cron step of zero",
    expected: 'BulkSync "sync": schedule.minute',
    declare: (p, i) => bulk(p, i, { schedule: cron({ minute: "*/0" }) }),
  },
  {
    what: "cron range backwards",
    expected: 'BulkSync "sync": schedule.hour',
    declare: (p, i) => bulk(p, i, { schedule: cron({ hour: "18-8" }) }),
  },
  {
    what: "cron without a month",
    expected: 'BulkSync "sync": schedule.month',
    declare: (p, i) => bulk(p, i, { schedule: { ...cron({}), month: undefined } }),
  },
  {
    what: "empty schema list",
    expected: 'BulkSync "sync": schemas',
    declare: (p, i) => bulk(p, i, { schemas: [] }),
  },
  {
    what: "unknown schema",
    expected: 'BulkSync "sync": schemas[0] "Customers" is not a schema of the source',
    declare: (p, i) => bulk(p, i, { schemas: ["Customers"] }),
  },
  {
    what: "schema id that looks like SQL injection",
    expected: 'BulkSync "sync": schemas[0]',
    declare: (p, i) => bulk(p, i, { schemas: ["customers' OR '1'='1"] }),
  },
  {
    what: "unknown field of a schema",
    expected: 'BulkSync "sync": schemas[0].fields[1]',
    declare: (p, i) => bulk(p, i, { schemas: [{ id: "customers", fields: ["email", "emial"] }] }),
  },
  {
    what: "unknown tracking field",
    expected: 'BulkSync "sync": schemas[0].trackingField',
    declare: (p, i) => bulk(p, i, { schemas: [{ id: "charges", trackingField: "updated" }] }),
  },
  {
    what: "schema selected twice",
    expected: 'BulkSync "sync": schemas[1]',
    declare: (p, i) => bulk(p, i, { schemas: ["customers", { id: "customers" }] }),
  },
  {
    what: "discovery option",
    expected: 'BulkSync "sync": automaticallyAddNewObjects',
    declare: (p, i) => bulk(p, i, { automaticallyAddNewObjects: "sometimes" }),
  },
  {
    what: "concurrency limit of zero",
    expected: 'BulkSync "sync": concurrencyLimit',
    declare: (p, i) => bulk(p, i, { concurrencyLimit: 0 }),
  },
  {
    what: "no destination configuration",
    expected: 'BulkSync "sync": destinationConfiguration',
    declare: (p, i) => bulk(p, i, { destinationConfiguration: undefined }),
  },
  // Models
  {
    what: "empty model configuration",
    expected: 'Model "users-model": configuration',
    declare: (p, i) => model(p, i, { configuration: {} }),
  },
  {
    what: "query and table together",
    expected: 'Model "users-model": configuration',
    declare: (p, i) => model(p, i, { configuration: { table: "public.users", query: "select 1" } }),
  },
  {
    what: "database without collection",
    expected: 'Model "users-model": configuration.collection',
    declare: (p, i) => model(p, i, { configuration: { database: "example" } }),
  },
  {
    what: "model_from enum",
    expected: 'Model "users-model": configuration.model_from',
    declare: (p, i) => model(p, i, { configuration: { model_from: "folder", key: "a.csv" } }),
  },
  {
    what: "empty field list",
    expected: 'Model "users-model": fields',
    declare: (p, i) => model(p, i, { fields: [] }),
  },
  {
    what: "unknown model field",
    expected: 'Model "users-model": fields[1]',
    declare: (p, i) => model(p, i, { fields: ["email", "phone"] }),
  },
  {
    what: "identifier outside the fields",
    expected: 'Model "users-model": identifier',
    declare: (p, i) => model(p, i, { fields: ["email"], identifier: "id" }),
  },
  {
    what: "model name of 10,000 characters",
    expected: 'Model "users-model": name is 10000 characters long',
    declare: (p, i) => model(p, i, { name: "é".repeat(10_000) }),
  },
  // Model syncs
  {
    what: "sync mode",
    expected: 'ModelSync "contacts": mode',
    declare: (p, i) => sync(p, i, { mode: "upsert" }),
  },
  {
    what: "update without identity",
    expected: 'ModelSync "contacts": identity is required',
    declare: (p, i) => sync(p, i, { mode: "update", identity: undefined }),
  },
  {
    what: "identity function",
    expected: 'ModelSync "contacts": identity.function',
    declare: (p, i) =>
      sync(p, i, { identity: { source: ref(i, "email"), target: "Email", function: "Fuzzy" } }),
  },
  {
    what: "unknown target object",
    expected:
      'ModelSync "contacts": target.object "Contacts" is not an object of the target (did you mean "Contact"?)',
    declare: (p, i) => sync(p, i, { target: { connectionId: i.sf, object: "Contacts" } }),
  },
  {
    what: "mapping to an unknown target field",
    expected: 'ModelSync "contacts": fields[1].target',
    declare: (p, i) =>
      sync(p, i, {
        fields: [
          { source: ref(i, "last_name"), target: "LastName" },
          { source: ref(i, "first_name"), target: "Given_Name" },
        ],
      }),
  },
  {
    what: "mapping to a read-only field",
    expected: 'ModelSync "contacts": fields[1].target "Id" on Contact is read-only',
    declare: (p, i) =>
      sync(p, i, {
        fields: [
          { source: ref(i, "last_name"), target: "LastName" },
          { source: ref(i, "id"), target: "Id" },
        ],
      }),
  },
  {
    what: "no mappings",
    expected: 'ModelSync "contacts": fields',
    declare: (p, i) => sync(p, i, { fields: [] }),
  },
  {
    what: "target mapped twice",
    expected: 'ModelSync "contacts": overrideFields[0].target',
    declare: (p, i) => sync(p, i, { overrideFields: [{ target: "LastName", value: "x" }] }),
  },
  {
    what: "filter function",
    expected: 'ModelSync "contacts": filters[0].function',
    declare: (p, i) => sync(p, i, { filters: [{ field: ref(i, "email"), function: "Near", value: "x" }] }),
  },
  {
    what: "filter logic",
    expected: 'ModelSync "contacts": filterLogic',
    declare: (p, i) =>
      sync(p, i, { filters: [{ field: ref(i, "email"), function: "IsNotNull" }], filterLogic: "1 AND" }),
  },
  {
    what: "runafter without syncs",
    expected: 'ModelSync "contacts": schedule.runAfter',
    declare: (p, i) => sync(p, i, { schedule: { frequency: "runafter" } }),
  },
  // Schema readiness
  {
    what: "negative timeout",
    expected: 'SchemaReady "wait": timeoutSeconds',
    declare: (p, i) => new p.SchemaReady("wait", { connectionId: i.stripe, timeoutSeconds: -5 }),
  },
];

describe("malformed programs fail at preview, naming the resource and the field, creating nothing", () => {
  it.each(CASES)("$what", async (c) => {
    const { kind, name, field } = named(c);
    current = c;
    const before = snapshot();
    rig.emulator.clearRequestLog();
    const error = await stack.preview().then(
      () => "preview succeeded",
      (err: unknown) => String(err),
    );
    expect(error).toContain(c.expected);
    // The engine reports the failure against the resource, printing the value of the property the
    // provider named, which it looks up among the top-level inputs only: the provider names the
    // top-level input (`schedule` for `schedule.hour`, whose value the engine then prints instead of
    // `{<nil>}`), and the reason names the whole path (`configuration` does not pass for a failure about
    // `configuration.port`). A connection's configuration may hold secrets: no property, no value printed.
    // An input the program left out is named by the reason alone: the engine would print its value
    // as `{<nil>}`.
    const top = field.split(/[.[]/)[0] ?? field;
    const reason = literal(`${kind} "${name}": ${field}`);
    const resource = literal(`pulumi-nodejs:dynamic/polytomic:${kind} resource '${name}'`);
    if (kind === "Connection" && top === "configuration")
      expect(error).toMatch(new RegExp(`${resource} has a problem: ${reason} `));
    else
      expect(error).toMatch(
        new RegExp(`${resource}(: property ${literal(top)} value [\\s\\S]*?)? has a problem: ${reason} `),
      );
    expect(error).not.toContain("{<nil>}");
    const mutating = rig.emulator.requestLog.filter((e) => e.method !== "GET");
    expect(mutating).toEqual([]);
    expect(snapshot()).toBe(before);
  });

  it("accepts what is merely unusual: a unicode name and the valid baseline of every resource kind", async () => {
    current = {
      what: "valid",
      expected: "",
      declare: (p, i) => {
        new p.Connection("c", {
          name: "Données clients 数据 😀",
          type: "stripe",
          configuration: { api_key: "k" },
        });
        bulk(p, i, {});
        model(p, i, {});
        sync(p, i, {});
      },
    };
    rig.emulator.clearRequestLog();
    const preview = await stack.preview();
    // Four resources plus the stack itself, which no preview before this one created.
    expect(preview.changeSummary.create).toBe(5);
    expect(rig.emulator.requestLog.filter((e) => e.method !== "GET")).toEqual([]);
  });

  it("leaves the emulator holding exactly the objects made out of band, unchanged", () => {
    expect(snapshot()).toBe(outOfBand);
    expect(rig.emulator.store.count()).toBe(5);
  });
});
