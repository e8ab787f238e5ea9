/**
 * Every request of Polytomic's documentation pages in shared/seeds, replayed as a user sends it: the
 * curl command's headers exactly (`accept`, `content-type` on every request, `X-Polytomic-Version`,
 * `Authorization: Bearer`), the body text as printed (the placeholders `YOUR-...-ID` replaced by the ids
 * the earlier steps answered), each with the outcome the page documents. The requests are restated
 * here; when shared/seeds is at hand, each restated body and header is checked against its page.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator";

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator({ port: 0, schemaCacheDelayMs: 200 });
});
afterEach(async () => {
  await emu.close();
});

const SEEDS = join(__dirname, "..", "..", "..", "shared", "seeds");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Json = Record<string, unknown>;

/** The headers of every curl command of the seeds, in their order and spelling. */
function seedHeaders(version: string): [string, string][] {
  return [
    ["accept", "application/json"],
    ["content-type", "application/json"],
    ["X-Polytomic-Version", version],
    ["Authorization", `Bearer ${emu.apiKey}`],
  ];
}

/** What the seed page of `file` prints, whitespace-normalized (undefined when shared/seeds is absent). */
function seedText(file: string): string | undefined {
  const path = join(SEEDS, file);
  if (!existsSync(path)) return undefined;
  return readFileSync(path, "utf8").replaceAll(/\n> ?/g, " ").replaceAll(/\s+/g, "");
}

interface Replayed {
  status: number;
  body: Json;
  headers: Headers;
}

/**
 * Sends one seed request. `raw` is the `-d` text as printed; `ids` replaces its placeholders. The
 * restated body and headers are checked against the page when it is at hand.
 */
async function replay(
  seed: string,
  version: string,
  method: string,
  path: string,
  raw?: string,
  ids: Record<string, string> = {},
): Promise<Replayed> {
  const printed = seedText(seed);
  // Requests the page prints (with a body) are checked against it; the polls it only describes are not.
  if (printed !== undefined && raw !== undefined) {
    expect(printed, `${seed} prints this body`).toContain(raw.replaceAll(/\s+/g, ""));
    for (const [name, value] of seedHeaders(version).slice(0, 3))
      expect(printed, `${seed} sends ${name}`).toContain(`--header"${name}:${value}"`);
  }
  let body = raw;
  for (const [placeholder, id] of Object.entries(ids)) body = body?.replaceAll(placeholder, id);
  const response = await fetch(`${emu.url}${path}`, {
    method,
    redirect: "manual",
    headers: seedHeaders(version),
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {}, headers: response.headers };
}

const data = (r: Replayed) => r.body.data as Json;
const NO_SCHEMAS = {
  status: 400,
  message:
    "No schemas found. This can mean that the Polytomic has not cached any schemas yet. Please try again.",
  metadata: null,
};

const SALESFORCE =
  '{"name": "Salesforce Connection","type": "salesforce", "configuration": {"domain": "https://example.my.salesforce.com"}}';

/** Seeds 000-002 and 004, step 1: the Salesforce connection answers an `auth_url` to open. */
async function salesforce(seed: string, version: string): Promise<{ id: string; authUrl: string }> {
  const created = await replay(seed, version, "POST", "/api/connections", SALESFORCE);
  expect(created.status).toBe(200);
  expect(created.headers.get("x-polytomic-version")).toBe(version);
  const connection = data(created);
  expect(connection).toMatchObject({ name: "Salesforce Connection", type: { id: "salesforce" } });
  expect(typeof connection.auth_url).toBe("string");
  return { id: String(connection.id), authUrl: String(connection.auth_url) };
}

/** "Open the URL returned in the auth_url field of the response to complete the flow." */
async function authorize(authUrl: string): Promise<void> {
  const visit = await fetch(authUrl, { redirect: "manual" });
  expect(visit.status).toBe(302);
}

/** "Poll the Get Schema Status endpoint ... until" the refresh has finished. */
async function pollSchemaStatus(seed: string, version: string, id: string): Promise<Json> {
  for (let i = 0; i < 100; i++) {
    const status = await replay(seed, version, "GET", `/api/connections/${id}/schemas/status`);
    expect(status.status).toBe(200);
    const body = data(status);
    if (body.last_refresh_finished) return body;
    await sleep(25);
  }
  throw new Error(`the schemas of ${id} never finished caching`);
}

describe("seed 000: bulk sync from Salesforce to S3 (2024-02-08)", () => {
  const seed = "000_e36b8ccc4e609c37.txt";
  const v = "2024-02-08";

  it("replays the page's three requests with its headers and gets the documented outcomes", async () => {
    const sf = await salesforce(seed, v);
    const s3 = await replay(
      seed,
      v,
      "POST",
      "/api/connections",
      `{
"name": "S3 Connection",
"type": "s3",
"configuration": {
"aws_access_key_id": "EXAMPLE",
"aws_secret_access_key": "SECRET",
"s3_bucket_region": "us-east-1",
"s3_bucket_name": "my-bucket"
}
}`,
    );
    expect(s3.status).toBe(200);
    expect(data(s3)).toMatchObject({
      name: "S3 Connection",
      type: { id: "s3" },
      configuration: { aws_secret_access_key: "********", auth_mode: "access_key_and_secret" },
    });
    const sync = `{
"name": "Salesforce Bulk Sync",
"source_connection_id": "YOUR-SALESFORCE-CONNECTION-ID",
"destination_connection_id": "YOUR-S3-CONNECTION-ID",
"mode": "replicate",
"schedule": {
"frequency": "continuous"
},
"destination_configuration": {
"format": "csv"
},
"schemas": ["Account", "Contact"]
}`;
    const ids = { "YOUR-SALESFORCE-CONNECTION-ID": sf.id, "YOUR-S3-CONNECTION-ID": String(data(s3).id) };
    // "Until the cache is populated, Bulk Sync creation returns" exactly this body.
    const early = await replay(seed, v, "POST", "/api/bulk/syncs", sync, ids);
    expect(early.status).toBe(400);
    expect(early.body).toEqual(NO_SCHEMAS);
    await authorize(sf.authUrl);
    // "This request is safe to retry until it returns a 2xx response."
    let created = early;
    for (let i = 0; i < 100 && created.status !== 200; i++) {
      await sleep(25);
      created = await replay(seed, v, "POST", "/api/bulk/syncs", sync, ids);
      if (created.status !== 200) expect(created.body).toEqual(NO_SCHEMAS);
    }
    expect(created.status).toBe(200);
    expect(data(created)).toMatchObject({
      name: "Salesforce Bulk Sync",
      source_connection_id: sf.id,
      mode: "replicate",
      schedule: { frequency: "continuous" },
      destination_configuration: { format: "csv" },
    });
    const schemas = await replay(seed, v, "GET", `/api/bulk/syncs/${data(created).id}/schemas`);
    expect((schemas.body.data as Json[]).map((s) => [s.id, s.enabled])).toEqual([
      ["Account", true],
      ["Contact", true],
    ]);
  });
});

describe("seed 001: bulk sync from Salesforce to Snowflake (2025-09-18)", () => {
  const seed = "001_02603989691de81c.txt";
  const v = "2025-09-18";

  it("replays the page's requests, polls Get Schema Status, then creates the sync", async () => {
    const sf = await salesforce(seed, v);
    const snowflake = await replay(
      seed,
      v,
      "POST",
      "/api/connections",
      `{
"name": "Snowflake Connection",
"type": "snowflake",
"configuration": {
"account": "uc193736182",
"username": "user",
"password": "secret",
"dbname": "database"
}
}`,
    );
    expect(snowflake.status).toBe(200);
    expect(data(snowflake)).toMatchObject({
      type: { id: "snowflake" },
      configuration: { password: "********" },
    });
    const sync = `{
"name": "Salesforce Bulk Sync",
"source_connection_id": "YOUR-SALESFORCE-CONNECTION-ID",
"destination_connection_id": "YOUR-SNOWFLAKE-CONNECTION-ID",
"mode": "replicate",
"default_schedule": {
"frequency": "continuous"
},
"destination_configuration": {
"schema": "SALESFORCE_CONNECTION"
},
"schemas": ["Account", "Contact"]
}`;
    const ids = {
      "YOUR-SALESFORCE-CONNECTION-ID": sf.id,
      "YOUR-SNOWFLAKE-CONNECTION-ID": String(data(snowflake).id),
    };
    const early = await replay(seed, v, "POST", "/api/bulk/syncs", sync, ids);
    expect(early.body).toEqual(NO_SCHEMAS);
    await authorize(sf.authUrl);
    const status = await pollSchemaStatus(seed, v, sf.id);
    expect(Date.parse(String(status.last_refresh_finished))).toBeGreaterThanOrEqual(
      Date.parse(String(status.last_refresh_started)),
    );
    const created = await replay(seed, v, "POST", "/api/bulk/syncs", sync, ids);
    expect(created.status).toBe(200);
    expect(data(created)).toMatchObject({
      mode: "replicate",
      default_schedule: { frequency: "continuous" },
      additional_schedules: [],
      destination_configuration: { schema: "SALESFORCE_CONNECTION" },
    });
    expect(data(created)).not.toHaveProperty("schedule");
  });
});

describe("seed 002: contacts from a GCS CSV to Salesforce (2024-02-08)", () => {
  const seed = "002_59783d549b3a12f4.txt";
  const v = "2024-02-08";

  it("replays the connections, the model over the CSV and the sync, as printed", async () => {
    const sf = await salesforce(seed, v);
    const gcs = await replay(
      seed,
      v,
      "POST",
      "/api/connections",
      '{"name": "Google Cloud Storage Connection","type": "gcs", "configuration": { "service_account": "service_account_json_key", "bucket": "gcs://mybucket/mypath"}}',
    );
    expect(gcs.status).toBe(200);
    expect(data(gcs)).toMatchObject({ type: { id: "gcs" }, configuration: { service_account: "********" } });
    // "Verify connection readiness": poll Get Schema Status for each connection.
    await authorize(sf.authUrl);
    await pollSchemaStatus(seed, v, sf.id);
    await pollSchemaStatus(seed, v, String(data(gcs).id));

    const model = await replay(
      seed,
      v,
      "POST",
      "/api/models",
      `{
"name": "GCS Contacts",
"configuration": {
"model_from": "single_file",
"key": "high_paying_users.csv"
},
"connection_id": "YOUR_GCS_CONNECTION_ID"
}`,
      { YOUR_GCS_CONNECTION_ID: String(data(gcs).id) },
    );
    expect(model.status).toBe(200);
    // "expose every column in high_paying_users.csv"
    const columns = (data(model).fields as Json[]).map((f) => f.id);
    expect(columns).toEqual(expect.arrayContaining(["email", "first_name", "last_name"]));

    // "To discover the target objects available on a destination, use the Get Sync Target Objects endpoint."
    const objects = await replay(seed, v, "GET", `/api/connections/${sf.id}/modelsync/targetobjects`);
    expect(objects.status).toBe(200);
    expect((objects.body.data as Json[]).map((o) => o.id)).toContain("Contact");

    const sync = await replay(
      seed,
      v,
      "POST",
      "/api/syncs",
      `{
"name": "GCS to Salesforce Sync",
"mode": "updateOrCreate",
"identity": {
"source": {
"field": "email",
"model_id": "YOUR_MODEL_ID"
},
"target": "Email",
"function": "equality"
},
"fields": [
{
"source": {
"field": "first_name",
"model_id": "YOUR_MODEL_ID"
},
"target": "FirstName"
},
{
"source": {
"field": "last_name",
"model_id": "YOUR_MODEL_ID"
},
"target": "LastName"
}
],
"schedule": {
"frequency": "Manual"
},
"target": {
"connection_id": "YOUR_SALESFORCE_CONNECTION_ID",
"object": "Contact"
}
}`,
      { YOUR_MODEL_ID: String(data(model).id), YOUR_SALESFORCE_CONNECTION_ID: sf.id },
    );
    expect(sync.status, JSON.stringify(sync.body)).toBe(200);
    expect(data(sync)).toMatchObject({
      name: "GCS to Salesforce Sync",
      mode: "updateOrCreate",
      identity: { source: { field: "email", model_id: data(model).id }, target: "Email" },
      schedule: { frequency: "manual" },
      target: { connection_id: sf.id, object: "Contact" },
    });
    expect(data(sync).fields).toHaveLength(2);
  });
});

describe("seed 003: the Create Bulk Sync reference (2025-09-18)", () => {
  const v = "2025-09-18";

  async function endpoints(): Promise<{ source: string; destination: string }> {
    const post = async (body: Json) => {
      const response = await fetch(`${emu.url}/api/connections`, {
        method: "POST",
        headers: seedHeaders(v),
        body: JSON.stringify(body),
      });
      return String(((await response.json()) as { data: Json }).data.id);
    };
    const source = await post({ name: "stripe", type: "stripe", configuration: { api_key: "sk_test" } });
    const destination = await post({
      name: "pg",
      type: "postgresql",
      configuration: { hostname: "h", username: "u", password: "p", database: "d" },
    });
    await pollSchemaStatus("003_c6d346676ee6a5c6.txt", v, source);
    return { source, destination };
  }

  it("creates with the required fields only and answers the documented defaults", async () => {
    const { source, destination } = await endpoints();
    const created = await fetch(`${emu.url}/api/bulk/syncs`, {
      method: "POST",
      headers: seedHeaders(v),
      body: JSON.stringify({
        name: "defaults",
        source_connection_id: source,
        destination_connection_id: destination,
        mode: "snapshot",
        default_schedule: { frequency: "daily", hour: "2", minute: "0" },
        destination_configuration: { schema: "stripe" },
      }),
    });
    expect(created.status).toBe(200);
    const sync = ((await created.json()) as { data: Json }).data;
    // "Defaults and selection behavior": new objects not added, new fields added, names normalized;
    // disable_record_timestamps "Defaults to false".
    expect(sync).toMatchObject({
      automatically_add_new_objects: "none",
      automatically_add_new_fields: "all",
      normalize_names: "enabled",
      disable_record_timestamps: false,
    });
    // "If `schemas` is omitted, the sync is created with all available source schemas selected."
    const schemas = await replay("003_c6d346676ee6a5c6.txt", v, "GET", `/api/bulk/syncs/${sync.id}/schemas`);
    const source_ = await replay(
      "003_c6d346676ee6a5c6.txt",
      v,
      "GET",
      `/api/connections/${source}/bulksync/source`,
    );
    const all = ((source_.body.data as Json).schemas as Json[]).map((s) => s.id);
    expect((schemas.body.data as Json[]).filter((s) => s.enabled).map((s) => s.id)).toEqual(all);
  });

  it.each([
    "name",
    "source_connection_id",
    "destination_connection_id",
    "mode",
    "default_schedule",
    "destination_configuration",
  ])("answers 400 naming %s, which the reference marks Required, when it is missing", async (key) => {
    const { source, destination } = await endpoints();
    const body: Json = {
      name: "x",
      source_connection_id: source,
      destination_connection_id: destination,
      mode: "replicate",
      default_schedule: { frequency: "manual" },
      destination_configuration: { schema: "s" },
    };
    delete body[key];
    const response = await fetch(`${emu.url}/api/bulk/syncs`, {
      method: "POST",
      headers: seedHeaders(v),
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Json).message).toBe(`${key}: is required`);
  });
});

describe("seed 004: model sync from MongoDB to Salesforce (2024-02-08)", () => {
  const seed = "004_589829916768ef8d.txt";
  const v = "2024-02-08";

  it("replays the page's four requests as printed, without waiting for OAuth", async () => {
    const mongo = await replay(
      seed,
      v,
      "POST",
      "/api/connections",
      `{
"name": "MongoDB Connection",
"type": "mongodb",
"configuration": {
"hosts": "example.mongodb.net",
"username": "user",
"password": "secret"
}
}`,
    );
    expect(mongo.status).toBe(200);
    expect(data(mongo)).toMatchObject({ type: { id: "mongodb" }, configuration: { password: "********" } });
    const sf = await salesforce(seed, v);
    const model = await replay(
      seed,
      v,
      "POST",
      "/api/models",
      `{
"name": "MongoDB Model",
"configuration": {
"database": "example",
"collection": "users"
},
"connection_id": "YOUR-MONGODB-CONNECTION-ID"
}`,
      { "YOUR-MONGODB-CONNECTION-ID": String(data(mongo).id) },
    );
    expect(model.status).toBe(200);
    expect((data(model).fields as Json[]).map((f) => f.id)).toEqual(
      expect.arrayContaining(["email", "first_name", "last_name"]),
    );
    const sync = await replay(
      seed,
      v,
      "POST",
      "/api/syncs",
      `{
"name": "Mongo to Salesforce Sync",
"mode": "create",
"identity": {
"source": {
"field": "email",
"model_id": "YOUR-MODEL-ID"
},
"target": "Email",
"function": "equality"
},
"fields": [
{
"source": {
"field": "first_name",
"model_id": "YOUR-MODEL-ID"
},
"target": "FirstName"
},
{
"source": {
"field": "last_name",
"model_id": "YOUR-MODEL-ID"
},
"target": "LastName"
}
],
"schedule": {
"frequency": "continuous"
},
"target": {
"connection_id": "YOUR-SALESFORCE-CONNECTION-ID",
"object": "Contact"
}
}`,
      { "YOUR-MODEL-ID": String(data(model).id), "YOUR-SALESFORCE-CONNECTION-ID": sf.id },
    );
    expect(sync.status, JSON.stringify(sync.body)).toBe(200);
    expect(data(sync)).toMatchObject({
      name: "Mongo to Salesforce Sync",
      mode: "create",
      schedule: { frequency: "continuous" },
      target: { connection_id: sf.id, object: "Contact" },
      model_ids: [data(model).id],
    });
  });
});
