/**
 * The package as users install it (packed by `npm pack`, extracted under node_modules) through the real
 * engine: Pulumi stores each resource's provider as one short `require` of the installed package (not
 * the repository's shim, which only programs outside node_modules get), the provider host loads it
 * from there, and a pipeline settles (settle.ts): after up the API holds exactly the declared objects,
 * a preview and a refresh change nothing, destroy leaves nothing. Also the
 * calls of a bulk sync's create when `check` has just seen its source's schemas: one POST, nothing else.
 */
import * as path from "node:path";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedState } from "../../scripts/engine/offlineEngine";
import { createInstalledProject, type InstalledProject } from "../../scripts/package/installedProject";
import { repoRoot, startRig, type TestRig } from "./harness";
import { expectApiHoldsState, expectNoChanges, expectRefreshSettles, settledDestroy } from "./settle";

const SF_SECRET = "installed-sf-s3cret";
const SNOWFLAKE_PASSWORD = "installed-sn0wflake";

function program(installed: InstalledProject): PulumiFn {
  const polytomic = installed.load();
  return async () => {
    const source = new polytomic.Connection("crm", {
      type: "salesforce",
      configuration: {
        domain: "acme.my.salesforce.com",
        connect_mode: "api",
        client_id: "sf-client-id",
        client_secret: SF_SECRET,
      },
    });
    const warehouse = new polytomic.Connection("warehouse", {
      type: "snowflake",
      configuration: {
        account: "acme-xy12345",
        username: "loader",
        password: SNOWFLAKE_PASSWORD,
        dbname: "RAW",
      },
    });
    const sync = new polytomic.BulkSync("crm-to-warehouse", {
      sourceConnectionId: source.id,
      destinationConnectionId: warehouse.id,
      mode: "replicate",
      schedule: { frequency: "daily", hour: "4", minute: "0" },
      destinationConfiguration: { schema: "SALESFORCE" },
      schemas: ["Account", { id: "Contact", fields: ["Id", "Email"] }],
    });
    return { syncId: sync.id };
  };
}

interface StateResource {
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

describe("the package installed under node_modules", () => {
  let installed: InstalledProject;
  let rig: TestRig;

  beforeAll(async () => {
    installed = await createInstalledProject(path.join(repoRoot, ".cache", "it-installed-package"));
    // Caches fill at once, so the bulk sync's check sees its source's schemas before its create.
    rig = await startRig({ programDir: installed.dir, schemaCacheDelayMs: 0 });
  }, 120_000);

  afterAll(async () => {
    await rig?.close();
  });

  it("stores one short require per provider and runs the whole lifecycle from it", async () => {
    const stack = await rig.stack("installed", program(installed));
    rig.emulator.clearRequestLog();
    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.outputs.syncId?.value).toMatch(/^[0-9a-f-]{36}$/);

    // The bulk sync's create: its check read the source's schemas, so no status poll; the POST carried
    // the whole selection, so no read-back.
    const upCalls = rig.emulator.requestLog.map((e) => `${e.method} ${e.route}`);
    expect(upCalls.filter((c) => c === "POST /api/bulk/syncs")).toHaveLength(1);
    expect(upCalls).not.toContain("GET /api/connections/:id/schemas/status");
    expect(upCalls).not.toContain("GET /api/bulk/syncs/:id/schemas");
    await expectApiHoldsState(stack, rig.emulator, "up");

    const state = await storedState(stack);
    expect(state).not.toContain(SF_SECRET);
    expect(state).not.toContain(SNOWFLAKE_PASSWORD);
    const resources = (JSON.parse(state) as { deployment: { resources: StateResource[] } }).deployment
      .resources;
    const dynamic = resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/polytomic:"));
    expect(dynamic.map((r) => r.type.split(":").at(-1)).sort()).toEqual([
      "BulkSync",
      "Connection",
      "Connection",
    ]);
    for (const r of dynamic) {
      const kind = r.type.split(":").at(-1) ?? "";
      const file = `${kind[0]?.toLowerCase()}${kind.slice(1)}`;
      for (const provider of [r.inputs?.__provider, r.outputs?.__provider]) {
        expect(provider, kind).toContain(`require("pulumi-polytomic/dist/provider/dynamic/${file}.js")`);
        expect((provider as string).length, kind).toBeLessThan(400);
        expect(provider, kind).not.toContain(repoRoot);
        expect(provider, kind).not.toContain("providerImplementations");
      }
    }
    // The created sync holds the program's selection, as the API reports it.
    const sync = dynamic.find((r) => r.type.endsWith(":BulkSync"));
    expect(sync?.outputs?.schemas).toEqual(["Account", { id: "Contact", fields: ["Id", "Email"] }]);

    await expectNoChanges(stack, "preview after up");
    await expectRefreshSettles(stack, "refresh after up");
    await settledDestroy(stack, rig.emulator, "destroy");
  }, 240_000);
});
