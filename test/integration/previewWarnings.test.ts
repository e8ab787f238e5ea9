/**
 * Preview warnings through the real engine: a ModelSync onto Salesforce Contact in mode updateOrCreate
 * that maps FirstName but not LastName previews successfully, and the preview carries a warning
 * diagnostic attached to the sync that names the resource, the object and the field (the dynamic
 * provider host sends it with the Engine service's Log RPC; see provider/internal/diagnostics.ts).
 *
 * The connections and the model exist before the program runs (made through the API, as a team's
 * existing objects would be), so the target connection's id is known at preview and `check` can read
 * the target object's fields.
 *
 * A second stack makes a Model in a first `up`; its next revision adds a ModelSync reading it, whose id
 * is then known at preview: a mapping naming a field the model lacks previews with a warning on the
 * sync naming the path, the field and the one meant, not a failure (no source says the API refuses
 * it, and the emulator, the examiner, creates such a sync), and the preview creates nothing.
 */
import type { EngineEvent, PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createdId, rawClient } from "../contract/http";
import { loadPackage, startRig, type TestRig } from "./harness";

interface Existing {
  readonly crm: string;
  readonly users: string;
}

function program({ crm, users }: Existing): PulumiFn {
  const polytomic = loadPackage();
  return async () => {
    const ref = (field: string) => ({ modelId: users, field });
    new polytomic.ModelSync("contacts", {
      mode: "updateOrCreate",
      schedule: { frequency: "daily", hour: "2", minute: "0" },
      target: { connectionId: crm, object: "Contact" },
      identity: { source: ref("email"), target: "Email" },
      fields: [{ source: ref("first_name"), target: "FirstName" }],
    });
    return {};
  };
}

let rig: TestRig;
let stack: Stack;
/** The connections made through the API, for the second stack. */
const connections = { warehouse: "", crm: "" };
beforeAll(async () => {
  rig = await startRig();
  const call = rawClient(() => rig.emulator);
  const post = (path: string, body: unknown) => createdId(call, path, body);

  const warehouse = await post("/api/connections", {
    name: "warehouse",
    type: "postgresql",
    configuration: { hostname: "warehouse.internal", username: "reader", password: "pg-pw", database: "app" },
  });
  const crm = await post("/api/connections", {
    name: "crm",
    type: "salesforce",
    configuration: {
      domain: "crm.my.salesforce.com",
      connect_mode: "api",
      client_id: "sf-client-id",
      client_secret: "sf-preview-warning-secret",
    },
  });
  const users = await post("/api/models", {
    name: "users",
    connection_id: warehouse,
    configuration: { query: "select email, first_name, last_name from public.users" },
  });
  Object.assign(connections, { warehouse, crm });
  stack = await rig.stack("preview-warnings", program({ crm, users }));
});
afterAll(async () => {
  await rig?.close();
});

it("previews a Contact sync without LastName with a warning on the sync, not a failure", async () => {
  const events: EngineEvent[] = [];
  const preview = await stack.preview({ onEvent: (event) => events.push(event) });

  expect(preview.changeSummary).toEqual({ create: 2 }); // the stack and the sync
  const warnings = events
    .map((e) => e.diagnosticEvent)
    .filter((d) => d !== undefined && d.severity === "warning");
  // Exactly one: the engine got it over the Log RPC, not also as a stderr line of the provider.
  expect(warnings, JSON.stringify(warnings)).toHaveLength(1);
  const warning = warnings[0];
  expect(warning?.urn).toMatch(/::pulumi-nodejs:dynamic\/polytomic:ModelSync::contacts$/);
  expect(warning?.message).toMatch(/ModelSync "contacts": Contact field LastName is required .*not mapped/);
  expect(preview.stdout).toContain("Contact field LastName is required");
  for (const secret of ["sf-preview-warning-secret", rig.emulator.apiKey])
    expect(JSON.stringify(events) + preview.stdout + preview.stderr).not.toContain(secret);
  // Nothing was created by the preview, and the API was never asked to refuse anything.
  expect(rig.emulator.store.list("modelSyncs")).toEqual([]);
});

it("warns of a mapped field the model made by an earlier up lacks, naming it and the one meant; up accepts it", async () => {
  const polytomic = loadPackage();
  let withSync = false;
  const second = await rig.stack("model-field-preview", async () => {
    const model = new polytomic.Model("people", {
      connectionId: connections.warehouse,
      configuration: { table: "public.users" },
    });
    if (withSync) {
      const ref = (field: string) => ({ modelId: model.modelId, field });
      new polytomic.ModelSync("people-contacts", {
        mode: "updateOrCreate",
        schedule: { frequency: "manual" },
        target: { connectionId: connections.crm, object: "Contact" },
        identity: { source: ref("email"), target: "Email" },
        fields: [
          { source: ref("first_name"), target: "FirstName" },
          { source: ref("lastname"), target: "LastName" },
        ],
      });
    }
    return {};
  });
  try {
    await second.up();
    withSync = true;
    const events: EngineEvent[] = [];
    const writes = rig.emulator.requestLog.length;
    const preview = await second.preview({ onEvent: (event) => events.push(event) });

    expect(preview.changeSummary).toEqual({ same: 2, create: 1 }); // the stack and the model; the sync
    const warnings = events
      .map((e) => e.diagnosticEvent)
      .filter((d) => d !== undefined && d.severity === "warning");
    expect(warnings, JSON.stringify(warnings)).toHaveLength(1);
    expect(warnings[0]?.urn).toMatch(/::pulumi-nodejs:dynamic\/polytomic:ModelSync::people-contacts$/);
    expect(warnings[0]?.message).toMatch(
      /ModelSync "people-contacts": fields\[1\]\.source\.field "lastname" is not a field of model "people" \(.+\) as the API holds it now \(did you mean "last_name"\?\)/,
    );
    expect(rig.emulator.requestLog.slice(writes).filter((e) => e.method !== "GET")).toEqual([]);
    expect(rig.emulator.store.list("modelSyncs")).toEqual([]);

    // The examiner accepts the mapping, so the preview was right not to fail it.
    expect((await second.up()).summary.result).toBe("succeeded");
    expect(rig.emulator.store.list("modelSyncs")).toHaveLength(1);
  } finally {
    await second.destroy().catch(() => undefined);
  }
});
