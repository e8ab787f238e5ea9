/**
 * Where a bulk sync's schema selection meets the API. The engine runs `check` calls one at a time, so
 * `check` skips its GET of the source's schemas when nothing it would validate changed, and when this
 * process created the source (an `up` creating both; the id was unknown at preview): `create` then
 * validates, naming the resource and the field, before any POST. A create whose source's schemas were
 * just read goes straight to its POST (and the GET that checks the answer names a live sync); otherwise it
 * polls the schema status first.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { configureProvider, resetRuntime } from "../../provider/client/runtime";
import { type BulkSyncInputs, bulkSyncProvider } from "../../provider/resources/bulkSync";
import { type ConnectionInputs, connectionProvider } from "../../provider/resources/connection";
import { data, rawClient } from "../contract/http";
import { providerOnEmulator, stopProviderOnEmulator } from "./providerOnEmulator";

/** The emulator fills a new connection's schema cache after this long. */
const CACHE_DELAY_MS = 300;

let emu: Emulator;
beforeAll(async () => {
  emu = await providerOnEmulator({ schemaCacheDelayMs: CACHE_DELAY_MS });
});
afterAll(async () => {
  await stopProviderOnEmulator(emu);
});
beforeEach(() => emu.clearRequestLog());

const urn = (kind: string, name: string) =>
  `urn:pulumi:dev::p::pulumi-nodejs:dynamic/polytomic:${kind}::${name}`;

/** Creates a connection the way the provider does in an `up`, so this process knows it created it. */
async function createdConnection(name: string, type: string, configuration: Record<string, unknown>) {
  const inputs: ConnectionInputs = { resourceUrn: urn("Connection", name), name, type, configuration };
  const result = await connectionProvider.create?.(inputs);
  if (!result) throw new Error("no create result");
  return result.id;
}

const call = rawClient(() => emu);

/** A create's calls: the POST, then the GET that makes sure the answer is not a replay of a deleted sync. */
const CREATE = ["POST /api/bulk/syncs", "GET /api/bulk/syncs/:id"];

/** A connection made out of band (it existed before this process started). */
async function existingConnection(name: string): Promise<string> {
  const response = await call("POST", "/api/connections", {
    name,
    type: "stripe",
    configuration: { api_key: "sk_test_existing" },
  });
  return String(data(response).id);
}

async function bucket(name: string): Promise<string> {
  return createdConnection(name, "s3", {
    auth_mode: "access_key_and_secret",
    aws_access_key_id: "AKIA",
    aws_secret_access_key: "bucket-secret",
    s3_bucket_region: "us-east-1",
    s3_bucket_name: name,
  });
}

function sync(name: string, source: string, destination: string, schemas: string[]): BulkSyncInputs {
  return {
    resourceUrn: urn("BulkSync", name),
    name,
    sourceConnectionId: source,
    destinationConnectionId: destination,
    mode: "replicate",
    schedule: { frequency: "manual" },
    destinationConfiguration: { format: "csv" },
    schemas,
  } as BulkSyncInputs;
}

const calls = () => emu.requestLog.map((e) => `${e.method} ${e.route}`);
const SOURCE_SCHEMAS = "GET /api/connections/:id/bulksync/source";
const STATUS = "GET /api/connections/:id/schemas/status";

describe("a bulk sync on a source this process created", () => {
  it("leaves the selection to create, which names the resource and field and POSTs nothing", async () => {
    const source = await createdConnection("billing-src", "stripe", { api_key: "sk_test_fresh" });
    const destination = await bucket("billing-dst");
    const inputs = sync("billing", source, destination, ["customers", "no_such_object"]);
    emu.clearRequestLog();

    const checked = await bulkSyncProvider.check?.({} as BulkSyncInputs, inputs);
    expect(checked?.failures ?? []).toEqual([]);
    expect(calls()).not.toContain(SOURCE_SCHEMAS);

    const error = await bulkSyncProvider.create?.(inputs).then(
      () => undefined,
      (err: unknown) => err as Error,
    );
    expect(error?.message).toMatch(
      /^BulkSync "billing": schemas\[1\] "no_such_object" is not a schema of the source \(available: .*customers/,
    );
    expect(calls()).not.toContain("POST /api/bulk/syncs");
    expect(emu.store.list("bulkSyncs")).toHaveLength(0);
  });

  it("reads the schemas once, and polls the status only while the cache is not filled", async () => {
    const source = await createdConnection("orders-src", "stripe", { api_key: "sk_test_orders" });
    const destination = await bucket("orders-dst");
    emu.clearRequestLog();
    // Created a moment ago: the first read finds no schemas, so create polls, then validates.
    const created = await bulkSyncProvider.create?.(sync("orders", source, destination, ["customers"]));
    expect(created?.outs?.schemas).toEqual(["customers"]);
    const first = calls();
    expect(first[0]).toBe(SOURCE_SCHEMAS);
    expect(first).toContain(STATUS);
    expect(first.at(-3)).toBe(SOURCE_SCHEMAS);
    expect(first.slice(-2)).toEqual(CREATE);

    // A second sync from the same source validates against what this process read: just the POST.
    emu.clearRequestLog();
    await bulkSyncProvider.create?.(sync("orders-again", source, destination, ["invoices"]));
    expect(calls()).toEqual(CREATE);
  });
});

describe("a bulk sync on an existing source", () => {
  it("is validated by check, and create reuses what check saw", async () => {
    const source = await existingConnection("crm-existing");
    const destination = await bucket("crm-dst");
    await new Promise((resolve) => setTimeout(resolve, CACHE_DELAY_MS + 100));
    const bad = await bulkSyncProvider.check?.(
      {} as BulkSyncInputs,
      sync("crm", source, destination, ["nope"]),
    );
    expect(bad?.failures).toHaveLength(1);
    expect(bad?.failures?.[0]?.reason).toMatch(
      /^BulkSync "crm": schemas\[0\] "nope" is not a schema of the source/,
    );

    const inputs = sync("crm", source, destination, ["customers"]);
    expect((await bulkSyncProvider.check?.({} as BulkSyncInputs, inputs))?.failures ?? []).toEqual([]);
    emu.clearRequestLog();
    await bulkSyncProvider.create?.(inputs);
    expect(calls()).toEqual(CREATE);
  });

  it("skips the API in check when neither the source nor the selection changed", async () => {
    const source = await existingConnection("crm-unchanged");
    const destination = await bucket("crm-unchanged-dst");
    const olds = sync("steady", source, destination, ["customers", "invoices"]);
    emu.clearRequestLog();
    const news = { ...olds, schedule: { frequency: "daily", hour: "3", minute: "0" } } as BulkSyncInputs;
    expect((await bulkSyncProvider.check?.(olds, news))?.failures ?? []).toEqual([]);
    expect(calls()).toEqual([]);
    // A changed selection is checked again.
    await bulkSyncProvider.check?.(olds, { ...news, schemas: ["customers", "nope"] });
    expect(calls()).toEqual([SOURCE_SCHEMAS]);
  });
});

describe("additional schedules under API version 2024-02-08", () => {
  beforeAll(async () => {
    await resetRuntime();
    const values: Record<string, string> = {
      "polytomic:apiKey": emu.apiKey,
      "polytomic:baseUrl": emu.url,
      "polytomic:apiVersion": "2024-02-08",
    };
    configureProvider({ get: (key) => values[key] });
  });
  it("refuses a schedule's schemas at check, since the wire's multi items cannot carry them", async () => {
    const inputs = {
      ...sync("split", "src", "dst", ["customers"]),
      additionalSchedules: [{ frequency: "daily", hour: "1", minute: "0", schemas: ["customers"] }],
    } as BulkSyncInputs;
    const failures = (await bulkSyncProvider.check?.(inputs, inputs))?.failures ?? [];
    expect(failures.map((f) => f.property)).toEqual(["additionalSchedules"]);
    expect(failures[0]?.reason).toMatch(
      /^BulkSync "split": additionalSchedules\[0\]\.schemas needs API version 2025-09-18/,
    );
  });
});
