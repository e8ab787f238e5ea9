/**
 * Every example under examples/ run end to end as the Pulumi project it is (its own Pulumi.yaml, the
 * compiled program) through the real engine against the emulator: up, the objects the example
 * declares, an unchanged preview, no plaintext secret in state, destroy leaving nothing. Salesforce to
 * Snowflake also runs with browser OAuth: pending (up stops with the URL to open) and completed (the
 * test opens the URL, the next up finishes).
 */
import type { Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredBulkSync, StoredConnection, StoredModel, StoredModelSync } from "../../emulator/store";
import { storedState } from "../../scripts/engine/offlineEngine";
import { EXAMPLE_RUNS, exampleStack, SECRETS } from "./exampleRuns";
import { startRig, type TestRig } from "./harness";

let rig: TestRig;
beforeAll(async () => {
  rig = await startRig({ schemaCacheDelayMs: 200 });
});
afterAll(async () => {
  await rig?.close();
});

const list = <T>(kind: "connections" | "models" | "modelSyncs" | "bulkSyncs") =>
  rig.emulator.store.list(kind) as T[];

async function unchangedAndClean(stack: Stack): Promise<void> {
  const preview = await stack.preview();
  expect(Object.keys(preview.changeSummary).filter((op) => op !== "same")).toEqual([]);
  const state = await storedState(stack);
  for (const secret of [...Object.values(SECRETS), rig.emulator.apiKey]) expect(state).not.toContain(secret);
}

async function destroyed(stack: Stack): Promise<void> {
  await stack.destroy();
  expect(rig.emulator.store.count()).toBe(0);
}

describe("examples", () => {
  it("salesforce-to-s3 creates a continuous CSV bulk sync through API version 2024-02-08", async () => {
    rig.emulator.clearRequestLog();
    const stack = await exampleStack(rig, EXAMPLE_RUNS.salesforceToS3);
    const up = await stack.up();
    expect(up.outputs.selectedSchemas?.value).toEqual(["Account", "Contact"]);
    const [sync] = list<StoredBulkSync>("bulkSyncs");
    expect(sync?.default_schedule.frequency).toBe("continuous");
    expect(sync?.destination_configuration).toEqual({ format: "csv" });
    const versions = new Set(
      rig.emulator.requestLog.filter((e) => e.path.startsWith("/api/")).map((e) => e.apiVersion),
    );
    expect([...versions]).toEqual(["2024-02-08"]);
    await unchangedAndClean(stack);
    await destroyed(stack);
  });

  it("hubspot-to-postgresql creates an hourly bulk sync of three HubSpot objects", async () => {
    const stack = await exampleStack(rig, EXAMPLE_RUNS.hubspotToPostgresql);
    await stack.up();
    expect(
      list<StoredConnection>("connections")
        .map((c) => c.type)
        .sort(),
    ).toEqual(["hubspot", "postgresql"]);
    const [sync] = list<StoredBulkSync>("bulkSyncs");
    expect(sync?.schemas.map((s) => s.id)).toEqual(["contacts", "companies", "deals"]);
    expect(sync?.automatically_add_new_objects).toBe("all");
    await unchangedAndClean(stack);
    await destroyed(stack);
  });

  it("gcs-to-salesforce creates a file model and an updateOrCreate sync onto Contact", async () => {
    const stack = await exampleStack(rig, EXAMPLE_RUNS.gcsToSalesforce);
    const up = await stack.up();
    expect(up.outputs.modelFields?.value).toEqual(
      expect.arrayContaining(["email", "first_name", "last_name"]),
    );
    const [model] = list<StoredModel>("models");
    expect(model?.configuration).toEqual({ model_from: "single_file", key: "high_paying_users.csv" });
    const [sync] = list<StoredModelSync>("modelSyncs");
    expect(sync).toMatchObject({
      mode: "updateOrCreate",
      target: { object: "Contact" },
      identity: { target: "Email" },
    });
    await unchangedAndClean(stack);
    await destroyed(stack);
  });

  it("mongodb-to-salesforce creates a collection model and a continuous create sync", async () => {
    const stack = await exampleStack(rig, EXAMPLE_RUNS.mongodbToSalesforce);
    await stack.up();
    const [sync] = list<StoredModelSync>("modelSyncs");
    expect(sync).toMatchObject({ mode: "create", schedule: { frequency: "continuous" } });
    expect(list<StoredModel>("models")[0]?.configuration).toEqual({
      database: "example",
      collection: "users",
    });
    await unchangedAndClean(stack);
    await destroyed(stack);
  });

  it("salesforce-to-snowflake with client credentials creates the pipeline at once", async () => {
    const stack = await exampleStack(rig, EXAMPLE_RUNS.salesforceToSnowflake);
    const up = await stack.up();
    expect(up.outputs.authUrl?.value).toBeUndefined();
    expect(list<StoredBulkSync>("bulkSyncs")).toHaveLength(1);
    await unchangedAndClean(stack);
    await destroyed(stack);
  });

  it("salesforce-to-snowflake with browser OAuth stops with the URL to open, and continues once authorized", async () => {
    const stack = await exampleStack(rig, EXAMPLE_RUNS.salesforceToSnowflakeOAuth);
    const pending = await stack.up().then(
      () => "",
      (err: unknown) => String(err),
    );
    const salesforce = list<StoredConnection>("connections").find((c) => c.type === "salesforce");
    const authUrl = `${rig.emulator.url}/oauth/authorize/${salesforce?.id}`;
    expect(pending).toContain(`open ${authUrl} in a browser to authorize it, then run \`pulumi up\` again`);
    expect(list<StoredBulkSync>("bulkSyncs")).toHaveLength(0);

    const visit = await fetch(authUrl, { redirect: "manual" });
    expect(visit.status).toBe(302);
    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(list<StoredBulkSync>("bulkSyncs")).toHaveLength(1);
    expect(list<StoredConnection>("connections")).toHaveLength(2);
    await unchangedAndClean(stack);
    await destroyed(stack);
  });
});
