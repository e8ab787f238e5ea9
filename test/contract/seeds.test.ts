/**
 * The requests of Polytomic's own documentation pages (../shared/seeds, restated here) replayed as raw
 * HTTP against the emulator, with the documented results.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator";
import { data, rawClient } from "./http";

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator({ port: 0, schemaCacheDelayMs: 300 });
});
afterEach(async () => {
  await emu.close();
});

const call = rawClient(() => emu);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("seed 000: bulk sync from Salesforce to S3 (2024-02-08)", () => {
  const v = { "X-Polytomic-Version": "2024-02-08" };

  it("creates the connections, answers 'No schemas found' until the OAuth'd cache is ready, then the sync", async () => {
    const sf = await call(
      "POST",
      "/api/connections",
      {
        name: "Salesforce Connection",
        type: "salesforce",
        configuration: { domain: "https://example.my.salesforce.com" },
      },
      v,
    );
    expect(sf.status).toBe(200);
    expect(sf.headers.get("x-polytomic-version")).toBe("2024-02-08");
    const authUrl = String(data(sf).auth_url);
    expect(authUrl).toMatch(new RegExp(`^${emu.url}/oauth/authorize/`));
    expect(data(sf).status).not.toBe("healthy");

    const s3 = await call(
      "POST",
      "/api/connections",
      {
        name: "S3 Connection",
        type: "s3",
        // Exactly the seed's configuration: no auth_mode (required, with a default the API fills in).
        configuration: {
          aws_access_key_id: "EXAMPLE",
          aws_secret_access_key: "SECRET",
          s3_bucket_region: "us-east-1",
          s3_bucket_name: "my-bucket",
        },
      },
      v,
    );
    expect(s3.status).toBe(200);
    expect((data(s3).configuration as Record<string, unknown>).aws_secret_access_key).toBe("********");
    expect((data(s3).configuration as Record<string, unknown>).auth_mode).toBe("access_key_and_secret");

    const syncBody = {
      name: "Salesforce Bulk Sync",
      source_connection_id: data(sf).id,
      destination_connection_id: data(s3).id,
      mode: "replicate",
      schedule: { frequency: "continuous" },
      destination_configuration: { format: "csv" },
      schemas: ["Account", "Contact"],
    };
    const early = await call("POST", "/api/bulk/syncs", syncBody, v);
    expect(early.status).toBe(400);
    expect(early.body).toEqual({
      status: 400,
      message:
        "No schemas found. This can mean that the Polytomic has not cached any schemas yet. Please try again.",
      metadata: null,
    });

    // Visiting auth_url completes OAuth and redirects; the cache then fills after the delay.
    const visit = await fetch(authUrl, { redirect: "manual" });
    expect(visit.status).toBe(302);
    expect(data(await call("GET", `/api/connections/${data(sf).id}`, undefined, v)).status).toBe("healthy");
    await sleep(400);
    // "This request is safe to retry until it returns a 2xx response": with an Idempotency-Key, a
    // replay answers the same sync and creates nothing more.
    const key = { ...v, "Idempotency-Key": "seed-000-bulk-sync" };
    const created = await call("POST", "/api/bulk/syncs", syncBody, key);
    expect(created.status).toBe(200);
    const replay = await call("POST", "/api/bulk/syncs", syncBody, key);
    expect(replay.status).toBe(200);
    expect(data(replay).id).toBe(data(created).id);
    expect(Object.keys(emu.store.data.bulkSyncs)).toHaveLength(1);
    expect(data(created).schedule).toEqual({ frequency: "continuous" });
    expect(data(created)).not.toHaveProperty("default_schedule");
    const schemas = await call("GET", `/api/bulk/syncs/${data(created).id}/schemas`, undefined, v);
    expect((schemas.body.data as { id: string }[]).map((s) => s.id)).toEqual(["Account", "Contact"]);
  });
});

describe("seed 001: bulk sync from Salesforce to Snowflake (2025-09-18)", () => {
  const v = { "X-Polytomic-Version": "2025-09-18" };

  it("polls Get Schema Status until cached, then creates the sync with default_schedule", async () => {
    const sf = await call(
      "POST",
      "/api/connections",
      {
        name: "Salesforce Connection",
        type: "salesforce",
        configuration: { domain: "https://example.my.salesforce.com" },
      },
      v,
    );
    await emu.completeOAuth(String(data(sf).id));
    const snowflake = await call(
      "POST",
      "/api/connections",
      {
        name: "Snowflake Connection",
        type: "snowflake",
        configuration: { account: "uc193736182", username: "user", password: "secret", dbname: "database" },
      },
      v,
    );
    expect(snowflake.status).toBe(200);
    expect((data(snowflake).configuration as Record<string, unknown>).password).toBe("********");

    let status = "";
    for (let i = 0; i < 50 && status !== "fresh"; i++) {
      const r = await call("GET", `/api/connections/${data(sf).id}/schemas/status`, undefined, v);
      status = String(data(r).cache_status);
      if (status !== "fresh") await sleep(50);
    }
    expect(status).toBe("fresh");
    const created = await call(
      "POST",
      "/api/bulk/syncs",
      {
        name: "Salesforce Bulk Sync",
        source_connection_id: data(sf).id,
        destination_connection_id: data(snowflake).id,
        mode: "replicate",
        default_schedule: { frequency: "continuous" },
        destination_configuration: { schema: "SALESFORCE_CONNECTION" },
        schemas: ["Account", "Contact"],
      },
      v,
    );
    expect(created.status).toBe(200);
    expect(data(created).default_schedule).toMatchObject({ frequency: "continuous" });
    expect(data(created).additional_schedules).toEqual([]);
    // The same sync read with the older version shows the translated schedule.
    const legacy = await call("GET", `/api/bulk/syncs/${data(created).id}`, undefined, {
      "X-Polytomic-Version": "2024-02-08",
    });
    expect(data(legacy).schedule).toEqual({ frequency: "continuous" });
  });
});

describe("cross-cutting behaviour", () => {
  it("rejects a missing or wrong key with 401 in the error envelope, accepts the organization-scoped Basic form", async () => {
    expect((await call("GET", "/api/me", undefined, { authorization: "Bearer wrong" })).status).toBe(401);
    const basic = Buffer.from(`${emu.organizationId}:${emu.apiKey}`).toString("base64");
    const me = await call("GET", "/api/me", undefined, { authorization: `Basic ${basic}` });
    expect(me.status).toBe(200);
    expect(data(me).organization_id).toBe(emu.organizationId);
    const wrongOrg = Buffer.from(`someone-else:${emu.apiKey}`).toString("base64");
    expect((await call("GET", "/api/me", undefined, { authorization: `Basic ${wrongOrg}` })).status).toBe(
      401,
    );
  });

  it("serves every version polytomic-api.md lists as supported, answers another with 400 naming the header, echoes the served version", async () => {
    for (const version of ["2021-05-23", "2022-12-12", "2023-04-25"]) {
      const r = await call("GET", "/api/me", undefined, { "X-Polytomic-Version": version });
      expect(r.status).toBe(200);
      expect(r.headers.get("x-polytomic-version")).toBe(version);
    }
    const r = await call("GET", "/api/me", undefined, { "X-Polytomic-Version": "2019-01-01" });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/X-Polytomic-Version/);
    expect((await call("GET", "/api/me")).headers.get("x-polytomic-version")).toBe("2025-09-18");
  });

  it("answers malformed JSON with 400 and validation failures with messages that name the field", async () => {
    expect((await call("POST", "/api/connections", "{not json")).status).toBe(400);
    const cases: [unknown, number, RegExp][] = [
      [{ type: "s3", configuration: {} }, 400, /^name:/],
      [{ name: "x", type: "nope", configuration: {} }, 422, /^type:/],
      [
        { name: "x", type: "s3", configuration: { auth_mode: "iam_role", s3_bucket_name: "b" } },
        422,
        /configuration\.s3_bucket_region/,
      ],
      [
        {
          name: "x",
          type: "s3",
          configuration: { auth_mode: "magic", s3_bucket_name: "b", s3_bucket_region: "r" },
        },
        422,
        /configuration\.auth_mode/,
      ],
      [
        {
          name: "x",
          type: "postgresql",
          configuration: { hostname: "h", username: "u", password: "p", database: "d", port: "5432" },
        },
        422,
        /configuration\.port/,
      ],
      [
        { name: "x", type: "salesforce", configuration: { domain: "d", connect_mode: "api" } },
        422,
        /configuration\.client_id/,
      ],
    ];
    for (const [body, status, message] of cases) {
      const r = await call("POST", "/api/connections", body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(String(r.body.message)).toMatch(message);
    }
    expect(emu.store.count()).toBe(0);
  });

  it("keeps a stored secret when an update omits it or sends the mask", async () => {
    const created = await call("POST", "/api/connections", {
      name: "pg",
      type: "postgresql",
      configuration: { hostname: "h", username: "u", password: "hunter2", database: "d", port: 5432 },
    });
    const id = String(data(created).id);
    const update = (configuration: Record<string, unknown>) =>
      call("PUT", `/api/connections/${id}`, { name: "pg", configuration });
    expect((await update({ hostname: "h2", username: "u", database: "d", port: 5432 })).status).toBe(200);
    expect(
      (await update({ hostname: "h3", username: "u", password: "********", database: "d", port: 5432 }))
        .status,
    ).toBe(200);
    const stored = emu.store.data.connections[id];
    expect(stored?.configuration).toMatchObject({ hostname: "h3", password: "hunter2" });
  });

  it("refuses to delete a connection in use unless forced, which cascades", async () => {
    const pg = await call("POST", "/api/connections", {
      name: "pg",
      type: "postgresql",
      configuration: { hostname: "h", username: "u", password: "p", database: "d", port: 5432 },
    });
    const sf = await call("POST", "/api/connections", {
      name: "sf",
      type: "salesforce",
      configuration: { domain: "d", connect_mode: "api", client_id: "i", client_secret: "s" },
    });
    await sleep(350);
    const sync = await call("POST", "/api/bulk/syncs", {
      name: "s",
      source_connection_id: data(sf).id,
      mode: "replicate",
      destination_connection_id: data(pg).id,
      default_schedule: { frequency: "daily", hour: "3", minute: "0" },
      destination_configuration: { schema: "sf" },
    });
    expect(sync.status).toBe(200);
    const refused = await call("DELETE", `/api/connections/${data(pg).id}`);
    expect(refused.status).toBe(422);
    expect(refused.body.message).toBe("connection in use");
    expect((refused.body.metadata as { used_by: unknown[] }).used_by).toEqual([
      { type: "bulk_sync", name: "s", id: data(sync).id },
    ]);
    expect((await call("DELETE", `/api/connections/${data(pg).id}?force=true`)).status).toBe(204);
    expect(emu.store.data.bulkSyncs).toEqual({});
  });

  it("replays the first outcome of an Idempotency-Key, errors included, and rejects malformed keys", async () => {
    const body = { name: "stripe", type: "stripe", configuration: { api_key: "sk_test" } };
    const key = { "Idempotency-Key": "create-stripe-0001" };
    const first = await call("POST", "/api/connections", body, key);
    const second = await call("POST", "/api/connections", body, key);
    expect(second.status).toBe(200);
    expect(data(second).id).toBe(data(first).id);
    expect(Object.keys(emu.store.data.connections)).toHaveLength(1);

    const bad = { "Idempotency-Key": "bad-type-0001" };
    expect((await call("POST", "/api/connections", { name: "n", type: "nope" }, bad)).status).toBe(422);
    expect(
      (
        await call(
          "POST",
          "/api/connections",
          { name: "n", type: "stripe", configuration: { api_key: "k" } },
          bad,
        )
      ).status,
    ).toBe(422);

    expect((await call("POST", "/api/connections", body, { "Idempotency-Key": "short" })).status).toBe(400);
    expect(
      (await call("POST", "/api/connections", body, { "Idempotency-Key": "has spaces in it" })).status,
    ).toBe(400);
  });

  it("answers 409 to a second request with a key that is still in flight, then replays the outcome", async () => {
    emu.faults.failNext("POST /api/connections", { kind: "slow", ms: 400 });
    const body = { name: "slow", type: "stripe", configuration: { api_key: "sk_live_1" } };
    const key = { "Idempotency-Key": "in-flight-key-0001" };
    const first = call("POST", "/api/connections", body, key);
    await sleep(100);
    const second = await call("POST", "/api/connections", body, key);
    expect(second.status).toBe(409);
    expect(second.body.message).toMatch(/^Idempotency-Key:/);
    const done = await first;
    expect(done.status).toBe(200);
    const replay = await call("POST", "/api/connections", body, key);
    expect(replay.status).toBe(200);
    expect(data(replay).id).toBe(data(done).id);
    expect(emu.store.count()).toBe(1);
  });

  it("injects faults before processing, and drop-after processes but loses the response", async () => {
    emu.faults.failNext("POST /api/connections", { kind: "status", status: 429, retryAfterSeconds: 2 });
    const limited = await call("POST", "/api/connections", {
      name: "a",
      type: "stripe",
      configuration: { api_key: "k" },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(emu.store.count()).toBe(0);

    emu.faults.failNext("POST /api/connections", { kind: "drop-after" });
    await expect(
      call("POST", "/api/connections", { name: "b", type: "stripe", configuration: { api_key: "k" } }),
    ).rejects.toThrow();
    expect(emu.store.count()).toBe(1);
    expect(emu.requestLog.some((e) => e.fault === "drop-after")).toBe(true);
  });
});
