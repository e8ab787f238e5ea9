/**
 * Seeds 002 and 004 (reverse ETL to Salesforce Contacts from a CSV in GCS and from MongoDB) replayed as
 * raw HTTP, plus the model-sync run controls, discovery endpoints and the paginated 2025-09-18 list.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator";
import { data, rawClient } from "./http";

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator({ port: 0, schemaCacheDelayMs: 50 });
});
afterEach(async () => {
  await emu.close();
});
const call = rawClient(() => emu);
const v2024 = { "X-Polytomic-Version": "2024-02-08" };

/** Seed step 1: a browser-OAuth Salesforce connection, authorized by visiting its auth_url. */
async function salesforce(): Promise<string> {
  const sf = await call(
    "POST",
    "/api/connections",
    {
      name: "Salesforce Connection",
      type: "salesforce",
      configuration: { domain: "https://example.my.salesforce.com" },
    },
    v2024,
  );
  expect(sf.status).toBe(200);
  const visit = await fetch(String(data(sf).auth_url), { redirect: "manual" });
  expect(visit.status).toBe(302);
  return String(data(sf).id);
}

function syncBody(name: string, mode: string, frequency: string, modelId: string, connectionId: string) {
  return {
    name,
    mode,
    identity: { source: { field: "email", model_id: modelId }, target: "Email", function: "equality" },
    fields: [
      { source: { field: "first_name", model_id: modelId }, target: "FirstName" },
      { source: { field: "last_name", model_id: modelId }, target: "LastName" },
    ],
    schedule: { frequency },
    target: { connection_id: connectionId, object: "Contact" },
  };
}

describe("seed 002: contacts from a CSV in Google Cloud Storage to Salesforce", () => {
  it("creates the connections, a single_file model over the CSV and an updateOrCreate sync", async () => {
    const sfId = await salesforce();
    const gcs = await call(
      "POST",
      "/api/connections",
      {
        name: "Google Cloud Storage Connection",
        type: "gcs",
        configuration: { service_account: "service_account_json_key", bucket: "gcs://mybucket/mypath" },
      },
      v2024,
    );
    expect(gcs.status).toBe(200);
    expect((data(gcs).configuration as Record<string, unknown>).service_account).toBe("********");

    const model = await call(
      "POST",
      "/api/models",
      {
        name: "GCS Contacts",
        configuration: { model_from: "single_file", key: "high_paying_users.csv" },
        connection_id: data(gcs).id,
      },
      v2024,
    );
    expect(model.status).toBe(200);
    expect(data(model)).toMatchObject({ name: "GCS Contacts", type: "file", version: 1 });
    const fieldIds = (data(model).fields as { id: string }[]).map((f) => f.id);
    expect(fieldIds).toEqual(expect.arrayContaining(["email", "first_name", "last_name"]));

    const targets = await call("GET", `/api/connections/${sfId}/modelsync/targetobjects`, undefined, v2024);
    const contact = (data(targets) as unknown as { id: string; modes: { id: string }[] }[]).find(
      (o) => o.id === "Contact",
    );
    expect(contact?.modes.map((m) => m.id)).toContain("updateOrCreate");

    const modelId = String(data(model).id);
    const sync = await call(
      "POST",
      "/api/syncs",
      syncBody("GCS to Salesforce Sync", "updateOrCreate", "Manual", modelId, sfId),
      v2024,
    );
    expect(sync.status).toBe(200);
    expect(data(sync)).toMatchObject({
      name: "GCS to Salesforce Sync",
      mode: "updateOrCreate",
      schedule: { frequency: "manual" },
      identity: { target: "Email", function: "Equality" },
      target: { connection_id: sfId, object: "Contact" },
      model_ids: [modelId],
    });
    const read = await call("GET", `/api/syncs/${String(data(sync).id)}`, undefined, v2024);
    expect(data(read)).toEqual(data(sync));
  });
});

describe("seed 004: MongoDB to Salesforce", () => {
  it("creates a model over database + collection and a create-mode continuous sync", async () => {
    const mongo = await call(
      "POST",
      "/api/connections",
      {
        name: "MongoDB Connection",
        type: "mongodb",
        configuration: { hosts: "example.mongodb.net", username: "user", password: "secret" },
      },
      v2024,
    );
    expect(mongo.status).toBe(200);
    const sfId = await salesforce();
    const model = await call(
      "POST",
      "/api/models",
      {
        name: "MongoDB Model",
        configuration: { database: "example", collection: "users" },
        connection_id: data(mongo).id,
      },
      v2024,
    );
    expect(model.status).toBe(200);
    expect(data(model).type).toBe("collection");
    const sync = await call(
      "POST",
      "/api/syncs",
      syncBody("Mongo to Salesforce Sync", "create", "continuous", String(data(model).id), sfId),
      v2024,
    );
    expect(sync.status).toBe(200);
    expect(data(sync)).toMatchObject({ mode: "create", schedule: { frequency: "continuous" } });

    const inUse = await call("DELETE", `/api/connections/${String(data(mongo).id)}`);
    expect(inUse.status).toBe(422);
    expect((inUse.body.metadata as { used_by: { type: string }[] }).used_by.map((u) => u.type)).toEqual([
      "model",
      "sync",
    ]);
    expect((await call("DELETE", `/api/connections/${String(data(mongo).id)}?force=true`)).status).toBe(204);
    expect(emu.store.list("models")).toHaveLength(0);
    expect(emu.store.list("modelSyncs")).toHaveLength(0);
  });
});

describe("model syncs: run controls, discovery, pagination", () => {
  async function pipeline(): Promise<{ sfId: string; modelId: string; pgId: string }> {
    const sfId = await salesforce();
    const pg = await call("POST", "/api/connections", {
      name: "warehouse",
      type: "postgresql",
      configuration: { hostname: "db.internal", port: 5432, database: "app", username: "u", password: "p" },
    });
    expect(pg.status).toBe(200);
    const model = await call("POST", "/api/models", {
      name: "users",
      connection_id: data(pg).id,
      configuration: {
        query: "select email, first_name, last_name, created_at as signed_up_at from public.users",
      },
      identifier: "email",
    });
    expect(model.status).toBe(200);
    return { sfId, modelId: String(data(model).id), pgId: String(data(pg).id) };
  }

  it("resolves query models to their selected columns, with aliases", async () => {
    const { modelId } = await pipeline();
    const model = await call("GET", `/api/models/${modelId}`);
    expect((data(model).fields as { id: string }[]).map((f) => f.id)).toEqual([
      "email",
      "first_name",
      "last_name",
      "signed_up_at",
    ]);
    expect(data(model)).toMatchObject({ type: "query", identifier: "email" });
  });

  it("starts an execution, answers 409 while it runs, cancels, and activates", async () => {
    const { sfId, modelId } = await pipeline();
    const body = syncBody("s", "update", "manual", modelId, sfId);
    body.fields = [{ source: { field: "first_name", model_id: modelId }, target: "FirstName" }];
    const sync = await call("POST", "/api/syncs", body);
    expect(sync.status).toBe(200);
    const id = String(data(sync).id);
    expect((await call("POST", `/api/syncs/${id}/executions`, {})).status).toBe(200);
    const again = await call("POST", `/api/syncs/${id}/executions`, {});
    expect(again.status).toBe(409);
    expect(data(await call("GET", `/api/syncs/${id}/status`)).current_execution).toMatchObject({
      status: "running",
    });
    expect((await call("POST", `/api/syncs/${id}/cancel`)).status).toBe(200);
    const status = data(await call("GET", `/api/syncs/${id}/status`));
    expect(status.current_execution).toBeNull();
    expect(status.last_execution).toMatchObject({ status: "canceled" });
    expect(data(await call("POST", `/api/syncs/${id}/activate`, { active: true }))).toEqual({
      id,
      active: true,
    });
    expect(data(await call("GET", `/api/syncs/${id}`)).active).toBe(true);
  });

  it("pages the 2025-09-18 list and answers full objects in 2024-02-08", async () => {
    const { sfId, modelId } = await pipeline();
    for (let i = 0; i < 5; i++) {
      const created = await call(
        "POST",
        "/api/syncs",
        syncBody(`s${i}`, "updateOrCreate", "manual", modelId, sfId),
      );
      expect(created.status).toBe(200);
    }
    const names: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const query: string = token ? `&page_token=${token}` : "";
      const page = await call("GET", `/api/syncs?limit=2${query}`, undefined, {
        "X-Polytomic-Version": "2025-09-18",
      });
      expect(page.status).toBe(200);
      const items = page.body.data as { name: string; target_connection_id: string; fields?: unknown }[];
      expect(items.every((s) => s.target_connection_id === sfId && s.fields === undefined)).toBe(true);
      names.push(...items.map((s) => s.name));
      token = (page.body.pagination as { next_page_token: string | null }).next_page_token;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(names).toEqual(["s0", "s1", "s2", "s3", "s4"]);
    const legacy = await call("GET", "/api/syncs", undefined, v2024);
    expect((legacy.body.data as { fields: unknown[] }[])[0]?.fields).toHaveLength(2);
    expect(legacy.body.pagination).toBeUndefined();
    // "limit ≤ 50": no source says more is refused, so it is answered as 50; an unknown token reads
    // as the first page.
    const v2025 = { "X-Polytomic-Version": "2025-09-18" };
    const tooMany = await call("GET", "/api/syncs?limit=51", undefined, v2025);
    expect(tooMany.status).toBe(200);
    expect(tooMany.body.data).toHaveLength(5);
    const badToken = await call("GET", "/api/syncs?limit=2&page_token=%%%", undefined, v2025);
    expect(badToken.status).toBe(200);
    expect((badToken.body.data as { name: string }[]).map((s) => s.name)).toEqual(["s0", "s1"]);
  });

  it("answers modelsync source options (plain and JSON params), source fields and target fields", async () => {
    const { sfId, pgId } = await pipeline();
    const options = data(await call("GET", `/api/connections/${pgId}/modelsync/source`));
    expect(options.requires_one_of).toEqual(["query", "table", "view"]);
    const plain = await call("GET", `/api/connections/${pgId}/modelsync/source/fields?table=public.accounts`);
    const json = await call(
      "GET",
      `/api/connections/${pgId}/modelsync/source/fields?params=${encodeURIComponent(JSON.stringify({ table: ["public.accounts"] }))}`,
    );
    expect(plain.status).toBe(200);
    expect(plain.body.data).toEqual(json.body.data);
    expect((plain.body.data as { id: string }[]).map((f) => f.id)).toContain("mrr");
    // A query carries text: the SDK sends a boolean configuration value as "false".
    const salesforce = {
      table: ["Account"],
      include_deleted: ["false"],
    };
    const typed = await call(
      "GET",
      `/api/connections/${sfId}/modelsync/source/fields?params=${encodeURIComponent(JSON.stringify(salesforce))}`,
    );
    expect(typed.status).toBe(200);
    const fields = data(await call("GET", `/api/connections/${sfId}/modelsync/target/fields?target=Contact`));
    const email = (fields.fields as { id: string; supports_identity: boolean; required: boolean }[]).find(
      (f) => f.id === "Email",
    );
    expect(email?.supports_identity).toBe(true);
    const lastName = (fields.fields as { id: string; required: boolean }[]).find((f) => f.id === "LastName");
    expect(lastName?.required).toBe(true);
    expect((await call("GET", `/api/connections/${sfId}/modelsync/target/fields?target=Nope`)).status).toBe(
      404,
    );
  });
});
