/**
 * The two front ends make the same API calls for the same program. One pipeline (a Salesforce source
 * with client credentials, a PostgreSQL destination, a SchemaReady on the source and a BulkSync of a
 * few schemas) is declared once with the dynamic resource classes and once by type token through the
 * provider plugin, each against a fresh emulator of its own; up, an unchanged preview, refresh and
 * destroy run for both, and each step's request log must be the same sequence of calls.
 *
 * The logs are compared as `METHOD path status` lines. Object ids differ between the emulators, so each
 * UUID becomes `<n>`, its order of first appearance in the run. Idempotency-Key values differ too (they
 * hash the URN, whose type token differs between the front ends), so only their presence is compared.
 * The engine runs one step at a time (`parallel: 1`): with its default parallelism the two connections'
 * POSTs race, and neither the order of the calls nor the ids' numbering would be the same twice. The
 * warehouse also waits for the source (`dependsOn`): the dynamic Connection class registers a Salesforce
 * connection a few turns of the event loop later than a PostgreSQL one (it marks the type's secret
 * fields before registering), while the plugin's program registers both at once, so without it the
 * two front ends would check and create the connections in opposite orders. That is the program's
 * order, not a call either front end makes or skips.
 */
import * as path from "node:path";
import { LocalWorkspace, type ProjectSettings, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, type RequestLogEntry, startEmulator } from "../../emulator";
import { type OfflineEngine, startOfflineEngine } from "../../scripts/engine/offlineEngine";
import { loadPackage, repoRoot } from "./harness";
import { native } from "./pluginHarness";

const STEPS = ["up", "preview", "refresh", "destroy"] as const;
type Step = (typeof STEPS)[number];
type StepLogs = Record<Step, string[]>;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** A step's requests as comparable lines, UUIDs numbered in order of first appearance across the run. */
function normalize(entries: readonly RequestLogEntry[], ids: Map<string, number>): string[] {
  return entries.map((entry) => {
    const route = entry.path.replace(UUID, (id) => {
      const key = id.toLowerCase();
      if (!ids.has(key)) ids.set(key, ids.size + 1);
      return `<${ids.get(key)}>`;
    });
    return `${entry.method} ${route} ${entry.status}${entry.idempotencyKey ? " [Idempotency-Key]" : ""}`;
  });
}

/**
 * Where two sequences of calls part: the calls only `a` makes and those only `b` makes (as multisets),
 * and the first index where they differ in order. Empty when they are equal.
 */
function logDifferences(a: readonly string[], b: readonly string[]): string[] {
  const count = (lines: readonly string[]) => {
    const counts = new Map<string, number>();
    for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
    return counts;
  };
  const [ca, cb] = [count(a), count(b)];
  const problems: string[] = [];
  for (const line of new Set([...a, ...b])) {
    const extra = (ca.get(line) ?? 0) - (cb.get(line) ?? 0);
    if (extra > 0) problems.push(`only dynamic (×${extra}): ${line}`);
    if (extra < 0) problems.push(`only plugin (×${-extra}): ${line}`);
  }
  const first = a.findIndex((line, i) => line !== b[i]);
  const at = first === -1 && a.length !== b.length ? Math.min(a.length, b.length) : first;
  if (problems.length === 0 && at !== -1) problems.push(`same calls in another order from call ${at + 1}`);
  return problems;
}

const SF_CONFIGURATION = {
  domain: "acme.my.salesforce.com",
  connect_mode: "api",
  client_id: "front-ends-client",
  client_secret: "front-ends-sf-secret",
} as const;
const PG_CONFIGURATION = {
  hostname: "db.internal",
  username: "loader",
  password: "front-ends-pg-secret",
  database: "raw",
  port: 5432,
} as const;
const SCHEMAS = ["Account", "Contact", "Opportunity"];
const SYNC = {
  mode: "replicate" as const,
  schedule: { frequency: "daily" as const, hour: "3", minute: "0" },
  destinationConfiguration: { schema: "SALESFORCE" },
  schemas: SCHEMAS,
};

/** The pipeline with the dynamic resource classes of the compiled package. */
function dynamicProgram(): PulumiFn {
  const polytomic = loadPackage();
  return async () => {
    const crm = new polytomic.Connection("crm", { type: "salesforce", configuration: SF_CONFIGURATION });
    const warehouse = new polytomic.Connection(
      "warehouse",
      { type: "postgresql", configuration: PG_CONFIGURATION },
      { dependsOn: [crm] },
    );
    const ready = new polytomic.SchemaReady("crm-schemas", { connectionId: crm.id, timeoutSeconds: 30 });
    const sync = new polytomic.BulkSync(
      "crm-to-warehouse",
      { sourceConnectionId: crm.id, destinationConnectionId: warehouse.id, ...SYNC },
      { dependsOn: [ready] },
    );
    return { bulkSyncId: sync.bulkSyncId };
  };
}

/** The same pipeline by type token, served by the provider plugin. */
function pluginProgram(): PulumiFn {
  return async () => {
    const outputs = ["connectionId", "status", "authUrl"];
    const crm = native("Connection", "crm", { type: "salesforce", configuration: SF_CONFIGURATION }, outputs);
    const warehouse = native(
      "Connection",
      "warehouse",
      { type: "postgresql", configuration: PG_CONFIGURATION },
      outputs,
      { dependsOn: [crm] },
    );
    const ready = native("SchemaReady", "crm-schemas", { connectionId: crm.id, timeoutSeconds: 30 }, [
      "schemaIds",
    ]);
    const sync = native(
      "BulkSync",
      "crm-to-warehouse",
      { sourceConnectionId: crm.id, destinationConnectionId: warehouse.id, ...SYNC },
      ["bulkSyncId"],
      { dependsOn: [ready] },
    );
    return { bulkSyncId: sync.bulkSyncId };
  };
}

let engine: OfflineEngine;
const emulators: Emulator[] = [];

/** A stack of `program` against a fresh emulator; with `plugin`, its project loads the plugin from bin/. */
async function stackFor(name: string, program: PulumiFn, plugin: boolean): Promise<[Stack, Emulator]> {
  // Schema caches fill at once, so SchemaReady and BulkSync poll a fixed number of times.
  const emulator = await startEmulator({ port: 0, schemaCacheDelayMs: 0 });
  emulators.push(emulator);
  const projectName = `polytomic-front-ends-${name}`;
  const options = engine.workspaceOptions({ projectName, programDir: repoRoot });
  const settings = options.projectSettings ?? { name: projectName, runtime: "nodejs" };
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: name, projectName, program },
    {
      ...options,
      projectSettings: plugin
        ? // As a user's Pulumi.yaml names it; the Automation API's ProjectSettings type lacks `plugins`.
          ({
            ...settings,
            plugins: { providers: [{ name: "polytomic", path: path.join(repoRoot, "bin") }] },
          } as ProjectSettings)
        : settings,
    },
  );
  await stack.setConfig("polytomic:apiKey", { value: emulator.apiKey, secret: true });
  await stack.setConfig("polytomic:baseUrl", { value: emulator.url });
  return [stack, emulator];
}

/** Up, an unchanged preview, refresh and destroy, one step at a time, with each step's calls. */
async function lifecycle(stack: Stack, emulator: Emulator): Promise<StepLogs> {
  const ids = new Map<string, number>();
  const logs: Partial<StepLogs> = {};
  const run = async (step: Step, work: () => Promise<unknown>) => {
    emulator.clearRequestLog();
    await work();
    logs[step] = normalize(emulator.requestLog, ids);
  };
  await run("up", () => stack.up({ parallel: 1 }));
  await run("preview", async () => {
    const preview = await stack.preview({ parallel: 1 });
    expect(preview.changeSummary).toEqual({ same: 5 });
  });
  await run("refresh", () => stack.refresh({ parallel: 1 }));
  await run("destroy", () => stack.destroy({ parallel: 1 }));
  expect(emulator.store.count()).toBe(0);
  return logs as StepLogs;
}

let dynamic: StepLogs;
let plugin: StepLogs;

beforeAll(async () => {
  engine = await startOfflineEngine();
  dynamic = await lifecycle(...(await stackFor("dynamic", dynamicProgram(), false)));
  plugin = await lifecycle(...(await stackFor("plugin", pluginProgram(), true)));
});
afterAll(async () => {
  await engine?.cleanup();
  await Promise.all(emulators.map((e) => e.close()));
});

describe("the dynamic resources and the provider plugin make the same API calls", () => {
  it.each(STEPS)("%s", (step) => {
    expect(logDifferences(dynamic[step], plugin[step])).toEqual([]);
    expect(plugin[step]).toEqual(dynamic[step]);
  });

  it("an unchanged preview asks the API nothing, through either front end", () => {
    expect(dynamic.preview).toEqual([]);
    expect(plugin.preview).toEqual([]);
  });

  it("the comparison fails when one front end makes a call the other does not", () => {
    const extra = [...dynamic.refresh];
    extra.splice(1, 0, "GET /api/connections/<1> 200");
    expect(logDifferences(dynamic.refresh, extra)).toEqual([
      "only plugin (×1): GET /api/connections/<1> 200",
    ]);
    expect(logDifferences(extra, dynamic.refresh)).toEqual([
      "only dynamic (×1): GET /api/connections/<1> 200",
    ]);
    const reordered = [...dynamic.up].reverse();
    expect(logDifferences(dynamic.up, reordered)).toEqual(["same calls in another order from call 1"]);
  });
});
