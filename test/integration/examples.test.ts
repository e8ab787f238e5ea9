/**
 * Every example under examples/ and the demo program (the root Pulumi.yaml), each run end to end as
 * the Pulumi project it is (its own Pulumi.yaml, the compiled program) through the real engine against
 * the emulator, through the whole loop a user runs (settle.ts): up, preview, refresh, preview, destroy,
 * up again, preview, destroy; the API holds exactly the declared objects after each up, previews and
 * the refresh want no change, each destroy leaves nothing. After each up, the example's own checks:
 * what it creates, and no plaintext secret in state. Salesforce to Snowflake also runs with browser
 * OAuth: pending (up stops with the URL to open) and completed (the test opens the URL, the next up
 * finishes), on both ups. `yaml-pipelines` is a `runtime: yaml` project: the YAML language host runs
 * it, and the provider plugin it names in `plugins.providers` (../../bin, the compiled dist/) serves it.
 */
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { StoredBulkSync, StoredConnection, StoredModel, StoredModelSync } from "../../emulator/store";
import { storedState } from "../../scripts/engine/offlineEngine";
import { EXAMPLE_RUNS, exampleStack, SECRETS, YAML_PIPELINES_RUN } from "./exampleRuns";
import { repoRoot, startRig, type TestRig } from "./harness";
import { clearEmulator, expectApiHoldsState, expectSettles, type LifecycleOptions } from "./settle";

let rig: TestRig;
beforeAll(async () => {
  rig = await startRig({ schemaCacheDelayMs: 200 });
});
afterEach(() => {
  // A failed example may leave objects behind: the next one starts from an empty API all the same.
  clearEmulator(rig.emulator);
});
afterAll(async () => {
  await rig?.close();
});

const list = <T>(kind: "connections" | "models" | "modelSyncs" | "bulkSyncs") =>
  rig.emulator.store.list(kind) as T[];

async function noPlaintextSecret(stack: Stack): Promise<void> {
  const state = await storedState(stack);
  for (const secret of [...Object.values(SECRETS), rig.emulator.apiKey]) expect(state).not.toContain(secret);
}

/** What each example creates, checked after each of its ups; its title; how it is brought up. */
interface ExampleCase {
  readonly title: string;
  readonly options: (stack: Stack) => LifecycleOptions;
  /** Checks after the whole loop (for example the API versions of every request). */
  readonly after?: () => void;
}

/** One case per run of EXAMPLE_RUNS: a run without one does not compile. */
const CASES: Record<keyof typeof EXAMPLE_RUNS, ExampleCase> = {
  salesforceToS3: {
    title: "creates a continuous CSV bulk sync through API version 2024-02-08",
    options: (stack) => ({
      afterUp: async (up) => {
        expect(up.outputs.selectedSchemas?.value).toEqual(["Account", "Contact"]);
        const [sync] = list<StoredBulkSync>("bulkSyncs");
        expect(sync?.default_schedule.frequency).toBe("continuous");
        expect(sync?.destination_configuration).toEqual({ format: "csv" });
        await noPlaintextSecret(stack);
      },
    }),
    after: () => {
      const versions = new Set(
        rig.emulator.requestLog.filter((e) => e.path.startsWith("/api/")).map((e) => e.apiVersion),
      );
      expect([...versions]).toEqual(["2024-02-08"]);
    },
  },
  hubspotToPostgresql: {
    title: "creates an hourly bulk sync of three HubSpot objects",
    options: (stack) => ({
      afterUp: async () => {
        expect(
          list<StoredConnection>("connections")
            .map((c) => c.type)
            .sort(),
        ).toEqual(["hubspot", "postgresql"]);
        const [sync] = list<StoredBulkSync>("bulkSyncs");
        expect(sync?.schemas.map((s) => s.id)).toEqual(["contacts", "companies", "deals"]);
        expect(sync?.automatically_add_new_objects).toBe("all");
        await noPlaintextSecret(stack);
      },
    }),
  },
  gcsToSalesforce: {
    title: "creates a file model and an updateOrCreate sync onto Contact",
    options: (stack) => ({
      afterUp: async (up) => {
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
        await noPlaintextSecret(stack);
      },
    }),
  },
  mongodbToSalesforce: {
    title: "creates a collection model and a continuous create sync",
    options: (stack) => ({
      afterUp: async () => {
        const [sync] = list<StoredModelSync>("modelSyncs");
        expect(sync).toMatchObject({ mode: "create", schedule: { frequency: "continuous" } });
        expect(list<StoredModel>("models")[0]?.configuration).toEqual({
          database: "example",
          collection: "users",
        });
        await noPlaintextSecret(stack);
      },
    }),
  },
  salesforceToSnowflake: {
    title: "with client credentials creates the pipeline at once",
    options: (stack) => ({
      afterUp: async (up) => {
        expect(up.outputs.authUrl?.value).toBe("");
        expect(up.stdout).not.toContain("Undefined value");
        expect(list<StoredBulkSync>("bulkSyncs")).toHaveLength(1);
        await noPlaintextSecret(stack);
      },
    }),
  },
  salesforceToSnowflakeOAuth: {
    title: "with browser OAuth stops with the URL to open, and continues once authorized (on each up)",
    options: (stack) => ({
      up: async (round) => {
        const pending = await stack.up().then(
          () => "",
          (err: unknown) => String(err),
        );
        const salesforce = list<StoredConnection>("connections").find((c) => c.type === "salesforce");
        const authUrl = `${rig.emulator.url}/oauth/authorize/${salesforce?.id}`;
        const advice = `open ${authUrl} in a browser to authorize it, then run \`pulumi up\` again`;
        if (!pending.includes(advice))
          throw new Error(
            `up ${round} did not stop with "${advice}"; it ${pending ? `failed: ${pending}` : "succeeded"}`,
          );
        expect(list<StoredBulkSync>("bulkSyncs")).toHaveLength(0);
        await expectApiHoldsState(stack, rig.emulator, `up ${round}, stopped for OAuth`);

        const visit = await fetch(authUrl, { redirect: "manual" });
        expect(visit.status).toBe(302);
        return stack.up();
      },
      afterUp: async (up) => {
        expect(up.summary.result).toBe("succeeded");
        expect(up.outputs.authUrl?.value).toBe("");
        expect(list<StoredBulkSync>("bulkSyncs")).toHaveLength(1);
        expect(list<StoredConnection>("connections")).toHaveLength(2);
        await noPlaintextSecret(stack);
      },
    }),
  },
};

/** The `runtime: yaml` example, through the provider plugin. */
const YAML_CASE: ExampleCase = {
  title: "(runtime: yaml, the provider plugin) creates both pipelines on one Salesforce connection",
  options: (stack) => ({
    afterUp: async (up) => {
      const connections = list<StoredConnection>("connections");
      expect(connections.map((c) => c.type).sort()).toEqual(["gcs", "salesforce", "snowflake"]);
      const salesforce = connections.find((c) => c.type === "salesforce");
      const [bulkSync] = list<StoredBulkSync>("bulkSyncs");
      expect(bulkSync).toMatchObject({
        source_connection_id: salesforce?.id,
        destination_configuration: { schema: "SALESFORCE" },
      });
      expect(bulkSync?.schemas.map((s) => s.id)).toEqual(["Account", "Contact", "Opportunity", "Lead"]);
      expect(bulkSync?.default_schedule).toMatchObject({ frequency: "daily", hour: "3", minute: "0" });
      const [model] = list<StoredModel>("models");
      expect(model?.configuration).toEqual({ model_from: "single_file", key: "high_paying_users.csv" });
      const [sync] = list<StoredModelSync>("modelSyncs");
      expect(sync).toMatchObject({
        mode: "updateOrCreate",
        target: { connection_id: salesforce?.id, object: "Contact" },
        identity: { target: "Email" },
      });
      expect(up.outputs.bulkSyncId?.value).toBe(bulkSync?.id);
      expect(up.outputs.modelSyncId?.value).toBe(sync?.id);
      expect(up.outputs.modelFields?.value).toEqual(expect.arrayContaining(["email", "first_name"]));
      const state = await storedState(stack);
      expect(state).toMatch(/"type":\s*"polytomic:index:BulkSync"/);
      // The program re-serializes the key file (fn::toJSON sorts its keys), so SECRETS' own text
      // would not be found even in plaintext: look for the private key itself too.
      expect(state).not.toContain("ex-gcs-key");
      await noPlaintextSecret(stack);
    },
  }),
};

describe("examples settle", () => {
  const keys = Object.keys(EXAMPLE_RUNS) as (keyof typeof EXAMPLE_RUNS)[];
  it.each(keys.map((key) => [EXAMPLE_RUNS[key].stackName, CASES[key].title, key] as const))(
    "%s %s",
    async (_name, _title, key) => {
      rig.emulator.clearRequestLog();
      const stack = await exampleStack(rig, EXAMPLE_RUNS[key]);
      await expectSettles(stack, rig.emulator, CASES[key].options(stack));
      CASES[key].after?.();
    },
  );

  it(`${YAML_PIPELINES_RUN.stackName} ${YAML_CASE.title}`, async () => {
    rig.emulator.clearRequestLog();
    const stack = await exampleStack(rig, YAML_PIPELINES_RUN);
    await expectSettles(stack, rig.emulator, YAML_CASE.options(stack));
  });

  it("the demo program (root Pulumi.yaml) creates the Salesforce to Snowflake pipeline", async () => {
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "demo", workDir: repoRoot },
      rig.engine.workspaceOptions(),
    );
    try {
      await stack.setConfig("polytomic:apiKey", { value: rig.emulator.apiKey, secret: true });
      await stack.setConfig("polytomic:baseUrl", { value: rig.emulator.url });
      await expectSettles(stack, rig.emulator, {
        afterUp: async (up) => {
          const [sync] = list<StoredBulkSync>("bulkSyncs");
          expect(up.outputs.bulkSyncId?.value).toBe(sync?.id);
          expect(up.outputs.syncedSchemas?.value).toEqual([
            "Account",
            "Contact",
            { id: "Opportunity", fields: ["Id", "Name", "Amount", "StageName", "CloseDate"] },
          ]);
          expect(
            list<StoredConnection>("connections")
              .map((c) => c.name)
              .sort(),
          ).toEqual(["salesforce", "snowflake"]);
          const state = await storedState(stack);
          for (const secret of ["demo-consumer-secret", "demo-snowflake-password", rig.emulator.apiKey])
            expect(state).not.toContain(secret);
        },
      });
    } finally {
      // Also deletes Pulumi.demo.yaml, the stack's settings beside the root Pulumi.yaml.
      await stack.workspace.removeStack("demo", { force: true });
    }
  });
});
