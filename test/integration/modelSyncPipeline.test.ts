/**
 * Model and ModelSync through the real engine against the emulator: up, in-place updates, replacement,
 * drift after out-of-band edits, out-of-band deletion, destroy, and no plaintext secret in the stored
 * state. Every up settles (settle.ts): the API holds exactly the declared objects and the next preview
 * wants no change; a refresh after the update changes nothing; destroy leaves nothing.
 */
import type { PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredModel, StoredModelSync } from "../../emulator/store";
import { storedState } from "../../scripts/engine/offlineEngine";
import { loadPackage, startRig, type TestRig } from "./harness";
import { expectRefreshSettles, settledDestroy, settledUp } from "./settle";

const PG_PASSWORD = "pg-r3verse-etl-pa55";
const SF_SECRET = "sf-client-s3cret-2";

interface Knobs {
  /** Which warehouse connection the model reads (changing it replaces the model). */
  source: "warehouse" | "replica";
  hour: string;
  identifier: string;
  withFilter: boolean;
  /** Which Salesforce org the sync writes to (changing it replaces the sync). */
  target?: "crm" | "crm-eu";
}

function program(knobs: Knobs): PulumiFn {
  const polytomic = loadPackage();
  return async () => {
    const pg = (name: string) =>
      new polytomic.Connection(name, {
        type: "postgresql",
        configuration: {
          hostname: `${name}.internal`,
          username: "reader",
          password: PG_PASSWORD,
          database: "app",
          port: 5432,
        },
      });
    const warehouse = pg("warehouse");
    const replica = pg("replica");
    const salesforce = (name: string) =>
      new polytomic.Connection(name, {
        type: "salesforce",
        configuration: {
          domain: `${name}.my.salesforce.com`,
          connect_mode: "api",
          client_id: "sf-client-id",
          client_secret: SF_SECRET,
        },
      });
    const crm = salesforce("crm");
    const crmEu = salesforce("crm-eu");
    const users = new polytomic.Model("users", {
      connectionId: knobs.source === "warehouse" ? warehouse.id : replica.id,
      configuration: { query: "select email, first_name, last_name, created_at from public.users" },
      identifier: knobs.identifier,
    });
    const ref = (field: string) => ({ modelId: users.id, field });
    const sync = new polytomic.ModelSync("users-to-contacts", {
      mode: "updateOrCreate",
      schedule: { frequency: "daily", hour: knobs.hour, minute: "30" },
      target: { connectionId: knobs.target === "crm-eu" ? crmEu.id : crm.id, object: "Contact" },
      identity: { source: ref("email"), target: "Email" },
      fields: [
        { source: ref("first_name"), target: "FirstName" },
        { source: ref("last_name"), target: "LastName" },
      ],
      overrideFields: [{ target: "LeadSource", value: "Product" }],
      ...(knobs.withFilter
        ? { filters: [{ field: ref("created_at"), function: "IsNotNull" }], filterLogic: "1" }
        : {}),
    });
    return { modelId: users.modelId, fieldIds: users.fieldIds, syncId: sync.syncId, modelIds: sync.modelIds };
  };
}

let rig: TestRig;
let stack: Stack;
const base: Knobs = { source: "warehouse", hour: "2", identifier: "email", withFilter: false };
const models = () => rig.emulator.store.list("models") as StoredModel[];
const syncs = () => rig.emulator.store.list("modelSyncs") as StoredModelSync[];

beforeAll(async () => {
  rig = await startRig();
  stack = await rig.stack("reverse-etl", program(base));
});
afterAll(async () => {
  await rig?.close();
});

describe("model sync pipeline through the engine", () => {
  it("creates the model and the sync; the next preview is empty; no secret in state", async () => {
    const up = await settledUp(stack, rig.emulator, "create");
    expect(up.outputs.fieldIds?.value).toEqual(["email", "first_name", "last_name", "created_at"]);
    const [sync] = syncs();
    expect(sync?.id).toBe(up.outputs.syncId?.value);
    expect(sync?.model_ids).toEqual([up.outputs.modelId?.value]);
    expect(sync?.identity).toMatchObject({ target: "Email", function: "Equality" });
    expect(sync?.override_fields).toEqual([{ target: "LeadSource", override_value: "Product" }]);
    const state = await storedState(stack);
    for (const secret of [PG_PASSWORD, SF_SECRET, rig.emulator.apiKey]) expect(state).not.toContain(secret);
  });

  it("updates the model and the sync in place", async () => {
    stack = await rig.stack(
      "reverse-etl",
      program({ ...base, hour: "6", identifier: "first_name", withFilter: true }),
    );
    const up = await settledUp(stack, rig.emulator, "update the model and the sync");
    expect(up.summary.resourceChanges?.update).toBe(2);
    const [model] = models();
    expect(model).toMatchObject({ identifier: "first_name", version: 2 });
    const [sync] = syncs();
    expect(sync?.schedule).toMatchObject({ frequency: "daily", hour: "6" });
    expect(sync?.filters).toHaveLength(1);
    await expectRefreshSettles(stack, "refresh after the update");
  });

  it("shows out-of-band edits as drift after refresh, and up restores the program's values", async () => {
    const [sync] = syncs();
    const [model] = models();
    rig.emulator.store.mutate("modelSyncs", String(sync?.id), (s) => {
      s.name = "edited in the UI";
      s.fields = s.fields.filter((f) => f.target !== "FirstName");
    });
    rig.emulator.store.mutate("models", String(model?.id), (m) => {
      m.configuration = { table: "public.users" };
    });
    await stack.refresh();
    const preview = await stack.preview({ diff: true });
    expect(preview.changeSummary.update, preview.stdout).toBe(2);
    expect(preview.stdout).toContain("edited in the UI");
    expect(preview.stdout).toContain("FirstName");
    expect(preview.stdout).not.toContain(PG_PASSWORD);
    await settledUp(stack, rig.emulator, "up restoring the program's values");
    const restored = rig.emulator.store.get("modelSyncs", String(sync?.id)) as StoredModelSync;
    expect(restored.name).toBe("users-to-contacts");
    expect(restored.fields.map((f) => f.target)).toEqual(["FirstName", "LastName"]);
  });

  it("recreates a sync deleted out of band after refresh", async () => {
    const [sync] = syncs();
    rig.emulator.store.remove("modelSyncs", String(sync?.id));
    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges?.delete).toBe(1);
    const up = await settledUp(stack, rig.emulator, "up after an out-of-band delete");
    expect(up.summary.resourceChanges?.create).toBe(1);
    expect(syncs()).toHaveLength(1);
  });

  it("replaces the model when its connection changes, the sync when its target does, and destroy leaves nothing", async () => {
    const before = models()[0]?.id;
    stack = await rig.stack(
      "reverse-etl",
      program({ ...base, source: "replica", hour: "6", identifier: "first_name", withFilter: true }),
    );
    const up = await settledUp(stack, rig.emulator, "move the model to another connection");
    expect(up.summary.resourceChanges?.replace).toBe(1);
    const [model] = models();
    expect(models()).toHaveLength(1);
    expect(model?.id).not.toBe(before);
    expect(syncs()[0]?.model_ids).toEqual([model?.id]);

    const syncBefore = syncs()[0]?.id;
    stack = await rig.stack(
      "reverse-etl",
      program({
        ...base,
        source: "replica",
        hour: "6",
        identifier: "first_name",
        withFilter: true,
        target: "crm-eu",
      }),
    );
    const moved = await settledUp(stack, rig.emulator, "move the sync to another target");
    expect(moved.summary.resourceChanges?.replace).toBe(1);
    const [sync] = syncs();
    expect(syncs()).toHaveLength(1);
    expect(sync?.id).not.toBe(syncBefore);
    const crmEu = (rig.emulator.store.list("connections") as { id: string; name: string }[]).find(
      (c) => c.name === "crm-eu",
    );
    expect(sync?.target.connection_id).toBe(crmEu?.id);
    await settledDestroy(stack, rig.emulator, "destroy");
    expect(rig.emulator.store.count()).toBe(0);
  });
});
