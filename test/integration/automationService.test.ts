/**
 * examples/automation-service end to end: three tenants provisioned in parallel through the HTTP API
 * (inline programs, file backend, at most two stacks at once), progress streamed as NDJSON, one tenant
 * updated, all destroyed. Every up settles (settle.ts): the API holds exactly the objects the three
 * tenants' states declare, and a preview of each tenant's program (the service's own, from the same
 * backend) wants no change; destroy leaves nothing.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { StoredBulkSync, StoredConnection } from "../../emulator/store";
import { repoRoot, startRig, type TestRig } from "./harness";
import { apiHoldsExactly, assertNone, previewProblems } from "./settle";

type Service = ReturnType<typeof import("../../examples/automation-service/service").createTenantService>;
type ProgressEvent = import("../../examples/automation-service/service").ProgressEvent;
type TenantSpec = import("../../examples/automation-service/tenantProgram").TenantSpec;
const { tenantProgram } = createRequire(__filename)(
  path.join(repoRoot, "dist/examples/automation-service/tenantProgram.js"),
) as typeof import("../../examples/automation-service/tenantProgram");

let rig: TestRig;
let service: Service;
let url: string;

beforeAll(async () => {
  rig = await startRig({ schemaCacheDelayMs: 200 });
  // The compiled service, as it is deployed: its inline programs must serialize dynamic providers.
  const { createTenantService } = createRequire(__filename)(
    path.join(repoRoot, "dist/examples/automation-service/service.js"),
  ) as typeof import("../../examples/automation-service/service");
  const workspace = rig.engine.workspaceOptions();
  service = createTenantService({
    polytomic: { baseUrl: rig.emulator.url, apiKey: rig.emulator.apiKey },
    workspace: {
      pulumiCommand: workspace.pulumiCommand,
      pulumiHome: workspace.pulumiHome,
      envVars: workspace.envVars,
    },
    maxConcurrentStacks: 2,
  });
  url = await service.listen({ host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await service?.close();
  await rig?.close();
});

const spec = (tenant: string, hour = 2) => ({
  salesforceDomain: `${tenant}.my.salesforce.com`,
  salesforceClientId: `${tenant}-client`,
  salesforceClientSecret: `${tenant}-client-secret-value`,
  snowflakeAccount: `${tenant}-xy123`,
  snowflakeUser: "LOADER",
  snowflakePassword: `${tenant}-snowflake-password`,
  snowflakeDatabase: "RAW",
  hour,
});

async function call(method: "PUT" | "DELETE", tenant: string, body?: unknown): Promise<ProgressEvent[]> {
  const response = await fetch(`${url}/tenants/${tenant}`, {
    method,
    ...(body ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/x-ndjson");
  const text = await response.text();
  return text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as ProgressEvent);
}

const syncs = () => rig.emulator.store.list("bulkSyncs") as StoredBulkSync[];

/** The tenant's stack as the service keeps it (same project, backend and program), to check it settles. */
async function tenantStack(tenant: string, tenantSpec: TenantSpec): Promise<Stack> {
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: tenant, projectName: "polytomic-tenants", program: tenantProgram(tenant, tenantSpec) },
    rig.engine.workspaceOptions({ projectName: "polytomic-tenants", programDir: repoRoot }),
  );
  await stack.setConfig("polytomic:apiKey", { value: rig.emulator.apiKey, secret: true });
  await stack.setConfig("polytomic:baseUrl", { value: rig.emulator.url });
  return stack;
}

it("provisions three tenants in parallel, updates one, destroys all", async () => {
  const tenants = ["acme", "globex", "initech"];
  const streams = await Promise.all(tenants.map((t) => call("PUT", t, spec(t))));
  for (const [i, events] of streams.entries()) {
    const last = events.at(-1);
    expect(last, JSON.stringify(events)).toMatchObject({
      type: "result",
      tenant: tenants[i],
      operation: "up",
    });
    expect(
      events.some(
        (e) => e.type === "resource" && e.status === "done" && e.urn.endsWith(`::${tenants[i]}-sync`),
      ),
    ).toBe(true);
  }
  // Two at a time: the third waited in the queue.
  expect(streams.flat().filter((e) => e.type === "queued")).toHaveLength(1);
  expect(((await (await fetch(`${url}/stats`)).json()) as { peak: number }).peak).toBe(2);
  expect(
    syncs()
      .map((s) => s.name)
      .sort(),
  ).toEqual(tenants.map((t) => `${t}-salesforce-to-snowflake`));
  expect((rig.emulator.store.list("connections") as StoredConnection[]).length).toBe(6);
  for (const [i, events] of streams.entries()) {
    const result = events.at(-1) as unknown as { outputs: { bulkSyncId: string } };
    const sync = syncs().find((s) => s.name === `${tenants[i]}-salesforce-to-snowflake`);
    expect(result.outputs.bulkSyncId).toBe(sync?.id);
  }
  const text = JSON.stringify(streams);
  for (const t of tenants) expect(text).not.toContain(`${t}-snowflake-password`);
  const stacks = await Promise.all(tenants.map((t) => tenantStack(t, spec(t))));
  const problems = await apiHoldsExactly(stacks, rig.emulator, "provision three tenants");
  for (const stack of stacks) problems.push(...(await previewProblems(stack, "preview after provisioning")));
  assertNone(problems);

  const update = await call("PUT", "globex", spec("globex", 7));
  expect(update.at(-1)).toMatchObject({ type: "result" });
  const globex = syncs().find((s) => s.name === "globex-salesforce-to-snowflake");
  expect(globex?.default_schedule.hour).toBe("7");
  expect(syncs().filter((s) => s.default_schedule.hour === "2")).toHaveLength(2);
  const globexStack = await tenantStack("globex", spec("globex", 7));
  assertNone([
    ...(await apiHoldsExactly(stacks, rig.emulator, "update globex")),
    ...(await previewProblems(globexStack, "preview after the update")),
  ]);

  const outputs = (await (await fetch(`${url}/tenants/globex`)).json()) as { bulkSyncId: string };
  expect(outputs.bulkSyncId).toBe(globex?.id);

  const destroyed = await Promise.all(tenants.map((t) => call("DELETE", t)));
  for (const events of destroyed)
    expect(events.at(-1)).toMatchObject({ type: "result", operation: "destroy" });
  expect(rig.emulator.store.count()).toBe(0);
});

it("refuses a bad tenant name or spec with 400 before touching any stack", async () => {
  const bad = await fetch(`${url}/tenants/Bad_Name`, {
    method: "PUT",
    body: "{}",
    headers: { "content-type": "application/json" },
  });
  expect(bad.status).toBe(400);
  const missing = await fetch(`${url}/tenants/acme`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...spec("acme"), snowflakePassword: "" }),
  });
  expect(missing.status).toBe(400);
  expect(((await missing.json()) as { message: string }).message).toBe("snowflakePassword is required");
});
