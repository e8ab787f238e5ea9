/**
 * One negative case per model and model-sync validation rule: each answers a 4xx in the error envelope
 * whose message names the field, and creates nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator";
import { data, rawClient } from "./http";

let emu: Emulator;
const call = rawClient(() => emu);
const ids = { sf: "", pg: "", mongo: "", gcs: "", webhook: "", model: "", pending: "" };

async function connection(name: string, type: string, configuration: Record<string, unknown>) {
  const created = await call("POST", "/api/connections", { name, type, configuration });
  expect(created.status).toBe(200);
  return String(data(created).id);
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, schemaCacheDelayMs: 0 });
  ids.sf = await connection("crm", "salesforce", {
    domain: "https://example.my.salesforce.com",
    connect_mode: "api",
    client_id: "id",
    client_secret: "secret",
  });
  ids.pending = await connection("crm-oauth", "salesforce", { domain: "https://x.my.salesforce.com" });
  ids.pg = await connection("pg", "postgresql", {
    hostname: "db",
    port: 5432,
    database: "app",
    username: "u",
    password: "p",
  });
  ids.mongo = await connection("mongo", "mongodb", { hosts: "m.example.net" });
  ids.gcs = await connection("gcs", "gcs", { bucket: "b", service_account: "{}" });
  ids.webhook = await connection("hook", "webhook", {
    url: "https://example.com/hook",
    auth_method: "basic",
  });
  const model = await call("POST", "/api/models", {
    name: "users",
    connection_id: ids.pg,
    configuration: { table: "public.users" },
  });
  expect(model.status).toBe(200);
  ids.model = String(data(model).id);
});
afterAll(async () => {
  await emu.close();
});

type Body = Record<string, unknown>;
const ref = (field: string) => ({ model_id: ids.model, field });

function model(change: (b: Body) => void): () => Body {
  return () => {
    const body: Body = { name: "m", connection_id: ids.pg, configuration: { table: "public.users" } };
    change(body);
    return body;
  };
}

function sync(change: (b: Body) => void): () => Body {
  return () => {
    const body: Body = {
      name: "s",
      mode: "updateOrCreate",
      identity: { source: ref("email"), target: "Email", function: "Equality" },
      fields: [{ source: ref("last_name"), target: "LastName" }],
      schedule: { frequency: "manual" },
      target: { connection_id: ids.sf, object: "Contact" },
    };
    change(body);
    return body;
  };
}

const cases: { rule: string; path: string; body: () => Body; status: number; field: string }[] = [
  {
    rule: "model name required",
    path: "/api/models",
    body: model((b) => delete b.name),
    status: 400,
    field: "name",
  },
  {
    rule: "model connection must exist",
    path: "/api/models",
    body: model((b) => (b.connection_id = "00000000-0000-0000-0000-000000000000")),
    status: 422,
    field: "connection_id",
  },
  {
    rule: "model source must support models",
    path: "/api/models",
    body: model((b) => (b.connection_id = ids.webhook)),
    status: 422,
    field: "connection_id",
  },
  {
    rule: "SQL model needs exactly one of query/table/view",
    path: "/api/models",
    body: model((b) => (b.configuration = { table: "public.users", query: "select * from public.users" })),
    status: 422,
    field: "configuration",
  },
  {
    rule: "SQL model table must exist",
    path: "/api/models",
    body: model((b) => (b.configuration = { table: "public.nope" })),
    status: 422,
    field: "configuration.table",
  },
  {
    rule: "MongoDB model needs a collection",
    path: "/api/models",
    body: model((b) => {
      b.connection_id = ids.mongo;
      b.configuration = { database: "example" };
    }),
    status: 422,
    field: "configuration.collection",
  },
  {
    rule: "MongoDB database must exist",
    path: "/api/models",
    body: model((b) => {
      b.connection_id = ids.mongo;
      b.configuration = { database: "nope", collection: "users" };
    }),
    status: 422,
    field: "configuration.database",
  },
  {
    rule: "file model needs model_from",
    path: "/api/models",
    body: model((b) => {
      b.connection_id = ids.gcs;
      b.configuration = { key: "high_paying_users.csv" };
    }),
    status: 422,
    field: "configuration.model_from",
  },
  {
    rule: "file model_from is an enum",
    path: "/api/models",
    body: model((b) => {
      b.connection_id = ids.gcs;
      b.configuration = { model_from: "folder", key: "high_paying_users.csv" };
    }),
    status: 422,
    field: "configuration.model_from",
  },
  {
    rule: "file key must exist",
    path: "/api/models",
    body: model((b) => {
      b.connection_id = ids.gcs;
      b.configuration = { model_from: "single_file", key: "missing.csv" };
    }),
    status: 422,
    field: "configuration.key",
  },
  {
    rule: "Salesforce model needs table or SOQL",
    path: "/api/models",
    body: model((b) => {
      b.connection_id = ids.sf;
      b.configuration = {};
    }),
    status: 422,
    field: "configuration",
  },
  {
    rule: "model fields must exist",
    path: "/api/models",
    body: model((b) => (b.fields = ["email", "nope"])),
    status: 422,
    field: "fields[1]",
  },
  {
    rule: "identifier must name a field",
    path: "/api/models",
    body: model((b) => (b.identifier = "nope")),
    status: 422,
    field: "identifier",
  },
  {
    rule: "tracking columns must name fields",
    path: "/api/models",
    body: model((b) => (b.tracking_columns = ["nope"])),
    status: 422,
    field: "tracking_columns[0]",
  },
  {
    rule: "sync name required",
    path: "/api/syncs",
    body: sync((b) => delete b.name),
    status: 400,
    field: "name",
  },
  {
    rule: "mode is an enum",
    path: "/api/syncs",
    body: sync((b) => (b.mode = "upsert")),
    status: 400,
    field: "mode",
  },
  {
    rule: "mode must be supported by the target object",
    path: "/api/syncs",
    body: sync((b) => (b.mode = "snapshot")),
    status: 422,
    field: "mode",
  },
  {
    rule: "identity required by update modes",
    path: "/api/syncs",
    body: sync((b) => delete b.identity),
    status: 422,
    field: "identity",
  },
  {
    rule: "identity function is an enum",
    path: "/api/syncs",
    body: sync((b) => (b.identity = { source: ref("email"), target: "Email", function: "Fuzzy" })),
    status: 400,
    field: "identity.function",
  },
  {
    rule: "identity source field must exist on the model",
    path: "/api/syncs",
    body: sync((b) => (b.identity = { source: ref("nope"), target: "Email", function: "Equality" })),
    status: 422,
    field: "identity.source.field",
  },
  {
    rule: "field source model must exist",
    path: "/api/syncs",
    body: sync((b) => (b.fields = [{ source: { model_id: "x", field: "email" }, target: "LastName" }])),
    status: 422,
    field: "fields[0].source.model_id",
  },
  {
    rule: "field target must exist",
    path: "/api/syncs",
    body: sync((b) => (b.fields = [{ source: ref("last_name"), target: "Surname" }])),
    status: 422,
    field: "fields[0].target",
  },
  {
    rule: "new fields only where the target can create them",
    path: "/api/syncs",
    body: sync(
      (b) => (b.fields = [...(b.fields as Body[]), { source: ref("email"), target: "Extra", new: true }]),
    ),
    status: 422,
    field: "fields[1].new",
  },
  {
    rule: "schedule frequency is an enum",
    path: "/api/syncs",
    body: sync((b) => (b.schedule = { frequency: "fortnightly" })),
    status: 400,
    field: "schedule.frequency",
  },
  {
    rule: "runafter needs existing syncs",
    path: "/api/syncs",
    body: sync((b) => (b.schedule = { frequency: "runafter", run_after: { sync_ids: ["nope"] } })),
    status: 422,
    field: "schedule.run_after.sync_ids[0]",
  },
  {
    rule: "target connection must exist",
    path: "/api/syncs",
    body: sync((b) => (b.target = { connection_id: "nope", object: "Contact" })),
    status: 422,
    field: "target.connection_id",
  },
  {
    rule: "target connection must accept syncs",
    path: "/api/syncs",
    body: sync((b) => (b.target = { connection_id: ids.mongo, object: "users" })),
    status: 422,
    field: "target.connection_id",
  },
  {
    rule: "target object must exist",
    path: "/api/syncs",
    body: sync((b) => (b.target = { connection_id: ids.sf, object: "Contacts" })),
    status: 422,
    field: "target.object",
  },
  {
    rule: "filter function is an enum",
    path: "/api/syncs",
    body: sync((b) => (b.filters = [{ function: "Near", field: ref("email"), value: "x" }])),
    status: 400,
    field: "filters[0].function",
  },
  {
    rule: "filter field must exist on the model",
    path: "/api/syncs",
    body: sync((b) => (b.filters = [{ function: "IsNull", field: ref("nope") }])),
    status: 422,
    field: "filters[0].field.field",
  },
];

/**
 * Bodies the emulator once refused with no source saying the API does (issue 13): each is accepted.
 */
const accepted: { rule: string; path: string; body: () => Body }[] = [
  {
    rule: "model source must be healthy",
    path: "/api/models",
    body: model((b) => {
      b.connection_id = ids.pending;
      b.configuration = { table: "Contact" };
    }),
  },
  {
    rule: "SQL query must be SELECT ... FROM",
    path: "/api/models",
    body: model((b) => (b.configuration = { query: "drop table users" })),
  },
  {
    rule: "SQL query columns must exist",
    path: "/api/models",
    body: model((b) => (b.configuration = { query: "select nope from public.users" })),
  },
  {
    rule: "identity target must support matching",
    path: "/api/syncs",
    body: sync((b) => (b.identity = { source: ref("email"), target: "FirstName", function: "Equality" })),
  },
  {
    rule: "fields required",
    path: "/api/syncs",
    body: sync((b) => delete b.fields),
  },
  {
    rule: "field target must be writable",
    path: "/api/syncs",
    body: sync((b) => (b.fields = [...(b.fields as Body[]), { source: ref("id"), target: "Id" }])),
  },
  {
    rule: "a target field is mapped once",
    path: "/api/syncs",
    body: sync(
      (b) => (b.fields = [...(b.fields as Body[]), { source: ref("first_name"), target: "LastName" }]),
    ),
  },
  {
    rule: "required target fields must be mapped when creating",
    path: "/api/syncs",
    body: sync((b) => (b.fields = [{ source: ref("first_name"), target: "FirstName" }])),
  },
  {
    rule: "override fields need a value",
    path: "/api/syncs",
    body: sync((b) => (b.override_fields = [{ target: "LeadSource" }])),
  },
  {
    rule: "daily schedule needs an hour",
    path: "/api/syncs",
    body: sync((b) => (b.schedule = { frequency: "daily", minute: "0" })),
  },
  {
    rule: "custom schedule parts are cron fields in range",
    path: "/api/syncs",
    body: sync(
      (b) =>
        (b.schedule = {
          frequency: "custom",
          minute: "*/15",
          hour: "25",
          day_of_month: "*",
          month: "*",
          day_of_week: "*",
        }),
    ),
  },
  {
    rule: "target connection must be healthy",
    path: "/api/syncs",
    body: sync((b) => (b.target = { connection_id: ids.pending, object: "Contact" })),
  },
  {
    rule: "filter needs a value for comparisons",
    path: "/api/syncs",
    body: sync((b) => (b.filters = [{ function: "Equality", field: ref("email") }])),
  },
  {
    rule: "filter logic refers to existing filters",
    path: "/api/syncs",
    body: sync((b) => {
      b.filters = [{ function: "IsNotNull", field: ref("email") }];
      b.filter_logic = "1 AND 2";
    }),
  },
  {
    rule: "filter logic parentheses balance",
    path: "/api/syncs",
    body: sync((b) => {
      b.filters = [{ function: "IsNotNull", field: ref("email") }];
      b.filter_logic = "(1";
    }),
  },
];

describe("model and model-sync validation", () => {
  it.each(cases)("$rule → $status naming $field", async ({ path, body, status, field }) => {
    const before = emu.store.count();
    const response = await call("POST", path, body());
    expect(response.status).toBe(status);
    expect(response.body.status).toBe(status);
    expect(String(response.body.message).startsWith(`${field}:`)).toBe(true);
    expect(emu.store.count()).toBe(before);
  });

  it.each(accepted)("accepts what no source refuses: $rule", async ({ path, body }) => {
    const response = await call("POST", path, body());
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  });

  it("accepts the valid baseline bodies the cases are made from", async () => {
    const m = await call("POST", "/api/models", model(() => undefined)());
    expect(m.status).toBe(200);
    const s = await call("POST", "/api/syncs", sync(() => undefined)());
    expect(s.status).toBe(200);
    // connection-types.md, webhook: object `http`, every field's target `record`, mode `updateOrCreate`.
    const webhook = await call("POST", "/api/syncs", {
      name: "hook",
      mode: "updateOrCreate",
      fields: [
        { source: ref("email"), target: "record" },
        { source: ref("first_name"), target: "record" },
      ],
      schedule: {
        frequency: "custom",
        minute: "*/15",
        hour: "8-18",
        day_of_month: "*",
        month: "*",
        day_of_week: "1-5",
      },
      target: { connection_id: ids.webhook, object: "http" },
    });
    expect(webhook.status).toBe(200);
  });
});
