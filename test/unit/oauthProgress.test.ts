/**
 * OAuth and long waits, provider side: a Connection that waits for OAuth says where to authorize it as
 * soon as it is created; its `authUrl` is a string ("" once healthy, kept by a read while still
 * pending); SchemaReady says what it waits for at once, and goes on by itself once authorized.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import type { Emulator } from "../../emulator";
import { type Severity, setDiagnosticSink } from "../../provider/internal/diagnostics";
import { WaitProgress } from "../../provider/internal/progress";
import { type ConnectionInputs, connectionProvider } from "../../provider/resources/connection";
import { schemaReadyProvider } from "../../provider/resources/schemaReady";
import { providerOnEmulator, stopProviderOnEmulator } from "./providerOnEmulator";

const URN = "urn:pulumi:dev::p::pulumi-nodejs:dynamic/polytomic:Connection::crm";
const READY_URN = "urn:pulumi:dev::p::pulumi-nodejs:dynamic/polytomic:SchemaReady::crm-schemas";

let emu: Emulator;
beforeAll(async () => {
  emu = await providerOnEmulator();
});
afterAll(async () => {
  await stopProviderOnEmulator(emu);
});

let said: { urn: string; message: string; severity: Severity }[];
beforeEach(() => {
  said = [];
  setDiagnosticSink((urn, message, severity) => said.push({ urn, message, severity }));
});
afterEach(() => {
  setDiagnosticSink(undefined);
});

const salesforce = (name: string, connectMode: string): ConnectionInputs => ({
  resourceUrn: `${URN}-${name}`,
  name,
  type: "salesforce",
  configuration: { domain: `${name}.my.salesforce.com`, connect_mode: connectMode },
});

it("announces the authorization URL (and the code in code mode) the moment the connection is created", async () => {
  const created = await connectionProvider.create?.(salesforce("oauth-browser", "browser"));
  const url = `${emu.url}/oauth/authorize/${created?.id}`;
  expect(created?.outs?.authUrl).toBe(url);
  expect(said).toEqual([
    {
      urn: `${URN}-oauth-browser`,
      severity: "warning",
      message: expect.stringContaining(
        `Connection "crm-oauth-browser" waits for OAuth authorization: open ${url} in a browser.`,
      ),
    },
  ]);

  said.length = 0;
  const coded = await connectionProvider.create?.(salesforce("oauth-code", "code"));
  expect(said[0]?.message).toMatch(/in a browser and enter the code [A-Z0-9]+\./);
  expect(coded?.outs?.authUrl).toContain("/oauth/authorize/");
});

it("says nothing and sets authUrl to the empty string when no authorization is pending", async () => {
  const created = await connectionProvider.create?.({
    resourceUrn: `${URN}-api`,
    name: "api-mode",
    type: "salesforce",
    configuration: {
      domain: "api.my.salesforce.com",
      connect_mode: "api",
      client_id: "id",
      client_secret: "oauth-progress-secret",
    },
  });
  expect(created?.outs?.authUrl).toBe("");
  expect(said).toEqual([]);
});

it("keeps the pending URL through a read, and clears it once the connection is healthy", async () => {
  const inputs = salesforce("oauth-read", "browser");
  const created = await connectionProvider.create?.(inputs);
  const id = created?.id ?? "";
  const url = created?.outs?.authUrl;
  const pending = await connectionProvider.read?.(id, created?.outs);
  expect(pending?.props?.authUrl).toBe(url);
  await emu.completeOAuth(id);
  const healthy = await connectionProvider.read?.(id, pending?.props);
  expect(healthy?.props).toMatchObject({ authUrl: "", status: "healthy" });
});

it("SchemaReady says at once that it waits for the authorization, and goes on once it is given", async () => {
  const created = await connectionProvider.create?.(salesforce("oauth-wait", "browser"));
  const id = created?.id ?? "";
  said.length = 0;
  const waiting = schemaReadyProvider.create?.({
    resourceUrn: READY_URN,
    connectionId: id,
    timeoutSeconds: 60,
    authUrl: created?.outs?.authUrl,
  });
  await expect.poll(() => said.length).toBeGreaterThan(0);
  expect(said[0]).toEqual({
    urn: READY_URN,
    severity: "info",
    message: expect.stringMatching(
      new RegExp(
        `^SchemaReady "crm-schemas": connection ${id} waits for OAuth authorization: open ${created?.outs?.authUrl} in a browser; .*waiting up to \\d+s$`,
      ),
    ),
  });
  await emu.completeOAuth(id);
  const ready = await waiting;
  expect(ready?.id).toBe(`${id}/schemas`);
});

it("WaitProgress says each new step at once and the same step again only after 30 s", async () => {
  const now = Date.now();
  let clock = now;
  const realNow = Date.now;
  Date.now = () => clock;
  try {
    const progress = new WaitProgress(READY_URN, "SchemaReady", now + 300_000);
    progress.note("step one");
    progress.note("step one");
    clock += 29_000;
    progress.note("step one");
    clock += 2_000;
    progress.note("step one");
    progress.note("step two");
  } finally {
    Date.now = realNow;
  }
  await expect.poll(() => said.length).toBe(3);
  expect(said.map((d) => [d.message, d.severity])).toEqual([
    ["SchemaReady: step one; waiting up to 300s", "info"],
    ["SchemaReady: step one; still waiting after 31s, 269s left", "info"],
    ["SchemaReady: step two; waiting up to 269s", "info"],
  ]);
});
