/**
 * Requests shaped exactly as the Go SDK (polytomic-go v1.16.1, the client of the official Terraform
 * provider) sends them: `Content-Type: application/json` on every request, body or not, and zero
 * values (`""`, `0`) for unset optional strings and numbers. Each case is one the emulator refused
 * while the real API accepts it (issue 13), or an answer that differed from the request it echoes.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator";
import { data, goClient } from "./http";

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator({ port: 0, schemaCacheDelayMs: 0 });
});
afterEach(async () => {
  await emu.close();
});

const go = goClient(() => emu);
type Json = Record<string, unknown>;

async function create(path: string, body: Json): Promise<Json> {
  const r = await go("POST", path, body);
  expect(r.status, `${path} ${JSON.stringify(r.body)}`).toBe(200);
  return data(r);
}

const salesforce = () =>
  create("/api/connections", {
    name: "Salesforce",
    type: "salesforce",
    configuration: { domain: "d.my.salesforce.com", connect_mode: "api", client_id: "i", client_secret: "s" },
    validate: false,
  });

const postgres = () =>
  create("/api/connections", {
    name: "Postgres",
    type: "postgresql",
    configuration: { hostname: "db", username: "u", password: "p", database: "app", port: 5432 },
    validate: false,
  });

describe("required connection properties with a default may be omitted (connection-types.md)", () => {
  const cases: [type: string, configuration: Json, key: string, filled: unknown][] = [
    [
      "s3",
      {
        aws_access_key_id: "EXAMPLE",
        aws_secret_access_key: "SECRET",
        s3_bucket_region: "us-east-1",
        s3_bucket_name: "my-bucket",
      },
      "auth_mode",
      "access_key_and_secret",
    ],
    ["postgresql", { hostname: "h", username: "u", password: "p", database: "d" }, "port", 5432],
    ["mysql", { hostname: "h", account: "u", passwd: "p" }, "port", 3306],
    [
      "redshift",
      { hostname: "h", username: "u", password: "p", database: "d", auth_mode: "iam_role" },
      "port",
      5439,
    ],
    [
      "redshift",
      { hostname: "h", username: "u", password: "p", database: "d", port: 5439 },
      "auth_mode",
      "access_key_and_secret",
    ],
    ["webhook", { url: "https://example.com/hook" }, "auth_method", "polytomic_secret"],
    ["bigquery", { service_account: "{}" }, "auth_method", "service_account_key"],
  ];

  it.each(cases)(
    "%s without %s: accepted, the default stored and answered",
    async (type, configuration, key, filled) => {
      const created = await create("/api/connections", {
        name: `${type}-${key}`,
        type,
        configuration,
        validate: false,
      });
      expect((created.configuration as Json)[key]).toBe(filled);
      const read = data(await go("GET", `/api/connections/${created.id}`));
      expect((read.configuration as Json)[key]).toBe(filled);
      // An update is a full replacement: omitting the key again fills the default again.
      const updated = await go("PUT", `/api/connections/${created.id}`, {
        name: `${type}-${key}`,
        configuration,
      });
      expect(updated.status).toBe(200);
      expect((data(updated).configuration as Json)[key]).toBe(filled);
    },
  );

  it("publishes BigQuery's documented auth_method default", async () => {
    const schema = (await go("GET", "/api/connection_types/bigquery")).body as {
      properties: Record<string, { default?: unknown }>;
    };
    expect(schema.properties.auth_method?.default).toBe("service_account_key");
  });
});

describe("an empty body is no body, for every method", () => {
  it("deletes connections, models, syncs and bulk syncs sent with Content-Type and no body", async () => {
    const sf = await salesforce();
    const pg = await postgres();
    const model = await create("/api/models", {
      name: "users",
      connection_id: pg.id,
      configuration: { table: "public.users" },
    });
    const sync = await create("/api/syncs", {
      name: "to contacts",
      mode: "create",
      fields: [{ source: { model_id: model.id, field: "email" }, target: "Email" }],
      schedule: { frequency: "manual" },
      target: { connection_id: sf.id, object: "Contact" },
    });
    const bulk = await create("/api/bulk/syncs", {
      name: "sf to pg",
      source_connection_id: sf.id,
      destination_connection_id: pg.id,
      mode: "replicate",
      schedule: { frequency: "manual" },
      destination_configuration: { schema: "sf" },
    });
    // Body-less requests of other methods, too.
    expect((await go("GET", `/api/connections/${sf.id}`)).status).toBe(200);
    expect((await go("POST", `/api/connections/${sf.id}/schemas/refresh`)).status).toBe(202);
    expect((await go("POST", `/api/bulk/syncs/${bulk.id}/executions`)).status).toBe(200);
    expect((await go("POST", `/api/bulk/syncs/${bulk.id}/cancel`)).status).toBe(200);

    for (const path of [
      `/api/syncs/${sync.id}`,
      `/api/models/${model.id}`,
      `/api/bulk/syncs/${bulk.id}`,
      `/api/connections/${sf.id}`,
      `/api/connections/${pg.id}`,
    ]) {
      const r = await go("DELETE", path);
      expect(r.status, `${path} ${JSON.stringify(r.body)}`).toBe(204);
    }
    expect(emu.store.count()).toBe(0);
  });

  it("still answers a malformed body with 400", async () => {
    expect((await go("POST", "/api/connections", "{not json")).status).toBe(400);
  });
});

describe("model syncs as the Terraform provider sends them", () => {
  async function setup() {
    const sf = await salesforce();
    const pg = await postgres();
    const model = await create("/api/models", {
      name: "users",
      connection_id: pg.id,
      configuration: { table: "public.users" },
      identifier: "",
    });
    return { sf, model, ref: (field: string) => ({ model_id: model.id, field }) };
  }

  it("accepts Contact in updateOrCreate mapping FirstName but not LastName", async () => {
    const { sf, ref } = await setup();
    const r = await go("POST", "/api/syncs", {
      name: "contacts",
      mode: "updateOrCreate",
      identity: { source: ref("email"), target: "Email", function: "Equality" },
      fields: [{ source: ref("first_name"), target: "FirstName" }],
      schedule: { frequency: "manual" },
      target: { connection_id: sf.id, object: "Contact" },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });

  it("answers no zero value for what the request left unset (filter_logic, identity, ...)", async () => {
    const { sf, ref } = await setup();
    for (const unset of [{}, { filter_logic: "", encryption_passphrase: "" }]) {
      const created = await create("/api/syncs", {
        name: "contacts",
        mode: "create",
        fields: [{ source: ref("email"), target: "Email", sync_mode: "", override_value: undefined }],
        schedule: { frequency: "manual", minute: "", hour: "", job_id: 0, connection_id: "" },
        target: { connection_id: sf.id, object: "Contact", new_name: "", filter_logic: "" },
        ...unset,
      });
      const read = data(await go("GET", `/api/syncs/${created.id}`));
      for (const answer of [created, read]) {
        for (const key of [
          "filter_logic",
          "identity",
          "override_fields",
          "overrides",
          "filters",
          "encryption_passphrase",
          "policies",
        ])
          expect(answer, key).not.toHaveProperty(key);
        expect(answer.schedule).toEqual({ frequency: "manual" });
        expect(answer.target).toEqual({ connection_id: sf.id, object: "Contact" });
        expect(answer.fields).toEqual([{ source: ref("email"), target: "Email" }]);
      }
    }
  });

  it("reads back filter_logic as sent, and a full replacement without it unsets it", async () => {
    const { sf, ref } = await setup();
    const body = {
      name: "filtered",
      mode: "create",
      fields: [{ source: ref("email"), target: "Email" }],
      filters: [{ function: "IsNotNull", field: ref("email") }],
      filter_logic: "1",
      schedule: { frequency: "manual" },
      target: { connection_id: sf.id, object: "Contact" },
    };
    const created = await create("/api/syncs", body);
    expect(created.filter_logic).toBe("1");
    const { filter_logic: _logic, ...without } = body;
    const replaced = await go("PUT", `/api/syncs/${created.id}`, without);
    expect(replaced.status).toBe(200);
    expect(data(replaced)).not.toHaveProperty("filter_logic");
  });

  it("accepts the SDK's schedule frequencies exactly: builder, not builtin", async () => {
    const { sf, ref } = await setup();
    const sync = (frequency: string) =>
      go("POST", "/api/syncs", {
        name: frequency,
        mode: "create",
        fields: [{ source: ref("email"), target: "Email" }],
        schedule: { frequency },
        target: { connection_id: sf.id, object: "Contact" },
      });
    expect((await sync("builder")).status).toBe(200);
    const builtin = await sync("builtin");
    expect(builtin.status).toBe(400);
    expect(String(builtin.body.message)).toMatch(/^schedule\.frequency:.*builder/);
  });

  it("accepts a sync with only override fields", async () => {
    const { sf } = await setup();
    const r = await go("POST", "/api/syncs", {
      name: "constants",
      mode: "create",
      fields: null,
      override_fields: [{ target: "LeadSource", override_value: "Web" }],
      schedule: { frequency: "manual" },
      target: { connection_id: sf.id, object: "Contact" },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });
});

describe("bulk syncs as the Terraform provider sends them", () => {
  async function setup() {
    const sf = await salesforce();
    const pg = await postgres();
    return {
      name: "sf to pg",
      source_connection_id: sf.id,
      destination_connection_id: pg.id,
      mode: "replicate",
      schedule: { frequency: "daily", hour: "3", minute: "0", day_of_week: "", day_of_month: "", month: "" },
      destination_configuration: { schema: "sf" },
      concurrency_limit: 0,
      resync_concurrency_limit: 0,
      data_cutoff_timestamp: "",
      normalize_names: "",
      automatically_add_new_fields: "",
      automatically_add_new_objects: "",
    };
  }

  it("concurrency_limit 0 means no limit, empty strings mean unset", async () => {
    const body = await setup();
    const created = await create("/api/bulk/syncs", body);
    const read = data(await go("GET", `/api/bulk/syncs/${created.id}`));
    for (const answer of [created, read]) {
      for (const key of [
        "concurrency_limit",
        "resync_concurrency_limit",
        "data_cutoff_timestamp",
        "source_configuration",
        "policies",
      ])
        expect(answer, key).not.toHaveProperty(key);
      expect(answer).toMatchObject({
        normalize_names: "enabled",
        automatically_add_new_fields: "all",
        automatically_add_new_objects: "none",
      });
      expect(answer.schedule).toEqual({ frequency: "daily", hour: "3", minute: "0" });
    }
    const limited = await create("/api/bulk/syncs", {
      ...body,
      name: "limited",
      concurrency_limit: 4,
    });
    expect(limited.concurrency_limit).toBe(4);
  });

  it('schemas with partition_key and tracking_field "" are unset, and read back absent', async () => {
    const created = await create("/api/bulk/syncs", {
      ...(await setup()),
      schemas: [
        {
          id: "Account",
          enabled: true,
          partition_key: "",
          tracking_field: "",
          data_cutoff_timestamp: "",
          fields: [
            { id: "Id", enabled: true, obfuscate: false },
            { id: "Name", enabled: true, obfuscate: false },
          ],
          filters: null,
        },
      ],
    });
    const schema = data(await go("GET", `/api/bulk/syncs/${created.id}/schemas/Account`));
    for (const key of ["partition_key", "tracking_field", "data_cutoff_timestamp", "user_output_name"])
      expect(schema, key).not.toHaveProperty(key);
    // The listed fields are enabled; every other field of the object stays in the schema, disabled.
    const fields = schema.fields as Json[];
    expect(fields.filter((f) => f.enabled).map((f) => f.id)).toEqual(["Id", "Name"]);
    expect(fields.length).toBeGreaterThan(2);
    expect(fields[0]).not.toHaveProperty("user_output_name");
  });

  it("accepts the SDK's schedule frequencies exactly: builder, not builtin", async () => {
    const body = await setup();
    expect(
      (await go("POST", "/api/bulk/syncs", { ...body, schedule: { frequency: "builder" } })).status,
    ).toBe(200);
    const builtin = await go("POST", "/api/bulk/syncs", {
      ...body,
      name: "b",
      schedule: { frequency: "builtin" },
    });
    expect(builtin.status).toBe(400);
    expect(String(builtin.body.message)).toMatch(/^schedule\.frequency:/);
  });
});

describe("every API version polytomic-api.md lists as supported", () => {
  it.each(["2021-05-23", "2022-12-12", "2023-04-25", "2024-02-08", "2025-09-18"])(
    "serves %s and echoes it",
    async (version) => {
      const r = await go("GET", "/api/connections", undefined, { "X-Polytomic-Version": version });
      expect(r.status).toBe(200);
      expect(r.headers.get("x-polytomic-version")).toBe(version);
    },
  );
});

describe("independence", () => {
  it("the emulator imports nothing from the provider (it shares no validation code with it)", () => {
    const root = join(__dirname, "../../emulator");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    const offenders = files.filter((f) =>
      /from\s+["'](?:\.\.\/)+(?:grammar|provider)\//.test(readFileSync(join(root, f), "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
