/**
 * Issue 16, "Done when": one program declares a `Connection` of each of the 226 connection types of
 * data/connection-types.json, each with a valid configuration generated from the type's schema (every
 * required property without a default, and every settable sensitive property, which gets a distinctive
 * secret value). Through the real engine against the emulator: `up` succeeds and the API holds exactly
 * the declared connections; an unchanged preview wants no change; a refresh finds no drift; the exported
 * state holds none of the secret values in plaintext (while the API did receive them); every id answers
 * a raw `GET /api/connections/{id}`; `destroy` leaves no connection.
 *
 * OAuth types (`use_oauth`) stay waiting for authorization, which a Connection allows. Salesforce is
 * declared in OAuth mode with its domain only (client_id and client_secret go with connect_mode api,
 * connection-types.md), plus a second Salesforce connection with connect_mode api and its client.
 *
 * The compile-time side (typed configuration of the generated interfaces) is test/types/allConnectionTypes.ts.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedState } from "../../scripts/engine/offlineEngine";
import { data, rawClient } from "../contract/http";
import { loadPackage, repoRoot, startRig, type TestRig } from "./harness";
import { expectNoChanges, expectRefreshSettles, settledDestroy, settledUp } from "./settle";

/** A node of a type's JSON Schema, as data/connection-types.json holds it. */
interface SchemaNode {
  type?: string;
  enum?: readonly unknown[];
  default?: unknown;
  format?: string;
  sensitive?: boolean;
  readOnly?: boolean;
  hidden?: boolean;
  api_field?: boolean;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  required?: readonly string[];
}

interface TypeData {
  id: string;
  name: string;
  use_oauth: boolean;
  schema: SchemaNode & { properties: Record<string, SchemaNode> };
}

const TYPES = (
  JSON.parse(readFileSync(path.join(repoRoot, "data/connection-types.json"), "utf8")) as {
    types: TypeData[];
  }
).types;

/**
 * Types left out of the program, each with its reason. Empty: every type of the data is declared (a
 * type added here must say why the emulator or the provider cannot create it).
 */
const EXCLUDED: Readonly<Record<string, string>> = {};

/**
 * Known defects, worked around rather than excluded: these OAuth types' schemas list as required keys
 * they do not describe (tokens the authorization produces). The generated interfaces make them optional,
 * and a user following the types leaves them out, but the provider's `check` (Ajv over the schema's
 * `required`) and the emulator (`connection.configuration-invalid`, 422) both refuse the configuration
 * without them ("configuration.oauth_access_token must have required property 'oauth_access_token'").
 * Until they agree with the types, the program injects them (plain placeholder values: the schema marks
 * none of them sensitive). Remove a type from here once `check` and the emulator accept it without.
 */
const UNDESCRIBED_REQUIRED_INJECTED: Readonly<Record<string, readonly string[]>> = {
  intercom: ["oauth_access_token"],
  pardot: ["oauth_access_token", "oauth_refresh_token", "oauth_token_expiry", "instance_url"],
  zendesk_chat: ["oauth_access_token"],
};

/** Server-owned: set by the server (`readOnly`) or server state (`hidden` without `api_field`). */
const serverOwned = (node: SchemaNode) => node.readOnly === true || (node.hidden === true && !node.api_field);

/** The integer secrets (strackr's `api_id`): distinctive numbers, one per type and key. */
const integerSecrets = new Map<string, number>();

/**
 * A value valid for `node`: its first enum value; for a sensitive string `secret-<type>-<key>`; other
 * strings by `format` (uri, email, json) or `value-<type>-<key>`; integers 7 (a sensitive one a
 * distinctive number); booleans true; objects with each of their properties; arrays with one item.
 */
function sampleOf(node: SchemaNode | undefined, type: string, key: string): unknown {
  if (node?.enum?.length) return node.enum[0];
  const secret = node?.sensitive === true;
  switch (node?.type) {
    case "integer":
    case "number": {
      if (!secret) return 7;
      const value = 4_210_000 + integerSecrets.size * 1_009 + 137;
      integerSecrets.set(`${type}.${key}`, value);
      return value;
    }
    case "boolean":
      return true;
    case "object":
      return Object.fromEntries(
        Object.entries(node.properties ?? {})
          .filter(([, child]) => !serverOwned(child))
          .map(([child, schema]) => [child, sampleOf(schema, type, `${key}-${child}`)]),
      );
    case "array":
      return [sampleOf(node.items, type, `${key}-item`)];
    default:
      if (secret) return `secret-${type}-${key}`;
      if (node?.format === "uri") return `https://${type}.example.com`;
      if (node?.format === "email") return `ops@${type}.example.com`;
      if (node?.format === "json") return "{}";
      return `value-${type}-${key}`;
  }
}

/**
 * Required properties that have a default are left out, as a user may: the API fills the default in, and
 * the connection must still settle (the provider reads a filled-in default back as the program's "left
 * out"): all 36 types with such a property (jira `auth_method`, postgresql `port`, s3 `auth_mode`, ...).
 */
const SET_REQUIRED_DEFAULTS = false;

/**
 * The configuration of a connection of `type`: every required property without a default (a required
 * property the schema does not describe is left out: the generated interface makes it optional, an OAuth
 * type gets it from the authorization), and every sensitive property a user may set.
 */
function configurationOf(
  type: TypeData,
  setRequiredDefaults = SET_REQUIRED_DEFAULTS,
): Record<string, unknown> {
  const { properties } = type.schema;
  const configuration: Record<string, unknown> = {};
  for (const key of type.schema.required ?? []) {
    const node = properties[key];
    if (!node || serverOwned(node)) continue;
    if (node.default === undefined) configuration[key] = sampleOf(node, type.id, key);
    else if (setRequiredDefaults) configuration[key] = node.default;
  }
  for (const [key, node] of Object.entries(properties))
    if (node.sensitive && !serverOwned(node)) configuration[key] = sampleOf(node, type.id, key);
  for (const key of UNDESCRIBED_REQUIRED_INJECTED[type.id] ?? [])
    configuration[key] = `injected-${type.id}-${key}`;
  return configuration;
}

interface Declared {
  resource: string;
  type: string;
  configuration: Record<string, unknown>;
}

/** One connection per type; Salesforce twice, OAuth (domain only) and connect_mode api. */
const DECLARED: Declared[] = TYPES.filter((t) => !(t.id in EXCLUDED)).flatMap((type): Declared[] => {
  if (type.id !== "salesforce")
    return [{ resource: `every-${type.id}`, type: type.id, configuration: configurationOf(type) }];
  return [
    { resource: "every-salesforce", type: "salesforce", configuration: { domain: "acme.my.salesforce.com" } },
    {
      resource: "every-salesforce-api",
      type: "salesforce",
      configuration: {
        ...configurationOf(type),
        connect_mode: "api",
        client_id: "secret-salesforce-api-client_id",
        client_secret: "secret-salesforce-api-client_secret",
      },
    },
  ];
});

/** Every secret value of the program, as it would appear in JSON text. */
const SECRETS: string[] = [
  ...new Set(
    DECLARED.flatMap((d) => {
      const type = TYPES.find((t) => t.id === d.type);
      return Object.entries(d.configuration)
        .filter(([key]) => type?.schema.properties[key]?.sensitive)
        .map(([, value]) => (typeof value === "string" ? value : JSON.stringify(value)));
    }),
  ),
];

/** The signature key and value of a secret in a Pulumi deployment (`{sig, ciphertext | plaintext}`). */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** `value` with every secret envelope replaced by `"[secret]"`. */
function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value !== "object" || value === null) return value;
  if ((value as Record<string, unknown>)[SECRET_SIG] === SECRET_SIG_VALUE) return "[secret]";
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutSecrets(v)]));
}

/**
 * No secret value of the program is in the state in plaintext: the state as stored (`pulumi stack
 * export`, secrets as ciphertext) holds none of them, and in `stack.exportStack()` (which the Automation
 * API runs with `--show-secrets`, so secrets come back decrypted inside their envelopes) every one is
 * inside a secret envelope, never a plain value.
 */
async function expectNoPlaintextSecrets(stack: Stack, step: string): Promise<void> {
  const stored = await storedState(stack);
  expect(stored, step).toContain("every-zendesk_support");
  expect(
    SECRETS.filter((s) => stored.includes(s)),
    `${step}: in the stored state`,
  ).toEqual([]);
  const exported = (await stack.exportStack()).deployment as { resources?: unknown[] };
  expect(exported.resources?.length, step).toBe(DECLARED.length + 2); // and the stack and provider
  const text = JSON.stringify(exported);
  // The decrypted export does carry them (inside envelopes): the check above is not vacuous.
  expect(
    SECRETS.filter((s) => !text.includes(s)),
    `${step}: decrypted`,
  ).toEqual([]);
  const plain = JSON.stringify(withoutSecrets(exported));
  expect(
    SECRETS.filter((s) => plain.includes(s)),
    `${step}: outside a secret`,
  ).toEqual([]);
}

function program(): PulumiFn {
  const polytomic = loadPackage();
  return async () => {
    const ids: Record<string, unknown> = {};
    for (const d of DECLARED) {
      const connection = new polytomic.Connection(d.resource, {
        type: d.type,
        configuration: d.configuration,
      });
      ids[d.resource] = connection.id;
    }
    return { ids };
  };
}

let rig: TestRig;
const call = rawClient(() => rig.emulator);

beforeAll(async () => {
  rig = await startRig({ schemaCacheDelayMs: 0 });
});
afterAll(async () => {
  await rig?.close();
});

describe("a program with a connection of each of the 226 types", () => {
  it("generates a configuration for every type, with its secrets", () => {
    expect(TYPES).toHaveLength(226);
    expect(new Set(DECLARED.map((d) => d.type)).size).toBe(226 - Object.keys(EXCLUDED).length);
    for (const [type, reason] of Object.entries(EXCLUDED)) expect(reason, type).not.toBe("");
    // The workaround names exactly the keys that are required and undescribed.
    const undescribed = Object.fromEntries(
      TYPES.flatMap((t) => {
        const keys = (t.schema.required ?? []).filter((k) => !(k in t.schema.properties));
        return keys.length ? [[t.id, keys]] : [];
      }),
    );
    expect(undescribed).toEqual(UNDESCRIBED_REQUIRED_INJECTED);
    // Every settable secret of every type is in the program (357 of the data's 360 sensitive keys;
    // the other three are read-only), and each value is distinct.
    expect(SECRETS.length).toBeGreaterThan(350);
    const sensitiveValues = DECLARED.flatMap((d) => {
      const properties = TYPES.find((t) => t.id === d.type)?.schema.properties ?? {};
      return Object.keys(d.configuration).filter((key) => properties[key]?.sensitive);
    });
    expect(SECRETS).toHaveLength(sensitiveValues.length);
    expect(integerSecrets.size).toBe(1);
  });

  it("goes up, previews and refreshes with no change, keeps every secret encrypted and destroys cleanly", async () => {
    const times: string[] = [];
    const timed = async <T>(step: string, run: () => Promise<T>): Promise<T> => {
      const start = performance.now();
      try {
        return await run();
      } finally {
        times.push(`${step} ${((performance.now() - start) / 1000).toFixed(1)}s`);
      }
    };
    const stack: Stack = await rig.stack("all-types", program());
    try {
      // up: succeeds, the API holds exactly the declared connections, a preview wants no change.
      const up = await timed("up+preview", () => settledUp(stack, rig.emulator, "up"));
      times.push(`(the up alone ${/Duration: (\S+)/.exec(up.stdout)?.[1] ?? "?"})`);
      // The connections and the stack itself.
      expect(up.summary.resourceChanges?.create).toBe(DECLARED.length + 1);
      const ids = up.outputs.ids?.value as Record<string, string>;
      expect(Object.keys(ids).sort()).toEqual(DECLARED.map((d) => d.resource).sort());

      // The API received every secret (the plaintext check below is not vacuous).
      const stored = JSON.stringify(rig.emulator.store.list("connections"));
      expect(SECRETS.filter((s) => !stored.includes(s))).toEqual([]);

      // Every id exists in the API (raw GET), with its type; secrets come back masked.
      await timed("GET each", async () => {
        for (const d of DECLARED) {
          const id = ids[d.resource] ?? "";
          const read = await call("GET", `/api/connections/${id}`);
          expect(read.status, `${d.resource} (${id})`).toBe(200);
          expect((data(read).type as { id: string }).id, d.resource).toBe(d.type);
          expect(JSON.stringify(read.body), d.resource).not.toMatch(/secret-/);
        }
      });

      await timed("state", () => expectNoPlaintextSecrets(stack, "after up"));
      await timed("refresh", () => expectRefreshSettles(stack, "refresh after up"));
      await timed("preview", () => expectNoChanges(stack, "preview after refresh"));
      await expectNoPlaintextSecrets(stack, "after refresh");

      // destroy: no connection left in the API.
      await timed("destroy", () => settledDestroy(stack, rig.emulator, "destroy"));
      expect(rig.emulator.store.list("connections")).toEqual([]);
    } catch (err) {
      await stack.destroy().catch(() => undefined);
      throw err;
    } finally {
      console.log(`[all-types] ${DECLARED.length} connections: ${times.join(", ")}`);
    }
  });
});
