/**
 * Through the real engine: a Model made by a first `up`, then a second revision of the program adds a
 * ModelSync reading it. Its id is known at preview, so check reads the model: a mapping naming a field
 * the model lacks previews with a warning on the sync naming the path, the field and the one meant,
 * not a failure (no source says the API refuses it, and the emulator, the examiner, creates such a
 * sync); the preview creates nothing. A Model related to a model that does not exist fails the
 * preview, as the API refuses it at up.
 */
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadPackage, startRig, type TestRig } from "./harness";

type Polytomic = ReturnType<typeof loadPackage>;

const existing = { warehouse: "", crm: "" };
/** The program's second part, after the model: nothing in the first revision. */
let revision: (p: Polytomic, model: InstanceType<Polytomic["Model"]>) => void = () => {};
let rig: TestRig;
let stack: Stack;

beforeAll(async () => {
  rig = await startRig();
  const post = async (path: string, body: unknown): Promise<string> => {
    const response = await fetch(`${rig.emulator.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${rig.emulator.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as { data?: { id?: string } };
    if (!response.ok || !answer.data?.id) throw new Error(`POST ${path}: ${JSON.stringify(answer)}`);
    return answer.data.id;
  };
  existing.warehouse = await post("/api/connections", {
    name: "warehouse",
    type: "postgresql",
    configuration: { hostname: "warehouse.internal", username: "reader", password: "pg-pw", database: "app" },
  });
  existing.crm = await post("/api/connections", {
    name: "crm",
    type: "salesforce",
    configuration: {
      domain: "crm.my.salesforce.com",
      connect_mode: "api",
      client_id: "sf-client-id",
      client_secret: "sf-model-field-secret",
    },
  });
  const polytomic = loadPackage();
  stack = await rig.stack("model-field-preview", async () => {
    const model = new polytomic.Model("users", {
      connectionId: existing.warehouse,
      configuration: { table: "public.users" },
    });
    revision(polytomic, model);
    return {};
  });
  await stack.up();
});
afterAll(async () => {
  await stack?.destroy().catch(() => undefined);
  await rig?.close();
});

/** The warnings and outcome of a preview, with what it asked the API to change. */
async function preview() {
  const events: EngineEvent[] = [];
  const writes = rig.emulator.requestLog.length;
  const outcome = await stack.preview({ onEvent: (event) => events.push(event) }).then(
    (result) => ({ error: undefined, changes: result.changeSummary }),
    (err: unknown) => ({ error: String(err), changes: undefined }),
  );
  const warnings = events
    .map((e) => e.diagnosticEvent)
    .filter((d) => d !== undefined && d.severity === "warning");
  const changed = rig.emulator.requestLog.slice(writes).filter((e) => e.method !== "GET");
  return { ...outcome, warnings, changed };
}

it("previews a sync mapping a field the existing model lacks with a warning naming it, creating nothing", async () => {
  revision = (p, model) => {
    const ref = (field: string) => ({ modelId: model.modelId, field });
    new p.ModelSync("contacts", {
      mode: "updateOrCreate",
      schedule: { frequency: "manual" },
      target: { connectionId: existing.crm, object: "Contact" },
      identity: { source: ref("email"), target: "Email" },
      fields: [
        { source: ref("first_name"), target: "FirstName" },
        { source: ref("lastname"), target: "LastName" },
      ],
    });
  };
  const { error, changes, warnings, changed } = await preview();
  expect(error).toBeUndefined();
  expect(changes).toEqual({ same: 2, create: 1 }); // the stack and the model; the sync
  expect(warnings, JSON.stringify(warnings)).toHaveLength(1);
  expect(warnings[0]?.urn).toMatch(/::pulumi-nodejs:dynamic\/polytomic:ModelSync::contacts$/);
  expect(warnings[0]?.message).toMatch(
    /ModelSync "contacts": fields\[1\]\.source\.field "lastname" is not a field of model "users" \(.+\) as the API holds it now \(did you mean "last_name"\?\)/,
  );
  expect(changed).toEqual([]);
  expect(rig.emulator.store.list("modelSyncs")).toEqual([]);
});

it("then ups: the API accepts the mapping (the examiner refuses no model field), so preview must not fail it", async () => {
  const result = await stack.up();
  expect(result.summary.result).toBe("succeeded");
  expect(rig.emulator.store.list("modelSyncs")).toHaveLength(1);
});

it("fails the preview of a model related to a model that does not exist, naming the path, creating nothing", async () => {
  const missing = "7b0c5f4e-0000-4000-8000-000000000000";
  revision = (p) => {
    new p.Model("orders", {
      connectionId: existing.warehouse,
      configuration: { table: "public.accounts" },
      relations: [{ from: "id", to: { modelId: missing, field: "id" } }],
    });
  };
  const { error, changed } = await preview();
  expect(error).toMatch(
    new RegExp(
      `polytomic:Model resource 'orders': property relations value .* has a problem: Model "orders": relations\\[0\\]\\.to\\.modelId "${missing}" is not a model of the organization`,
    ),
  );
  expect(changed).toEqual([]);
  expect(rig.emulator.store.list("models")).toHaveLength(1);
});
