/**
 * The enumerations of the official SDK (npm `polytomic` 1.18.1), read from its declarations at test
 * time, against the emulator and the provider:
 *
 * - every enumerated member of the requests the provider sends (bulk-sync create/update/start, model-
 *   sync create/update) is found by walking the SDK's request types, so a new enumeration or a new use
 *   of one fails here until it is probed;
 * - the emulator accepts every value at every such member in a raw request shaped as the SDK sends
 *   it, and answers the value back;
 * - the provider's `check` accepts the same values at the matching member of its Args and refuses a
 *   value outside the set with a message naming the resource and the member. The one documented
 *   exception is the frequency `multi`, the wire's form of split schedules, which programs write as
 *   `additionalSchedules`: `check` refuses it, and says so.
 *
 * The compile-time side (the provider's unions are the SDK's types) is test/types/sdkEnums.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Polytomic } from "polytomic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator";
import { SDK_ENUMS } from "../../emulator/enums";
import { configureProvider, resetRuntime } from "../../provider/client/runtime";
import { UNKNOWN } from "../../provider/internal/check";
import {
  type BulkSyncInputs,
  type BulkSyncOutputs,
  bulkSyncProvider,
} from "../../provider/resources/bulkSync";
import * as provider from "../../provider/resources/enums";
import { modelSyncProvider } from "../../provider/resources/modelSync";
import type { ModelSyncInputs, ModelSyncOutputs } from "../../provider/resources/modelSyncWire";
import { type Call, data, goClient, type RawResponse, rawClient } from "./http";
import { postgresBody, s3Body, salesforceBody } from "./sdk";

type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------
// The SDK's declarations

/** The SDK's declaration files: the `api/` folder next to the `types` entry TypeScript resolves. */
const root = join(__dirname, "../..");
const sdkPackage = require.resolve("polytomic/package.json", { paths: [root] });
const sdkApi = join(dirname(sdkPackage), "api");

/** Every declaration file of a type (`api/types/*.d.ts`, `api/resources/<r>/types/*.d.ts`, requests) by name. */
function declarationFiles(dir: string, out = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) declarationFiles(path, out);
    else if (entry.name.endsWith(".d.ts") && entry.name !== "index.d.ts")
      out.set(entry.name.slice(0, -".d.ts".length), path);
  }
  return out;
}
const DECLARATIONS = declarationFiles(sdkApi);

function declaration(name: string): string {
  const path = DECLARATIONS.get(name);
  if (!path) throw new Error(`the SDK declares no type ${name} under ${sdkApi}`);
  return readFileSync(path, "utf8");
}

/** The values of an SDK enumeration (`export declare type X = "a" | "b";`), or undefined for other types. */
function enumValues(name: string): string[] | undefined {
  const match = new RegExp(`export declare type ${name} = ([^;]+);`).exec(declaration(name));
  const members = match?.[1]?.split("|").map((m) => m.trim());
  if (!members?.every((m) => /^"[^"]*"$/.test(m))) return undefined;
  return members.map((m) => JSON.parse(m) as string);
}

/** The values of an SDK enumeration; fails when `name` is not one. */
function sdkEnum(name: string): string[] {
  const values = enumValues(name);
  if (!values) throw new Error(`${name} is not an enumeration of the SDK`);
  return values;
}

/**
 * Every enumerated member reachable from the request type `name`, as `Request.path.to.member` (`[]`
 * for an element of a list) → the enumeration's name. Members are read from the declarations'
 * `name?: Polytomic.Type` lines, aliases (`string | Polytomic.Type`) are followed, and a type already
 * on the way down (BulkSchedule.multi → ... → BulkSchedule) is not entered again.
 */
function enumeratedMembers(name: string, path = name, seen: readonly string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  const text = declaration(name);
  const visit = (type: string, at: string) => {
    if (enumValues(type)) out.set(at, type);
    else if (!seen.includes(type))
      for (const [k, v] of enumeratedMembers(type, at, [...seen, name])) out.set(k, v);
  };
  const alias = new RegExp(`export declare type ${name} = ([^;]+);`).exec(text);
  if (alias && !enumValues(name)) {
    for (const [, type] of (alias[1] ?? "").matchAll(/Polytomic\.(\w+)/g)) visit(type ?? "", path);
    return out;
  }
  for (const [, member, type] of text.matchAll(/^\s+(\w+)\??: ([^;]+);$/gm)) {
    for (const [, ref, list] of (type ?? "").matchAll(/Polytomic\.(\w+)(\[\])?/g))
      visit(ref ?? "", `${path}.${member}${list ? "[]" : ""}`);
  }
  return out;
}

/** The requests whose bodies the provider sends (and the run control a program's syncs get). */
const REQUESTS = [
  "CreateBulkSyncRequest",
  "UpdateBulkSyncRequest",
  "StartBulkSyncRequest",
  "CreateModelSyncRequest",
  "UpdateModelSyncRequest",
];
const MEMBERS = new Map(REQUESTS.flatMap((r) => [...enumeratedMembers(r)]));

// ---------------------------------------------------------------------------------------------------
// The emulator

let emu: Emulator;
const ids = { sf: "", s3: "", pg: "", model: "", bulk: "" };
/** For each model-sync mode, a target object that lists it, with a field to map and match on. */
const targets = new Map<string, { connection_id: string; object: string; field: string }>();

/** Requests as the TypeScript SDK sends them: its headers, its API version, JSON bodies. */
const raw = rawClient(() => emu);
function sdkCall(version: "2024-02-08" | "2025-09-18"): Call {
  return (method, path, body, headers = {}) =>
    raw(method, path, body, {
      "X-Polytomic-Version": version,
      "X-Fern-Language": "JavaScript",
      "X-Fern-SDK-Name": "polytomic",
      "X-Fern-SDK-Version": "1.18.1",
      ...headers,
    });
}
/**
 * The clients the probes send with: the TypeScript SDK, and the Go SDK (polytomic-go, the Terraform
 * provider's client: a content type on every request, version 2024-02-08). Setup uses the first.
 */
const CLIENTS: Readonly<Record<string, Call>> = {
  "TypeScript SDK": sdkCall("2024-02-08"),
  "Go SDK": goClient(() => emu),
};
const setup = sdkCall("2024-02-08");
/** The client the running probes send with (set per client's describe block). */
let v2024: Call = setup;
const v2025 = sdkCall("2025-09-18");

/** The answer's `data` when the emulator accepted the request; fails with the request and the answer otherwise. */
function accepted(response: RawResponse, request: string, body: unknown): Json {
  expect(
    response.status,
    `${request} ${JSON.stringify(body)} → ${response.status} ${JSON.stringify(response.body)}`,
  ).toBe(200);
  return data(response);
}

async function create(path: string, body: Json): Promise<string> {
  return String(accepted(await setup("POST", path, body), `POST ${path}`, body).id);
}

async function cached(connectionId: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const status = await setup("GET", `/api/connections/${connectionId}/schemas/status`);
    if (["fresh", "cached"].includes(String(data(status)?.cache_status))) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`schema cache of ${connectionId} never became ready`);
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, schemaCacheDelayMs: 0 });
  ids.sf = await create("/api/connections", salesforceBody("crm"));
  ids.s3 = await create("/api/connections", s3Body("lake"));
  ids.pg = await create("/api/connections", postgresBody("warehouse"));
  await Promise.all([cached(ids.sf), cached(ids.pg)]);
  ids.model = await create("/api/models", {
    name: "users",
    connection_id: ids.pg,
    configuration: { table: "public.users" },
    identifier: "id",
  });
  ids.bulk = await create("/api/bulk/syncs", bulkBody("upstream"));
  // The emulator's catalogues say which objects take which modes: pick one for each.
  for (const connection of [ids.sf, ids.pg, ids.s3]) {
    const objects = data(
      await setup("GET", `/api/connections/${connection}/modelsync/targetobjects`),
    ) as unknown;
    for (const object of objects as { id: string; modes: { id: string }[] }[]) {
      const fields = data(
        await setup(
          "GET",
          `/api/connections/${connection}/modelsync/target/fields?target=${encodeURIComponent(object.id)}`,
        ),
      ).fields as { id: string; createable: boolean }[];
      const field = fields.find((f) => /^email$/i.test(f.id)) ?? fields.find((f) => f.createable);
      for (const mode of object.modes)
        if (field && !targets.has(mode.id))
          targets.set(mode.id, { connection_id: connection, object: object.id, field: field.id });
    }
  }
});
afterAll(async () => {
  await resetRuntime();
  await emu?.close();
});

/** A 2024-02-08 bulk sync from Salesforce to S3 (SDK `CreateBulkSyncRequest`). */
function bulkBody(name: string): Json {
  return {
    name,
    source_connection_id: ids.sf,
    destination_connection_id: ids.s3,
    mode: "replicate",
    schedule: { frequency: "manual" },
    destination_configuration: { format: "csv" },
    schemas: ["Account"],
  };
}

/** Schedule parts a frequency is usually sent with (the SDK's `BulkSchedule` / `Schedule`, snake_case). */
function wireSchedule(frequency: string): Json {
  const parts: Record<string, Json> = {
    hourly: { minute: "15" },
    daily: { hour: "2", minute: "0" },
    weekly: { day_of_week: "1", hour: "2", minute: "0" },
    custom: { minute: "*/30", hour: "1-5", day_of_month: "*", month: "*", day_of_week: "1-5" },
  };
  return { frequency, ...parts[frequency] };
}

/** A 2024-02-08 split schedule: the default one plus `second` for `item`. */
function split(item: string, second: Json): Json {
  return {
    frequency: "multi",
    multi: {
      type: "split",
      schedules: [
        { item: "none", schedule: wireSchedule("daily") },
        { item, schedule: second },
      ],
    },
  };
}

/** A value of the shape a filter function compares with (the SDK types it `unknown`). */
function filterValue(fn: string): unknown {
  if (["IsNull", "IsNotNull", "True", "False"].includes(fn)) return undefined;
  if (["StringOneOf", "StringNotOneOf", "ArrayContains", "ArrayDoesNotContain"].includes(fn))
    return ["a@example.com", "b@example.com"];
  if (fn === "Between") return ["2024-01-01", "2024-12-31"];
  if (fn === "InTheLast") return { unit: "days", value: 7 };
  if (/^Relative/.test(fn)) return { unit: "days", value: 30 };
  if (/^(OnOr|GreaterThan|LessThan)/.test(fn)) return "2024-01-01";
  return "example.com";
}

const ref = (field: string) => ({ model_id: ids.model, field });

/** A model sync onto Salesforce Contact (SDK `CreateModelSyncRequest`). */
function syncBody(name: string): Json {
  return {
    name,
    mode: "create",
    schedule: { frequency: "manual" },
    target: { connection_id: ids.sf, object: "Contact" },
    fields: [
      { source: ref("email"), target: "Email" },
      { source: ref("last_name"), target: "LastName" },
    ],
  };
}

/** A model sync in `mode` onto an object that lists it, with an identity when the mode matches records. */
function modeBody(name: string, mode: string): Json {
  const target = targets.get(mode);
  if (!target) throw new Error(`no target object of the emulator's catalogues lists mode ${mode}`);
  return {
    name,
    mode,
    schedule: { frequency: "manual" },
    target: { connection_id: target.connection_id, object: target.object },
    fields: [{ source: ref("email"), target: target.field }],
    ...((provider.IDENTITY_MODES as readonly string[]).includes(mode)
      ? { identity: { source: ref("email"), target: target.field, function: "Equality" } }
      : {}),
  };
}

/** A model-sync schedule of `frequency`, with what `runafter` and `dbtcloud` schedules carry. */
function syncSchedule(frequency: string): Json {
  if (frequency === "runafter")
    return {
      frequency,
      run_after: { sync_ids: [], bulk_sync_ids: [ids.bulk] },
      run_after_success_only: true,
    };
  // The emulator serves no dbt Cloud connection type: the schedule names a connection that exists.
  if (frequency === "dbtcloud") return { frequency, connection_id: ids.pg, job_id: 42 };
  return wireSchedule(frequency);
}

/** How one enumerated member is sent: the body with `value` in it, and where the answer holds it. */
interface Probe {
  /** Values not sent, each with why. */
  readonly skip?: Readonly<Record<string, string>>;
  /** Sends `value` in the member (create or update, as the request says) and returns what the API answers for it. */
  send(value: string, request: string): Promise<unknown>;
}

let serial = 0;
const nameFor = (value: string) => `enum-${value}-${++serial}`;

/** Creates (Create*) or creates then replaces (Update*) a bulk sync with `body(value)`; the answer's `data`. */
async function sendBulk(request: string, body: Json, call = v2024): Promise<Json> {
  if (request.startsWith("Create"))
    return accepted(await call("POST", "/api/bulk/syncs", body), request, body);
  const id = await create("/api/bulk/syncs", bulkBody(nameFor("base")));
  return accepted(await call("PUT", `/api/bulk/syncs/${id}`, body), request, body);
}

/** The same for model syncs. */
async function sendSync(request: string, body: Json): Promise<Json> {
  if (request.startsWith("Create")) return accepted(await v2024("POST", "/api/syncs", body), request, body);
  const id = await create("/api/syncs", syncBody(nameFor("base")));
  return accepted(await v2024("PUT", `/api/syncs/${id}`, body), request, body);
}

const bulkMember = (member: string) => ({
  async send(value: string, request: string) {
    return (await sendBulk(request, { ...bulkBody(nameFor(value)), [member]: value }))[member];
  },
});

const syncMember = (build: (value: string) => Json, answer: (data: Json) => unknown) => ({
  async send(value: string, request: string) {
    return answer(await sendSync(request, build(value)));
  },
});

const at = (value: unknown, ...path: (string | number)[]) =>
  path.reduce<unknown>((v, key) => (v as Record<string | number, unknown> | undefined)?.[key], value);

/** Every enumerated member of the SDK's requests, by `Request.member` without the request's name. */
const PROBES: Readonly<Record<string, Probe>> = {
  mode: {
    async send(value, request) {
      if (request.includes("ModelSync"))
        return (await sendSync(request, modeBody(nameFor(value), value))).mode;
      return (await sendBulk(request, { ...bulkBody(nameFor(value)), mode: value })).mode;
    },
  },
  automatically_add_new_fields: bulkMember("automatically_add_new_fields"),
  automatically_add_new_objects: bulkMember("automatically_add_new_objects"),
  normalize_names: bulkMember("normalize_names"),
  "schedule.frequency": {
    async send(value, request) {
      if (request.includes("ModelSync")) {
        const body = { ...syncBody(nameFor(value)), schedule: syncSchedule(value) };
        return at(await sendSync(request, body), "schedule", "frequency");
      }
      const schedule =
        value === "multi" ? split("incrementalFields", wireSchedule("hourly")) : wireSchedule(value);
      return at(await sendBulk(request, { ...bulkBody(nameFor(value)), schedule }), "schedule", "frequency");
    },
  },
  "schedule.multi.schedules[].item": {
    async send(value, request) {
      const body = { ...bulkBody(nameFor(value)), schedule: split(value, wireSchedule("hourly")) };
      return at(await sendBulk(request, body), "schedule", "multi", "schedules", 1, "item");
    },
  },
  "schedule.multi.schedules[].schedule.frequency": {
    skip: { multi: "a split schedule inside a split schedule has no meaning" },
    async send(value, request) {
      const body = { ...bulkBody(nameFor(value)), schedule: split("incrementalFields", wireSchedule(value)) };
      return at(await sendBulk(request, body), "schedule", "multi", "schedules", 1, "schedule", "frequency");
    },
  },
  "schemas[].filters[].function": {
    async send(value, request) {
      const filter = { field_id: "Name", function: value, value: filterValue(value) };
      const body = { ...bulkBody(nameFor(value)), schemas: [{ id: "Account", filters: [filter] }] };
      const sync = await sendBulk(request, body);
      // PUT leaves the schemas alone (polytomic-api.md §5): only create stores the filter.
      if (!request.startsWith("Create")) return value;
      const schema = await v2024("GET", `/api/bulk/syncs/${String(sync.id)}/schemas/Account`);
      return at(accepted(schema, "GET schema", undefined), "filters", 0, "function");
    },
  },
  fetch_mode: {
    async send(value) {
      const id = await create("/api/bulk/syncs", bulkBody(nameFor(value)));
      const body = { fetch_mode: value };
      return accepted(
        await v2024("POST", `/api/bulk/syncs/${id}/executions`, body),
        "StartBulkSyncRequest",
        body,
      ).fetch_mode;
    },
  },
  resync_mode: {
    async send(value) {
      const id = await create("/api/bulk/syncs", bulkBody(nameFor(value)));
      const body = { resync_mode: value };
      const execution = accepted(
        await v2024("POST", `/api/bulk/syncs/${id}/executions`, body),
        "StartBulkSyncRequest",
        body,
      );
      expect(execution.is_resync).toBe(true);
      return value;
    },
  },
  "identity.function": syncMember(
    (value) => ({
      ...syncBody(nameFor(value)),
      mode: "updateOrCreate",
      identity: { source: ref("email"), target: "Email", function: value },
    }),
    (sync) => at(sync, "identity", "function"),
  ),
  "filters[].function": syncMember(
    (value) => ({
      ...syncBody(nameFor(value)),
      filters: [{ field: ref("email"), function: value, value: filterValue(value) }],
    }),
    (sync) => at(sync, "filters", 0, "function"),
  ),
  "filters[].field_type": syncMember(
    (value) => ({
      ...syncBody(nameFor(value)),
      filters: [
        { field_id: value === "Model" ? "email" : "Email", field_type: value, function: "IsNotNull" },
      ],
    }),
    (sync) => at(sync, "filters", 0, "field_type"),
  ),
  "overrides[].function": syncMember(
    (value) => ({
      ...syncBody(nameFor(value)),
      overrides: [{ field: ref("email"), function: value, value: filterValue(value), override: "n/a" }],
    }),
    (sync) => at(sync, "overrides", 0, "function"),
  ),
};

/** `Request.member` → the probe of `member`. */
const probeOf = (site: string) => PROBES[site.slice(site.indexOf(".") + 1)];

describe("the SDK's enumerations", () => {
  it("are read from its declarations, which match its runtime constants", () => {
    for (const name of new Set(MEMBERS.values())) {
      const constants = (Polytomic as unknown as Record<string, Record<string, string>>)[name];
      expect(Object.values(constants ?? {}), name).toEqual(sdkEnum(name));
    }
    expect([...new Set(MEMBERS.values())].sort()).toEqual([
      "BulkDiscover",
      "BulkFetchMode",
      "BulkNormalizeNames",
      "BulkResyncMode",
      "BulkSelectiveMode",
      "BulkSyncMode",
      "FilterFieldReferenceType",
      "FilterFunction",
      "ModelSyncMode",
      "ScheduleFrequency",
      "SchemaIdentityFunction",
    ]);
  });

  it("each enumerated member of the requests has a probe below (a new one fails here)", () => {
    const missing = [...MEMBERS.keys()].filter((site) => !probeOf(site));
    expect(missing).toEqual([]);
  });

  it("the emulator's restated lists are the SDK's (emulator/enums.ts)", () => {
    for (const [name, values] of Object.entries(SDK_ENUMS)) expect([...values], name).toEqual(sdkEnum(name));
  });
});

describe.each(Object.keys(CLIENTS))("sent as the %s sends it", (client) => {
  beforeAll(() => {
    v2024 = CLIENTS[client] ?? setup;
  });
  afterAll(() => {
    v2024 = setup;
  });
  describe.each([...MEMBERS].map(([site, name]) => ({ site, name })))(
    "the emulator accepts every $name at $site",
    ({ site, name }) => {
      const probe = probeOf(site);
      const request = site.slice(0, site.indexOf("."));
      const values = sdkEnum(name).filter((v) => !probe?.skip?.[v]);
      it.each(values)("%s", async (value) => {
        expect(await probe?.send(value, request)).toBe(value);
      });
    },
  );
});

describe("the emulator accepts every value in the 2025-09-18 bulk-sync body (polytomic-api.md §5)", () => {
  const body = (value: string, additional: Json) => {
    const { schedule: _legacy, ...rest } = bulkBody(nameFor(value));
    return { ...rest, default_schedule: wireSchedule("daily"), additional_schedules: [additional] };
  };
  const frequencies = sdkEnum("ScheduleFrequency").filter((f) => f !== "multi");
  it.each(frequencies)("default_schedule.frequency %s", async (value) => {
    const sync = await sendBulk(
      "CreateBulkSyncRequest",
      { ...body(value, {}), additional_schedules: [], default_schedule: wireSchedule(value) },
      v2025,
    );
    expect(at(sync, "default_schedule", "frequency")).toBe(value);
  });
  it.each(frequencies)("additional_schedules[].frequency %s", async (value) => {
    const sync = await sendBulk(
      "CreateBulkSyncRequest",
      body(value, { ...wireSchedule(value), schemas: ["Account"] }),
      v2025,
    );
    expect(at(sync, "additional_schedules", 0, "frequency")).toBe(value);
  });
  it.each(sdkEnum("BulkSelectiveMode"))("additional_schedules[].selective_mode %s", async (value) => {
    const additional = { ...wireSchedule("hourly"), selective_mode: value };
    const sync = await sendBulk("CreateBulkSyncRequest", body(value, additional), v2025);
    expect(at(sync, "additional_schedules", 0, "selective_mode")).toBe(value);
  });
});

// ---------------------------------------------------------------------------------------------------
// The provider

const urn = (type: string) => `urn:pulumi:dev::proj::pulumi-nodejs:dynamic/polytomic:${type}::enums`;

/**
 * A bulk sync as `check` receives it. The connections are unknown (as in a preview that creates them),
 * so `check` runs only its offline rules and these cases need no API.
 */
const bulkSync = (over: Partial<BulkSyncInputs>): BulkSyncInputs => ({
  resourceUrn: urn("BulkSync"),
  name: "enums",
  sourceConnectionId: UNKNOWN,
  destinationConnectionId: UNKNOWN,
  schedule: { frequency: "manual" },
  destinationConfiguration: { format: "csv" },
  ...over,
});

const modelRef = (field: string) => ({ modelId: "model", field });
const modelSync = (over: Partial<ModelSyncInputs>): ModelSyncInputs => ({
  resourceUrn: urn("ModelSync"),
  name: "enums",
  mode: "updateOrCreate",
  schedule: { frequency: "manual" },
  target: { connectionId: UNKNOWN, object: "Contact" },
  targetConnectionId: UNKNOWN,
  identity: { source: modelRef("email"), target: "Email" },
  fields: [{ source: modelRef("last_name"), target: "LastName" }],
  ...over,
});

/** A program schedule of `frequency` with the parts `check` requires for it. */
function programSchedule(frequency: string) {
  const parts: Record<string, Json> = {
    hourly: { minute: "15" },
    daily: { hour: "2", minute: "0" },
    weekly: { dayOfWeek: "1", hour: "2", minute: "0" },
    custom: { minute: "*/30", hour: "1-5", dayOfMonth: "*", month: "*", dayOfWeek: "1-5" },
  };
  return { frequency, ...parts[frequency] };
}

/** The same for a model sync, whose `runafter` and `dbtcloud` schedules also say what they follow. */
function syncProgramSchedule(frequency: string) {
  const triggers: Record<string, Json> = {
    runafter: { runAfter: { bulkSyncIds: ["bulk"] } },
    dbtcloud: { connectionId: "dbt", jobId: 42 },
  };
  return { ...programSchedule(frequency), ...triggers[frequency] };
}

const programValue = (fn: string) =>
  (provider.VALUELESS_FILTER_FUNCTIONS as readonly string[]).includes(fn) ? {} : { value: "example.com" };

/** One enumerated member of the provider's Args: the SDK type it restates and `check`'s input holding `value`. */
interface ArgsMember {
  readonly resource: "BulkSync" | "ModelSync";
  readonly property: string;
  readonly sdk: string;
  /** The provider's runtime list (provider/resources/enums.ts). */
  readonly list: readonly string[];
  /** SDK values `check` refuses on purpose, each with what its message says instead. */
  readonly refused?: Readonly<Record<string, RegExp>>;
  readonly inputs: (value: string) => BulkSyncInputs | ModelSyncInputs;
}

const MULTI_BULK =
  /must not be multi: the API carries split schedules that way; write them as additionalSchedules/;
const MULTI_SYNC = /must not be multi: .*model syncs have none/;

const ARGS: readonly ArgsMember[] = [
  {
    resource: "BulkSync",
    property: "mode",
    sdk: "BulkSyncMode",
    list: provider.BULK_SYNC_MODES,
    inputs: (mode) => bulkSync({ mode }),
  },
  {
    resource: "BulkSync",
    property: "automaticallyAddNewObjects",
    sdk: "BulkDiscover",
    list: provider.BULK_DISCOVER,
    inputs: (value) => bulkSync({ automaticallyAddNewObjects: value }),
  },
  {
    resource: "BulkSync",
    property: "automaticallyAddNewFields",
    sdk: "BulkDiscover",
    list: provider.BULK_DISCOVER,
    inputs: (value) => bulkSync({ automaticallyAddNewFields: value }),
  },
  {
    resource: "BulkSync",
    property: "normalizeNames",
    sdk: "BulkNormalizeNames",
    list: provider.BULK_NORMALIZE_NAMES,
    inputs: (value) => bulkSync({ normalizeNames: value }),
  },
  {
    resource: "BulkSync",
    property: "schedule.frequency",
    sdk: "ScheduleFrequency",
    list: provider.SCHEDULE_FREQUENCIES,
    refused: { multi: MULTI_BULK },
    inputs: (value) => bulkSync({ schedule: programSchedule(value) }),
  },
  {
    resource: "BulkSync",
    property: "additionalSchedules[0].frequency",
    sdk: "ScheduleFrequency",
    list: provider.SCHEDULE_FREQUENCIES,
    refused: { multi: MULTI_BULK },
    inputs: (value) =>
      bulkSync({ additionalSchedules: [{ ...programSchedule(value), schemas: ["Account"] }] }),
  },
  {
    resource: "BulkSync",
    property: "additionalSchedules[0].selectiveMode",
    sdk: "BulkSelectiveMode",
    list: provider.BULK_SELECTIVE_MODES,
    inputs: (value) =>
      bulkSync({ additionalSchedules: [{ ...programSchedule("hourly"), selectiveMode: value }] }),
  },
  {
    resource: "ModelSync",
    property: "mode",
    sdk: "ModelSyncMode",
    list: provider.MODEL_SYNC_MODES,
    inputs: (mode) => modelSync({ mode }),
  },
  {
    resource: "ModelSync",
    property: "schedule.frequency",
    sdk: "ScheduleFrequency",
    list: provider.SCHEDULE_FREQUENCIES,
    refused: { multi: MULTI_SYNC },
    inputs: (value) => modelSync({ schedule: syncProgramSchedule(value) }),
  },
  {
    resource: "ModelSync",
    property: "identity.function",
    sdk: "SchemaIdentityFunction",
    list: provider.IDENTITY_FUNCTIONS,
    inputs: (fn) => modelSync({ identity: { source: modelRef("email"), target: "Email", function: fn } }),
  },
  {
    resource: "ModelSync",
    property: "filters[0].function",
    sdk: "FilterFunction",
    list: provider.FILTER_FUNCTIONS,
    inputs: (fn) => modelSync({ filters: [{ field: modelRef("email"), function: fn, ...programValue(fn) }] }),
  },
  {
    resource: "ModelSync",
    property: "filters[0].fieldType",
    sdk: "FilterFieldReferenceType",
    list: provider.FILTER_FIELD_TYPES,
    inputs: (fieldType) => modelSync({ filters: [{ fieldId: "Email", fieldType, function: "IsNotNull" }] }),
  },
  {
    resource: "ModelSync",
    property: "overrides[0].function",
    sdk: "FilterFunction",
    list: provider.FILTER_FUNCTIONS,
    inputs: (fn) =>
      modelSync({
        overrides: [{ field: modelRef("email"), function: fn, ...programValue(fn), override: "n/a" }],
      }),
  },
];

/** SDK enumerations of the requests that no member of the provider's Args takes, each with why. */
const NOT_IN_ARGS: Readonly<Record<string, string>> = {
  BulkFetchMode: "StartBulkSyncRequest: the provider declares syncs; it does not run them",
  BulkResyncMode: "StartBulkSyncRequest: the provider declares syncs; it does not run them",
};

async function failures(member: ArgsMember, value: string) {
  const inputs = member.inputs(value);
  const result =
    member.resource === "BulkSync"
      ? await bulkSyncProvider.check?.(inputs as BulkSyncInputs, inputs as BulkSyncInputs)
      : await modelSyncProvider.check?.(inputs as ModelSyncInputs, inputs as ModelSyncInputs);
  return result?.failures ?? [];
}

describe("the provider's Args take the SDK's enumerations", () => {
  it("every enumeration of the requests is a member of the Args, or listed as not one with why", () => {
    const inArgs = new Set(ARGS.map((m) => m.sdk));
    const uncovered = [...new Set(MEMBERS.values())].filter(
      (name) => !inArgs.has(name) && !NOT_IN_ARGS[name],
    );
    expect(uncovered).toEqual([]);
    for (const name of Object.keys(NOT_IN_ARGS)) expect(inArgs.has(name), name).toBe(false);
  });

  it.each(ARGS.map((m) => ({ ...m, label: `${m.resource}.${m.property}` })))(
    "$label: the provider's list is the SDK's $sdk, but for the documented exceptions",
    (member) => {
      const expected = sdkEnum(member.sdk).filter((v) => !member.refused?.[v]);
      expect([...member.list].sort()).toEqual(expected.sort());
    },
  );
});

describe.each(ARGS.map((m) => ({ ...m, label: `${m.resource}.${m.property}` })))(
  "the provider's check on $label ($sdk)",
  (member) => {
    const values = sdkEnum(member.sdk);
    const prefix = `${member.resource} "enums": ${member.property} `;
    // The engine looks a failure's property up as a top-level input only: the whole path is in the reason.
    const topLevel = member.property.split(/[.[]/)[0];

    it.each(values.filter((v) => !member.refused?.[v]))("accepts %s", async (value) => {
      expect(await failures(member, value)).toEqual([]);
    });

    const refused = Object.entries(member.refused ?? {});
    if (refused.length > 0)
      it.each(refused)(
        "refuses %s on purpose (the documented exception), saying why",
        async (value, says) => {
          const found = await failures(member, value);
          expect(found.map((f) => f.property)).toEqual([topLevel]);
          expect(found[0]?.reason.startsWith(prefix)).toBe(true);
          expect(found[0]?.reason).toMatch(says);
        },
      );

    it("refuses a value outside the set, naming the resource and the member", async () => {
      const found = await failures(member, `Not${member.sdk}`);
      expect(found.map((f) => f.property)).toEqual([topLevel]);
      expect(found[0]?.reason).toBe(
        `${prefix}must be one of ${member.list.join(", ")} (got "Not${member.sdk}")`,
      );
    });
  },
);

describe.each(["2024-02-08", "2025-09-18"])(
  "every value the provider's Args take goes through the provider and the emulator and settles (%s)",
  (version) => {
    beforeAll(async () => {
      await resetRuntime();
      const config: Record<string, string> = {
        "polytomic:apiKey": emu.apiKey,
        "polytomic:baseUrl": emu.url,
        "polytomic:apiVersion": version,
      };
      configureProvider({ get: (key) => config[key] });
    });

    /** Creates through the provider, reads back, and diffs the read against the same program. */
    async function settles(inputs: BulkSyncInputs | ModelSyncInputs): Promise<void> {
      const bulk = "sourceConnectionId" in inputs;
      const resource = (bulk ? bulkSyncProvider : modelSyncProvider) as typeof bulkSyncProvider;
      const program = inputs as BulkSyncInputs;
      const created = await resource.create?.(program);
      if (!created) throw new Error("no create result");
      const read = await resource.read?.(created.id, created.outs as BulkSyncOutputs);
      const live = (read?.props ?? {}) as BulkSyncOutputs | ModelSyncOutputs;
      const diff = await resource.diff?.(created.id, live as BulkSyncOutputs, program);
      expect(diff?.changes, JSON.stringify({ program, live })).toBe(false);
      await resource.delete?.(created.id, live as BulkSyncOutputs);
    }

    const real = (over: Partial<BulkSyncInputs>) =>
      bulkSync({
        sourceConnectionId: ids.sf,
        destinationConnectionId: ids.s3,
        schemas: ["Account"],
        ...over,
      });
    const realSync = (over: Partial<ModelSyncInputs>) => {
      const target = { connectionId: ids.sf, object: "Contact" };
      const ref = (field: string) => ({ modelId: ids.model, field });
      return modelSync({
        target,
        targetConnectionId: ids.sf,
        identity: { source: ref("email"), target: "Email" },
        fields: [{ source: ref("last_name"), target: "LastName" }],
        ...over,
      });
    };
    const modelField = () => ({ modelId: ids.model, field: "email" });
    const frequencies = provider.SCHEDULE_FREQUENCIES;

    it.each(provider.BULK_SYNC_MODES)("BulkSync mode %s", (mode) => settles(real({ mode })));
    it.each(provider.BULK_DISCOVER)("BulkSync automaticallyAddNewObjects and ...Fields %s", (value) =>
      settles(real({ automaticallyAddNewObjects: value, automaticallyAddNewFields: value })),
    );
    it.each(provider.BULK_NORMALIZE_NAMES)("BulkSync normalizeNames %s", (value) =>
      settles(real({ normalizeNames: value })),
    );
    it.each(frequencies)("BulkSync schedule.frequency %s", (value) =>
      settles(real({ schedule: programSchedule(value) })),
    );
    // 2024-02-08 carries no schemas per additional schedule (BulkItemizedSchedule is item + schedule).
    const scoped = version === "2025-09-18" ? { schemas: ["Account"] } : {};
    it.each(frequencies)("BulkSync additionalSchedules[0].frequency %s", (value) =>
      settles(real({ additionalSchedules: [{ ...programSchedule(value), ...scoped }] })),
    );
    it.each([...provider.BULK_SELECTIVE_MODES, undefined])(
      "BulkSync additionalSchedules[0].selectiveMode %s",
      (selectiveMode) =>
        settles(
          real({
            additionalSchedules: [
              { ...programSchedule("hourly"), ...(selectiveMode ? { selectiveMode } : {}) },
            ],
          }),
        ),
    );
    it.each(provider.MODEL_SYNC_MODES)("ModelSync mode %s", (mode) => {
      const target = targets.get(mode);
      if (!target) throw new Error(`no target object lists mode ${mode}`);
      const ref = { modelId: ids.model, field: "email" };
      return settles(
        realSync({
          mode,
          target: { connectionId: target.connection_id, object: target.object },
          targetConnectionId: target.connection_id,
          fields: [{ source: ref, target: target.field }],
          identity: (provider.IDENTITY_MODES as readonly string[]).includes(mode)
            ? { source: ref, target: target.field }
            : undefined,
        }),
      );
    });
    it.each(frequencies)("ModelSync schedule.frequency %s", (value) => {
      const schedule = syncProgramSchedule(value);
      // The schedule's references must exist: the upstream bulk sync, a connection for dbt Cloud.
      if (value === "runafter") Object.assign(schedule, { runAfter: { bulkSyncIds: [ids.bulk] } });
      if (value === "dbtcloud") Object.assign(schedule, { connectionId: ids.pg });
      return settles(realSync({ schedule }));
    });
    it.each(provider.IDENTITY_FUNCTIONS)("ModelSync identity.function %s", (fn) =>
      settles(realSync({ identity: { source: modelField(), target: "Email", function: fn } })),
    );
    it.each(provider.FILTER_FUNCTIONS)("ModelSync filters[0].function and overrides[0].function %s", (fn) =>
      settles(
        realSync({
          filters: [{ field: modelField(), function: fn, ...programValue(fn) }],
          overrides: [{ field: modelField(), function: fn, ...programValue(fn), override: "n/a" }],
        }),
      ),
    );
    it.each(provider.FILTER_FIELD_TYPES)("ModelSync filters[0].fieldType %s", (fieldType) =>
      settles(
        realSync({
          filters: [{ fieldId: fieldType === "Model" ? "email" : "Email", fieldType, function: "IsNotNull" }],
        }),
      ),
    );
  },
);
