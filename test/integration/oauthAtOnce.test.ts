/**
 * Browser OAuth through the real engine, as a new user meets it: `pulumi up` shows the URL to open the
 * moment the Salesforce connection is created (a warning on the connection), the wait says what it is
 * waiting for, and the update goes on by itself once someone opens the URL, all in ONE up. The test
 * opens the URL only when it sees it in an engine event, with a wait long enough that the up can only
 * succeed that way. Afterwards nothing is pending: the pipeline's `authUrl` is "", an unchanged preview
 * prints nothing else, and a refresh clears the connection's own `authUrl`.
 */
import type { EngineEvent, PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadPackage, startRig, type TestRig } from "./harness";
import { expectNoChanges, expectRefreshSettles, settledDestroy } from "./settle";

function program(): PulumiFn {
  const polytomic = loadPackage();
  return async () => {
    const pipeline = new polytomic.SalesforceToSnowflakeBulkSync("crm", {
      salesforce: { configuration: { domain: "oauth-at-once.my.salesforce.com", connect_mode: "browser" } },
      snowflake: {
        configuration: {
          account: "acme-oauth",
          username: "LOADER",
          password: "oauth-at-once-pw",
          dbname: "RAW",
        },
      },
      destinationSchema: "SALESFORCE",
      objects: ["Account"],
      readinessTimeoutSeconds: 120,
    });
    return { authUrl: pipeline.authUrl };
  };
}

/** Diagnostics the engine reported, in order. */
const diagnostics = (events: readonly EngineEvent[]) =>
  events.flatMap((e) => (e.diagnosticEvent ? [e.diagnosticEvent] : []));

let rig: TestRig;
let stack: Stack;
beforeAll(async () => {
  rig = await startRig();
  stack = await rig.stack("oauth-at-once", program());
});
afterAll(async () => {
  await rig?.close();
});

it("shows the OAuth URL as soon as the connection exists and goes on once it is authorized", async () => {
  const events: EngineEvent[] = [];
  const opened: string[] = [];
  const up = await stack.up({
    onEvent: (event) => {
      events.push(event);
      const url = event.diagnosticEvent?.message.match(/open (\S+\/oauth\/authorize\/\S+) in a browser/)?.[1];
      if (url && opened.length === 0) {
        opened.push(url);
        // As a user would: open the page (the emulator completes the flow and redirects).
        void fetch(url, { redirect: "manual" });
      }
    },
  });
  expect(up.summary.result).toBe("succeeded");
  const salesforce = (rig.emulator.store.list("connections") as { id: string; type: string }[]).find(
    (c) => c.type === "salesforce",
  );
  expect(opened).toEqual([`${rig.emulator.url}/oauth/authorize/${salesforce?.id}`]);

  const said = diagnostics(events);
  const announced = said.find((d) => d.message.includes(opened[0] ?? "?") && d.severity === "warning");
  expect(announced?.urn).toMatch(/Connection::crm-source$/);
  expect(announced?.message).toContain('Connection "crm-source" waits for OAuth authorization');
  // The wait said what it waited for, on the SchemaReady's row.
  expect(
    said.some((d) => d.urn?.endsWith("::crm-source-schemas") && /waiting up to \d+s/.test(d.message)),
  ).toBe(true);
  expect(up.outputs.authUrl?.value).toBe("");
  expect(up.stdout).not.toContain("Undefined value");

  await expectNoChanges(stack, "after the authorized up");
  // The connection's own outputs were written when it was created, still pending; a refresh reads the
  // authorization (status healthy, no URL pending), and the next refresh finds nothing more.
  await stack.refresh();
  await expectRefreshSettles(stack, "second refresh");
  const state = await stack.exportStack();
  const connection = (
    state.deployment as { resources: { urn: string; outputs?: { authUrl?: string; status?: string } }[] }
  ).resources.find((r) => r.urn.endsWith("::crm-source"));
  expect(connection?.outputs).toMatchObject({ authUrl: "", status: "healthy" });
  await expectNoChanges(stack, "after the refresh");
  await settledDestroy(stack, rig.emulator, "destroy");
});
