/**
 * Every connection type of the project's fixture data/connection-types.json (226) is served from it:
 * listed with `use_oauth`, its JSON Schema answered as the data holds it (the fourteen detailed types
 * included), and connections of any type validated against it: required properties with a default
 * filled in, secrets masked on read, values the server owns (read-only, hidden server state) ignored.
 * A type with no realistic catalogue exposes the generic one, so bulk syncs, models and model syncs can
 * be declared against it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../../emulator";
import { CONNECTION_TYPE_DATA } from "../../emulator/connectionTypeData";
import { ALL_CONNECTION_TYPES, CONNECTION_TYPES } from "../../emulator/connectionTypes";
import { RULES } from "../../emulator/rules";
import { data, rawClient } from "./http";

const DATA = CONNECTION_TYPE_DATA.types;

let emu: Emulator;
const call = rawClient(() => emu);
beforeAll(async () => {
  emu = await startEmulator({ port: 0, schemaCacheDelayMs: 0 });
});
afterAll(async () => {
  await emu.close();
});

/** Keys an answer of `GET /api/connection_types/{id}` carries beyond the data (connection-types.md, API shapes). */
const ENVELOPE = ["$schema", "$id"];

/**
 * Where the emulator requires less than a served schema says, each with its source: the Salesforce
 * schema requires client_id and client_secret, but "An emulator should accept a domain-only config for
 * connect_mode=browser or code" (connection-types.md, salesforce, Conditional rules).
 */
const DOCUMENTED_RELAXATIONS: Readonly<Record<string, readonly string[]>> = {
  salesforce: ["client_id", "client_secret"],
};

async function create(body: Record<string, unknown>) {
  const created = await call("POST", "/api/connections", body);
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return data(created);
}

describe("connection types served from data/connection-types.json", () => {
  it("lists every type of the data, in its order, with its name and use_oauth", async () => {
    expect(DATA).toHaveLength(226);
    expect(Object.keys(ALL_CONNECTION_TYPES)).toEqual(DATA.map((t) => t.id));
    expect(Object.keys(CONNECTION_TYPES)).toHaveLength(14);
    const list = await call("GET", "/api/connection_types");
    expect(list.status).toBe(200);
    const served = list.body.data as Record<string, unknown>[];
    expect(served.map((t) => ({ id: t.id, name: t.name, use_oauth: t.use_oauth }))).toEqual(
      DATA.map((t) => ({ id: t.id, name: t.name, use_oauth: t.use_oauth })),
    );
    for (const t of served) {
      expect(t.logo_url).toMatch(/^http/);
      expect(t.capabilities).toEqual({
        source: expect.any(Boolean),
        destination: expect.any(Boolean),
        enrichment: expect.any(Boolean),
        orchestration: expect.any(Boolean),
      });
    }
  });

  it("answers every type's schema as the data holds it, with only the documented $schema and $id added", async () => {
    for (const type of DATA) {
      const answer = await call("GET", `/api/connection_types/${type.id}`);
      expect(answer.status, type.id).toBe(200);
      const { $schema, $id, ...schema } = answer.body;
      expect(
        Object.keys(answer.body)
          .filter((k) => !(k in type.schema))
          .sort(),
        type.id,
      ).toEqual([...ENVELOPE].sort());
      expect($schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect($id).toMatch(new RegExp(`^https://polytomic\\.com/backend/${type.id}/connection-conf`));
      expect(schema, type.id).toEqual(type.schema);
      // Same key order as the data (the refresh script's round trip depends on it).
      expect(JSON.stringify(schema), type.id).toBe(JSON.stringify(type.schema));
    }
  });

  it("keeps the detailed types' specs in agreement with the data", () => {
    for (const spec of Object.values(CONNECTION_TYPES)) {
      const type = DATA.find((t) => t.id === spec.id);
      expect(type, spec.id).toBeDefined();
      expect(spec.properties, spec.id).toEqual(type?.schema.properties);
      expect(spec.useOauth, spec.id).toBe(type?.use_oauth);
      expect(spec.required, spec.id).toEqual(type?.schema.required ?? []);
    }
    for (const spec of Object.values(ALL_CONNECTION_TYPES)) {
      const relaxed = DOCUMENTED_RELAXATIONS[spec.id] ?? [];
      expect(spec.required, spec.id).toEqual(spec.schema.required ?? []);
      expect(spec.enforcedRequired, spec.id).toEqual(spec.required.filter((k) => !relaxed.includes(k)));
      if (!(spec.id in CONNECTION_TYPES)) expect(spec.catalogue, spec.id).toBe("generic");
    }
  });

  it("answers 404 for a type id no type has", async () => {
    const missing = await call("GET", "/api/connection_types/nope");
    expect(missing.status).toBe(RULES["connection-type.not-found"].status);
    const unknown = await call("POST", "/api/connections", { name: "n", type: "nope", configuration: {} });
    expect(unknown.status).toBe(RULES["connection.type-unknown"].status);
    expect(unknown.body.message).toBe('type: unknown connection type "nope"');
  });
});

/** A value of the schema node's type: its first enum value, or a plain value. */
function sampleOf(node: { type?: string; enum?: readonly string[] } | undefined, text: string): unknown {
  if (node?.enum?.[0] !== undefined) return node.enum[0];
  switch (node?.type) {
    case "integer":
      return 1;
    case "boolean":
      return true;
    case "array":
      return [];
    case "object":
      return {};
    default:
      return text;
  }
}

describe("a connection of every type", () => {
  it("is created from its required properties (defaults left to the API), every sensitive value masked", async () => {
    for (const type of DATA) {
      const properties = type.schema.properties;
      const configuration: Record<string, unknown> = {};
      for (const key of type.schema.required ?? []) {
        if (properties[key]?.default === undefined)
          configuration[key] = sampleOf(
            properties[key],
            `${properties[key]?.sensitive ? "secret" : "value"}-${key}`,
          );
      }
      if (type.id === "salesforce") Object.assign(configuration, { connect_mode: "api" });
      const created = await call("POST", "/api/connections", {
        name: `every ${type.id}`,
        type: type.id,
        configuration,
      });
      expect(created.status, `${type.id}: ${JSON.stringify(created.body)}`).toBe(200);
      const read = data(await call("GET", `/api/connections/${String(data(created).id)}`));
      const stored = read.configuration as Record<string, unknown>;
      for (const key of type.schema.required ?? []) {
        // Masked whatever its JSON type (strackr's integer api_id): a secret is never echoed.
        const secret = properties[key]?.sensitive === true;
        const expected = secret ? "********" : (configuration[key] ?? properties[key]?.default);
        expect(stored[key], `${type.id}.${key}`).toEqual(expected);
      }
      expect(JSON.stringify(stored), type.id).not.toContain("secret-");
    }
  });
});

describe("a connection of a generic type (jira)", () => {
  it("is created from a valid configuration: the required default filled in, secrets masked on every read", async () => {
    // jira: required url and auth_method (default apikey); api_key and access_token sensitive.
    const created = await create({
      name: "jira",
      type: "jira",
      configuration: { url: "https://acme.atlassian.net", username: "ops@acme.test", api_key: "jira-secret" },
    });
    const expected = {
      url: "https://acme.atlassian.net",
      username: "ops@acme.test",
      api_key: "********",
      auth_method: "apikey",
    };
    expect(created.configuration).toEqual(expected);
    expect(created.status).toBe("healthy");
    expect(data(await call("GET", `/api/connections/${String(created.id)}`)).configuration).toEqual(expected);
    const listed = (data({ body: (await call("GET", "/api/connections")).body }) as unknown as
      | Record<string, unknown>[]
      | undefined) ?? [{}];
    expect(listed.find((c) => c.id === created.id)?.configuration).toEqual(expected);
    expect(JSON.stringify(emu.requestLog)).not.toContain("jira-secret");

    // An update that omits the secret or sends the mask keeps it.
    const updated = await call("PUT", `/api/connections/${String(created.id)}`, {
      name: "jira",
      configuration: { url: "https://acme.atlassian.net", auth_method: "pat", access_token: "pat-1" },
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(data(updated).configuration).toEqual({
      url: "https://acme.atlassian.net",
      auth_method: "pat",
      access_token: "********",
      api_key: "********",
    });
    expect(emu.store.data.connections[String(created.id)]?.configuration).toMatchObject({
      api_key: "jira-secret",
      access_token: "pat-1",
    });
  });

  it("is refused when the configuration fails the schema: a required property, an enum, a JSON type", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ api_key: "k" }, /^configuration\.url: must have required property 'url'/],
      [
        { url: "u", auth_method: "oauth" },
        /^configuration\.auth_method: must be equal to one of the allowed values \(apikey, pat\)/,
      ],
      [{ url: 42 }, /^configuration\.url: must be string/],
    ];
    for (const [configuration, message] of cases) {
      const refused = await call("POST", "/api/connections", {
        name: "bad jira",
        type: "jira",
        configuration,
      });
      expect(refused.status).toBe(RULES["connection.configuration-invalid"].status);
      expect(refused.body.message).toMatch(message);
    }
  });

  it("ignores values of read-only and hidden server-state properties, which the server owns", async () => {
    // dynamodb: aws_user and external_id are readOnly (set by the server); region, auth_mode required.
    const created = await create({
      name: "dynamo",
      type: "dynamodb",
      configuration: {
        region: "us-east-1",
        access_id: "AKIA",
        secret_access_key: "s3cret",
        external_id: "mine",
        aws_user: "arn:aws:iam::1:user/me",
      },
    });
    expect(created.configuration).toEqual({
      region: "us-east-1",
      auth_mode: "access_key_and_secret",
      access_id: "********",
      secret_access_key: "********",
    });
    const id = String(created.id);
    const updated = await call("PUT", `/api/connections/${id}`, {
      name: "dynamo",
      configuration: { region: "eu-west-1", auth_mode: "iam_role", iam_role_arn: "arn:r", external_id: "x" },
    });
    expect(updated.status).toBe(200);
    expect(data(updated).configuration).not.toHaveProperty("external_id");
    // zendesk_support: oauth_token_expiry is hidden without api_field (server state);
    // oauth_refresh_token is hidden but an api_field, so it may be injected and the connection is healthy.
    const zendesk = await create({
      name: "zendesk",
      type: "zendesk_support",
      configuration: {
        domain: "acme.zendesk.com",
        oauth_refresh_token: "r",
        oauth_token_expiry: "2030-01-01",
      },
    });
    expect(zendesk.configuration).toEqual({
      domain: "acme.zendesk.com",
      auth_method: "oauth",
      oauth_refresh_token: "********",
    });
    expect(zendesk.status).toBe("healthy");
  });

  it("waits for OAuth on a use_oauth type without an injected token, until its auth_url is visited", async () => {
    const created = await create({
      name: "zendesk 2",
      type: "zendesk_support",
      configuration: { domain: "z" },
    });
    expect(created.status).toBe("error");
    expect(created.auth_url).toMatch(/\/oauth\/authorize\//);
    const visit = await fetch(String(created.auth_url), { redirect: "manual" });
    expect(visit.status).toBe(302);
    expect(data(await call("GET", `/api/connections/${String(created.id)}`)).status).toBe("healthy");
  });
});

describe("syncs against a generic type", () => {
  async function cached(id: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const status = data(await call("GET", `/api/connections/${id}/schemas/status`));
      if (status.cache_status === "fresh") return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`schema cache of ${id} not filled`);
  }

  it("bulk-syncs the generic catalogue of a Jira connection into PostgreSQL", async () => {
    const jira = String(
      (await create({ name: "jira bulk", type: "jira", configuration: { url: "u", api_key: "k" } })).id,
    );
    const pg = String(
      (
        await create({
          name: "warehouse bulk",
          type: "postgresql",
          configuration: { hostname: "db", database: "raw", username: "u", password: "p" },
        })
      ).id,
    );
    await cached(jira);
    const source = await call("GET", `/api/connections/${jira}/bulksync/source?include_fields=true`);
    const schemas = data(source).schemas as { id: string; fields: { id: string; type: string }[] }[];
    expect(schemas.map((s) => s.id)).toEqual(["accounts", "contacts", "events"]);
    expect(new Set(schemas.flatMap((s) => s.fields.map((f) => f.type)))).toEqual(
      new Set(["string", "number", "boolean", "datetime", "object", "array"]),
    );
    const sync = await call(
      "POST",
      "/api/bulk/syncs",
      {
        name: "jira to warehouse",
        source_connection_id: jira,
        destination_connection_id: pg,
        mode: "replicate",
        default_schedule: { frequency: "daily", hour: 3, minute: 0 },
        destination_configuration: { schema: "jira" },
        schemas: ["accounts", { id: "contacts", fields: [{ id: "id" }, { id: "email" }] }],
      },
      { "X-Polytomic-Version": "2025-09-18" },
    );
    expect(sync.status, JSON.stringify(sync.body)).toBe(200);
    const listed = await call("GET", `/api/bulk/syncs/${String(data(sync).id)}/schemas`, undefined, {
      "X-Polytomic-Version": "2025-09-18",
    });
    expect((data({ body: listed.body }) as unknown as { id: string }[]).map((s) => s.id).sort()).toEqual([
      "accounts",
      "contacts",
    ]);
  });

  it("models a generic object and syncs a model into a generic target", async () => {
    const jira = String(
      (await create({ name: "jira model", type: "jira", configuration: { url: "u", api_key: "k" } })).id,
    );
    const sources = data(await call("GET", `/api/connections/${jira}/modelsync/source`));
    expect(sources).toMatchObject({ items: { table: { items: ["accounts", "contacts", "events"] } } });
    const model = await call("POST", "/api/models", {
      name: "jira contacts",
      connection_id: jira,
      configuration: { table: "contacts" },
      identifier: "id",
    });
    expect(model.status, JSON.stringify(model.body)).toBe(200);
    expect((data(model).fields as { name: string; type: string }[]).slice(0, 3)).toEqual([
      expect.objectContaining({ name: "id", type: "string" }),
      expect.objectContaining({ name: "account_id", type: "string" }),
      expect.objectContaining({ name: "email", type: "string" }),
    ]);
    const modelId = String(data(model).id);

    // The target: another generic type (Intercom requires an injected OAuth access token).
    const intercom = String(
      (await create({ name: "intercom", type: "intercom", configuration: { oauth_access_token: "t" } })).id,
    );
    const targets = data(
      await call("GET", `/api/connections/${intercom}/modelsync/targetobjects`),
    ) as unknown as {
      id: string;
    }[];
    expect(targets.map((t) => t.id)).toEqual(["accounts", "contacts", "events"]);
    const sync = await call("POST", "/api/syncs", {
      name: "jira contacts to intercom",
      mode: "updateOrCreate",
      identity: { source: { field: "email", model_id: modelId }, target: "email", function: "Equality" },
      fields: [{ source: { field: "first_name", model_id: modelId }, target: "first_name" }],
      schedule: { frequency: "manual" },
      target: { connection_id: intercom, object: "contacts" },
    });
    expect(sync.status, JSON.stringify(sync.body)).toBe(200);
  });

  it("refuses only the roles connection-types.md marks –: the HTTP API as a bulk-sync destination", async () => {
    const api = String(
      (await create({ name: "http api", type: "api", configuration: { url: "https://x" } })).id,
    );
    const target = await call("GET", `/api/connections/${api}/bulksync/target`);
    expect(target.status).toBe(RULES["connection.role-unsupported"].status);
    expect((await call("GET", `/api/connections/${api}/bulksync/source`)).status).toBe(200);
    expect((await call("GET", `/api/connections/${api}/modelsync/targetobjects`)).status).toBe(200);
  });
});
