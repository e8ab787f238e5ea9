/**
 * Connection, SchemaReady and BulkSync through the real engine against the emulator: up, in-place
 * updates, drift after out-of-band edits, out-of-band deletion, replacement, destroy, and no plaintext
 * secret in the stored state. Every up settles (settle.ts): the API holds exactly the declared objects
 * and the next preview wants no change; a refresh after the update changes nothing; destroy leaves
 * nothing.
 */
import type { PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedState } from "../../scripts/engine/offlineEngine";
import { loadPackage, startRig, type TestRig } from "./harness";
import { expectRefreshSettles, settledDestroy, settledUp } from "./settle";

const SNOWFLAKE_PASSWORD = "sn0wflake-pa55word";
const SF_SECRET = "sf-client-s3cret";

interface Knobs {
  schemas: string[];
  hour: string;
  destination: string;
  snowflakeName?: string;
  /** Moving the warehouse to PostgreSQL changes the connection's type: a replacement. */
  postgres?: boolean;
}

function program(knobs: Knobs): PulumiFn {
  const polytomic = loadPackage();
  return async () => {
    const sf = new polytomic.Connection("crm", {
      type: "salesforce",
      configuration: {
        domain: "acme.my.salesforce.com",
        connect_mode: "api",
        client_id: "sf-client-id",
        client_secret: SF_SECRET,
      },
    });
    const warehouse = new polytomic.Connection("warehouse", {
      name: knobs.snowflakeName ?? "warehouse",
      ...(knobs.postgres
        ? {
            type: "postgresql",
            configuration: {
              hostname: "db.internal",
              username: "loader",
              password: SNOWFLAKE_PASSWORD,
              database: "raw",
              port: 5432,
            },
          }
        : {
            type: "snowflake",
            configuration: {
              account: "acme-xy12345",
              username: "loader",
              password: SNOWFLAKE_PASSWORD,
              dbname: "RAW",
            },
          }),
    });
    const ready = new polytomic.SchemaReady("crm-schemas", { connectionId: sf.id, timeoutSeconds: 30 });
    const sync = new polytomic.BulkSync(
      "crm-to-warehouse",
      {
        sourceConnectionId: sf.id,
        destinationConnectionId: knobs.destination === "warehouse" ? warehouse.id : sf.id,
        mode: "replicate",
        schedule: { frequency: "daily", hour: knobs.hour, minute: "0" },
        destinationConfiguration: { schema: "SALESFORCE" },
        schemas: knobs.schemas,
      },
      { dependsOn: [ready] },
    );
    return { bulkSyncId: sync.bulkSyncId, schemaIds: ready.schemaIds, sfStatus: sf.status };
  };
}

let rig: TestRig;
let stack: Stack;
const base: Knobs = { schemas: ["Account", "Contact"], hour: "3", destination: "warehouse" };

beforeAll(async () => {
  rig = await startRig();
  stack = await rig.stack("bulk", program(base));
});
afterAll(async () => {
  await rig?.close();
});

describe("bulk sync pipeline through the engine", () => {
  it("creates the connections, waits for schemas, creates the bulk sync; the next preview is empty", async () => {
    const up = await settledUp(stack, rig.emulator, "create");
    expect(up.outputs.sfStatus?.value).toBe("healthy");
    expect(up.outputs.schemaIds?.value).toContain("Opportunity");
    const [sync] = rig.emulator.store.list("bulkSyncs") as { id: string; schemas: { id: string }[] }[];
    expect(sync?.id).toBe(up.outputs.bulkSyncId?.value);
    expect(sync?.schemas.map((s) => s.id)).toEqual(["Account", "Contact"]);
    expect(rig.emulator.store.count()).toBe(3);

    const state = await storedState(stack);
    expect(state).not.toContain(SNOWFLAKE_PASSWORD);
    expect(state).not.toContain(SF_SECRET);
    expect(state).not.toContain(rig.emulator.apiKey);
  });

  it("updates schedule and schemas in place", async () => {
    stack = await rig.stack("bulk", program({ ...base, hour: "5", schemas: ["Account", "Lead"] }));
    const up = await settledUp(stack, rig.emulator, "update schedule and schemas");
    expect(up.summary.resourceChanges?.update).toBe(1);
    const [sync] = rig.emulator.store.list("bulkSyncs") as {
      default_schedule: { hour: string };
      schemas: { id: string; enabled: boolean }[];
    }[];
    expect(sync?.default_schedule.hour).toBe("5");
    expect(
      sync?.schemas
        .filter((s) => s.enabled)
        .map((s) => s.id)
        .sort(),
    ).toEqual(["Account", "Lead"]);
    await expectRefreshSettles(stack, "refresh after the update");
  });

  it("shows an out-of-band edit as drift after refresh, and the next up restores the program's values", async () => {
    const [sync] = rig.emulator.store.list("bulkSyncs") as { id: string }[];
    rig.emulator.store.mutate("bulkSyncs", String(sync?.id), (s) => {
      s.name = "renamed in the UI";
      s.default_schedule.hour = "11";
    });
    const [warehouse] = (rig.emulator.store.list("connections") as { id: string; type: string }[]).filter(
      (c) => c.type === "snowflake",
    );
    rig.emulator.store.mutate("connections", String(warehouse?.id), (c) => {
      c.configuration.warehouse = "BIG_WH";
    });
    await stack.refresh();
    const preview = await stack.preview({ diff: true });
    expect(preview.changeSummary.update, preview.stdout).toBe(2);
    expect(preview.stdout).toContain("renamed in the UI");
    expect(preview.stdout).not.toContain(SNOWFLAKE_PASSWORD);
    await settledUp(stack, rig.emulator, "up restoring the program's values");
    const restored = rig.emulator.store.get("bulkSyncs", String(sync?.id)) as {
      name: string;
      default_schedule: { hour: string };
    };
    expect(restored.name).toBe("crm-to-warehouse");
    expect(restored.default_schedule.hour).toBe("5");
  });

  it("recreates a bulk sync deleted out of band after refresh", async () => {
    const [sync] = rig.emulator.store.list("bulkSyncs") as { id: string }[];
    rig.emulator.store.remove("bulkSyncs", String(sync?.id));
    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges?.delete).toBe(1);
    const up = await settledUp(stack, rig.emulator, "up after an out-of-band delete");
    expect(up.summary.resourceChanges?.create).toBe(1);
    expect(rig.emulator.store.list("bulkSyncs")).toHaveLength(1);
  });

  it("renames a connection in place, replaces one whose type changes, and destroy leaves nothing behind", async () => {
    const knobs = { ...base, hour: "5", schemas: ["Account", "Lead"], snowflakeName: "warehouse-2" };
    stack = await rig.stack("bulk", program(knobs));
    const renamed = await settledUp(stack, rig.emulator, "rename a connection");
    expect(renamed.summary.resourceChanges?.update).toBe(1);
    const names = (rig.emulator.store.list("connections") as { name: string }[]).map((c) => c.name).sort();
    expect(names).toEqual(["crm", "warehouse-2"]);

    stack = await rig.stack("bulk", program({ ...knobs, postgres: true }));
    const replaced = await settledUp(stack, rig.emulator, "change a connection's type");
    // The warehouse connection (same name, so deleted first) and the bulk sync bound to it.
    expect(replaced.summary.resourceChanges?.replace).toBe(2);
    const types = (rig.emulator.store.list("connections") as { type: string }[]).map((c) => c.type).sort();
    expect(types).toEqual(["postgresql", "salesforce"]);

    await settledDestroy(stack, rig.emulator, "destroy");
    expect(rig.emulator.store.count()).toBe(0);
  });
});
