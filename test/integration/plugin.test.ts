/**
 * The provider plugin (`pulumi-resource-polytomic`, bin/) through the real engine: the engine loads it
 * from the path in the project's `plugins.providers`, as a user's Pulumi.yaml would name it, and the
 * program declares `polytomic:index:*` resources by type token (what a generated SDK or a YAML program
 * sends). Two organizations in one stack: the default provider from stack config, and an explicit
 * provider instance for a second organization (its own emulator, its own key). Each step settles.
 */
import * as pulumi from "@pulumi/pulumi";
import type { EngineEvent, PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator";
import { type OfflineEngine, startOfflineEngine, storedState } from "../../scripts/engine/offlineEngine";
import { native, PolytomicProvider, pluginStack } from "./pluginHarness";
import { declaredObjects, expectNoChanges, expectRefreshSettles } from "./settle";

function program(orgB: Emulator, warehouseName: string): PulumiFn {
  return async () => {
    const warehouse = native(
      "Connection",
      "warehouse",
      {
        name: warehouseName,
        type: "postgresql",
        configuration: {
          hostname: "db.internal",
          username: "loader",
          password: "plugin-pg-secret",
          database: "app",
        },
      },
      ["connectionId", "status"],
    );
    const users = native(
      "Model",
      "users",
      {
        connectionId: warehouse.id,
        configuration: { query: "select email, first_name, last_name from users" },
      },
      ["modelId", "fieldIds"],
    );
    const orgBProvider = new PolytomicProvider("org-b", {
      apiKey: pulumi.secret(orgB.apiKey),
      baseUrl: orgB.url,
    });
    const crm = native(
      "Connection",
      "crm",
      {
        type: "salesforce",
        configuration: {
          domain: "org-b.my.salesforce.com",
          connect_mode: "api",
          client_id: "org-b-client",
          client_secret: "plugin-sf-secret",
        },
      },
      ["connectionId", "authUrl"],
      { provider: orgBProvider },
    );
    return { warehouseId: warehouse.id, modelFields: users.fieldIds, crmId: crm.id, crmAuthUrl: crm.authUrl };
  };
}

let orgA: Emulator;
let orgB: Emulator;
let engine: OfflineEngine;
let stack: Stack;

const stackFor = (fn: PulumiFn) => pluginStack(engine, orgA, "plugin", fn);

beforeAll(async () => {
  [orgA, orgB] = await Promise.all([
    startEmulator({ port: 0, schemaCacheDelayMs: 100 }),
    startEmulator({ port: 0, schemaCacheDelayMs: 100 }),
  ]);
  engine = await startOfflineEngine();
  stack = await stackFor(program(orgB, "warehouse"));
});
afterAll(async () => {
  await engine?.cleanup();
  await Promise.all([orgA?.close(), orgB?.close()]);
});

const ids = (emulator: Emulator, kind: "connections" | "models") =>
  (emulator.store.list(kind) as { id: string }[]).map((o) => o.id).sort();

it("creates, previews, refreshes, updates and destroys native resources in two organizations", async () => {
  const events: EngineEvent[] = [];
  const up = await stack.up({ onEvent: (e) => events.push(e) });
  expect(up.summary.result).toBe("succeeded");
  expect(ids(orgA, "connections")).toEqual([up.outputs.warehouseId?.value]);
  expect(ids(orgA, "models")).toHaveLength(1);
  expect(ids(orgB, "connections")).toEqual([up.outputs.crmId?.value]);
  expect(up.outputs.modelFields?.value).toEqual(["email", "first_name", "last_name"]);
  expect(up.outputs.crmAuthUrl?.value).toBe("");
  // The state records exactly what the two organizations hold between them.
  const declared = (await declaredObjects(stack)).map((o) => o.id).sort();
  expect(declared).toEqual(
    [...ids(orgA, "connections"), ...ids(orgA, "models"), ...ids(orgB, "connections")].sort(),
  );

  // Secrets stay encrypted in the state: the configuration is secret whatever the program marked.
  const state = await storedState(stack);
  for (const secret of ["plugin-pg-secret", "plugin-sf-secret", orgA.apiKey, orgB.apiKey])
    expect(state).not.toContain(secret);
  expect(state).toMatch(/"type":\s*"polytomic:index:Connection"/);

  await expectNoChanges(stack, "after up");
  await expectRefreshSettles(stack, "refresh");

  // An update previewed: the connection id stays known (a stable output), the name changes in place.
  const renamed = await stackFor(program(orgB, "warehouse-renamed"));
  const previewEvents: EngineEvent[] = [];
  const preview = await renamed.preview({ diff: true, onEvent: (e) => previewEvents.push(e) });
  expect(preview.changeSummary).toMatchObject({ update: 1 });
  expect(preview.stdout).not.toMatch(/resourceUrn|__/);
  // The previewed outputs of the connection being updated: its id output and unchanged inputs are
  // known (the plugin's stables); what the update may change is not.
  const planned = previewEvents
    .map((e) => e.resOutputsEvent?.metadata)
    .find((m) => m?.urn.endsWith("::warehouse"))?.new?.outputs;
  expect(planned).toMatchObject({ connectionId: up.outputs.warehouseId?.value, type: "postgresql" });
  const update = await renamed.up();
  expect(update.summary.resourceChanges).toMatchObject({ update: 1 });
  expect((orgA.store.list("connections") as { name: string }[]).map((c) => c.name)).toEqual([
    "warehouse-renamed",
  ]);
  await expectNoChanges(renamed, "after update");

  const destroy = await renamed.destroy();
  expect(destroy.summary.result).toBe("succeeded");
  expect(ids(orgA, "connections")).toEqual([]);
  expect(ids(orgA, "models")).toEqual([]);
  expect(ids(orgB, "connections")).toEqual([]);
});
