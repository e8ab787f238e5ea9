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
import type { PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedState } from "../../scripts/engine/offlineEngine";
import { data, rawClient } from "../contract/http";
import {
  configurationOf,
  EXCLUDED,
  integerSecrets,
  TYPES,
  UNDESCRIBED_REQUIRED_INJECTED,
} from "../fixtures/connectionSamples";
import { loadPackage, startRig, type TestRig } from "./harness";
import { expectNoChanges, expectRefreshSettles, settledDestroy, settledUp } from "./settle";

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
