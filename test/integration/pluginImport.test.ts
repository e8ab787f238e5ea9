/**
 * What the provider plugin can do that dynamic resources cannot, through the real engine:
 * `pulumi import <type> <name> <id>` and bulk import from a file, a static `get` of an existing object,
 * `customTimeouts` bounding a wait the program did not bound, and a provider instance's configuration
 * checked at preview.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import type { PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator";
import { type OfflineEngine, startOfflineEngine } from "../../scripts/engine/offlineEngine";
import { createdId, rawClient } from "../contract/http";
import { native, PolytomicProvider, pluginStack } from "./pluginHarness";
import { expectNoChanges, expectRefreshSettles } from "./settle";

const execFileAsync = promisify(execFile);

let emulator: Emulator;
let engine: OfflineEngine;
let existing: { warehouse: string; users: string };

const call = rawClient(() => emulator);
/** Creates an object out of band, as existing objects are, and returns its id. */
const post = (apiPath: string, body: unknown) => createdId(call, apiPath, body);

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, schemaCacheDelayMs: 100 });
  engine = await startOfflineEngine();
  const warehouse = await post("/api/connections", {
    name: "legacy-warehouse",
    type: "postgresql",
    configuration: { hostname: "db.internal", username: "reader", password: "import-pw", database: "app" },
  });
  const users = await post("/api/models", {
    name: "legacy-users",
    connection_id: warehouse,
    configuration: { query: "select email, first_name from public.users" },
  });
  existing = { warehouse, users };
});
afterAll(async () => {
  await engine?.cleanup();
  await emulator?.close();
});

const empty: PulumiFn = async () => ({});

/** The stack's resources of `type`, with their ids and inputs. */
async function stateOf(stack: Stack, type: string) {
  const resources = ((await stack.exportStack()).deployment as { resources: StateResource[] }).resources;
  return resources.filter((r) => r.type === type);
}
interface StateResource {
  type: string;
  id?: string;
  urn: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

it("imports one connection with `pulumi import <type> <name> <id>`", async () => {
  const stack = await pluginStack(engine, emulator, "import-one", empty);
  // The command a user types, in the stack's project directory.
  await execFileAsync(
    path.join(engine.binDir, "pulumi"),
    [
      "import",
      "polytomic:index:Connection",
      "warehouse",
      existing.warehouse,
      "--yes",
      "--generate-code=false",
    ],
    { cwd: stack.workspace.workDir, env: { ...process.env, ...engine.envVars, PULUMI_STACK: "import-one" } },
  );
  const [connection] = await stateOf(stack, "polytomic:index:Connection");
  expect(connection?.id).toBe(existing.warehouse);
  expect(connection?.inputs).toMatchObject({ name: "legacy-warehouse", type: "postgresql" });
  expect(connection?.outputs).toMatchObject({ connectionId: existing.warehouse, status: "healthy" });
  // The import is recorded; nothing new exists in the API.
  expect(emulator.store.list("connections")).toHaveLength(1);

  // The program that now declares it gives the secret the import could not read: one update, and
  // from then on the stack settles.
  const owned = await pluginStack(engine, emulator, "import-one", async () => {
    native(
      "Connection",
      "warehouse",
      {
        name: "legacy-warehouse",
        type: "postgresql",
        configuration: {
          hostname: "db.internal",
          username: "reader",
          password: "import-pw",
          database: "app",
        },
      },
      [],
    );
    return {};
  });
  const up = await owned.up();
  expect(up.summary.resourceChanges).toMatchObject({ update: 1 });
  await expectNoChanges(owned, "after the imported connection's first up");
  await expectRefreshSettles(owned, "refresh after import");
  expect(emulator.store.list("connections")).toHaveLength(1);
});

it("imports a connection and its model from a file (`pulumi import -f`)", async () => {
  const stack = await pluginStack(engine, emulator, "import-file", empty);
  const result = await stack.import({
    resources: [
      { type: "polytomic:index:Connection", name: "warehouse", id: existing.warehouse },
      { type: "polytomic:index:Model", name: "users", id: existing.users },
    ],
    generateCode: false,
    protect: false,
  });
  expect(result.summary.result).toBe("succeeded");
  const [model] = await stateOf(stack, "polytomic:index:Model");
  expect(model?.id).toBe(existing.users);
  expect(model?.inputs).toMatchObject({ name: "legacy-users", connectionId: existing.warehouse });
  expect(model?.outputs).toMatchObject({ fieldIds: ["email", "first_name"] });
});

it("reads an existing connection with a static get, without managing it", async () => {
  const stack = await pluginStack(engine, emulator, "get", async () => {
    const warehouse = native("Connection", "legacy", {}, ["name", "type", "status"], {
      id: existing.warehouse,
    });
    return { name: warehouse.name, type: warehouse.type, status: warehouse.status };
  });
  const up = await stack.up();
  await expectNoChanges(stack, "after the get");
  expect(up.outputs).toMatchObject({
    name: { value: "legacy-warehouse" },
    type: { value: "postgresql" },
    status: { value: "healthy" },
  });
  const [read] = await stateOf(stack, "polytomic:index:Connection");
  expect(read?.id).toBe(existing.warehouse);
  await stack.destroy();
  // A read resource is not deleted with the stack.
  expect((emulator.store.list("connections") as { id: string }[]).map((c) => c.id)).toContain(
    existing.warehouse,
  );
});

it("bounds SchemaReady's wait by customTimeouts.create when the program sets no timeoutSeconds", async () => {
  const stack = await pluginStack(engine, emulator, "timeouts", async () => {
    const crm = native(
      "Connection",
      "crm",
      {
        type: "salesforce",
        configuration: { domain: "timeouts.my.salesforce.com", connect_mode: "browser" },
      },
      ["authUrl"],
    );
    native("SchemaReady", "crm-schemas", { connectionId: crm.id }, ["schemaIds"], {
      customTimeouts: { create: "3s" },
    });
    return {};
  });
  const failure = await stack.up().then(
    () => "",
    (err: unknown) => String(err),
  );
  // Waited the 3 s bound, not the default 300 s (polls back off to 5 s, so at most one poll more).
  expect(failure).toMatch(/SchemaReady "crm-schemas": connection \S+ is not healthy \(.*\) after [0-5]s;/);
  expect(failure).toContain("/oauth/authorize/");
  await stack.destroy();
});

it("refuses a provider instance's wrong setting at preview (CheckConfig), naming the setting", async () => {
  const stack = await pluginStack(engine, emulator, "bad-provider", async () => {
    const cleartext = new PolytomicProvider("cleartext", {
      apiKey: pulumi.secret("bad-provider-key"),
      baseUrl: "http://polytomic.example.com",
    });
    native("Connection", "crm", { type: "postgresql", configuration: {} }, [], { provider: cleartext });
    return {};
  });
  const failure = await stack.preview().then(
    () => "",
    (err: unknown) => String(err),
  );
  expect(failure).toContain("polytomic:baseUrl");
  expect(failure).toContain("polytomic.example.com");
  expect(failure).toContain("allowCleartextHttp");
  expect(failure).not.toContain("bad-provider-key");
});

it("names objects by the project's autonaming pattern when the program gives no name", async () => {
  const stack = await pluginStack(engine, emulator, "autonamed", async () => {
    const warehouse = native(
      "Connection",
      "warehouse",
      {
        type: "postgresql",
        configuration: { hostname: "db", username: "u", password: "p", database: "app" },
      },
      ["name"],
    );
    return { name: warehouse.name };
  });
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Pulumi's own pattern syntax, not a JS template
  await stack.setConfig("pulumi:autonaming.pattern", { value: "${stack}-${name}" }, true);
  const up = await stack.up();
  await expectNoChanges(stack, "after the autonamed up");
  expect(up.outputs.name?.value).toBe("autonamed-warehouse");
  expect((emulator.store.list("connections") as { name: string }[]).map((c) => c.name)).toContain(
    "autonamed-warehouse",
  );
  await stack.destroy();
});
