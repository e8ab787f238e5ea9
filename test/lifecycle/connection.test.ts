/**
 * Lifecycle conformance of Connection, over every type the emulator serves (the 14 typed ones) and
 * every documented field of ConnectionArgs. See properties.ts for the properties.
 */
import fc from "fast-check";
import { afterAll, beforeAll } from "vitest";
import { CONNECTION_TYPES, type ConnectionTypeSpec } from "../../emulator/connectionTypes";
import { connectionProvider } from "../../provider/resources/connection";
import { changeOf, connectionConfiguration, defined, optional } from "./arbitraries";
import { type Env, rawGet, startEnv, stopEnv, text } from "./harness";
import { describeLifecycle, type Kind, TAG } from "./properties";

type Props = Record<string, unknown>;

/** The organization the emulator's key belongs to: the one valid `organizationId`. */
const ORGANIZATION = "6f0e3b8e-1d2c-4c55-9a51-0c3a5b7d2e11";

const TYPES = Object.values(CONNECTION_TYPES);

/** Whether `configuration` is valid for `spec` as it stands (keys, types, enums, required keys). */
function fits(spec: ConnectionTypeSpec, configuration: Props): boolean {
  if (!spec.required.every((k) => k in configuration)) return false;
  if (spec.id === "salesforce" && configuration.connect_mode === "api") {
    if (!configuration.client_id || !configuration.client_secret) return false;
  }
  return Object.entries(configuration).every(([k, v]) => {
    const prop = spec.properties[k];
    if (!prop || prop.readOnly) return false;
    if (prop.enum && !prop.enum.includes(v as string)) return false;
    const type = Array.isArray(v) ? "array" : typeof v === "number" ? "integer" : typeof v;
    return type === prop.type;
  });
}

const name = fc.oneof(
  fc.constant(`lc-${TAG}`), // the resource name: what the constructor defaults to
  text(20).map((t) => `${TAG} ${t}`),
);
const policies = fc.uniqueArray(fc.uuid(), { minLength: 0, maxLength: 3 });
const redirectUrl = fc.webUrl({ validSchemes: ["https"] });
const healthcheckInterval = fc
  .tuple(fc.integer({ min: 0, max: 48 }), fc.integer({ min: 0, max: 59 }))
  .filter(([h, m]) => h + m > 0)
  .map(([h, m]) => `${h > 0 ? `${h}h` : ""}${m > 0 ? `${m}m` : ""}`);

const inputs: fc.Arbitrary<Props> = fc
  .constantFrom(...TYPES)
  .chain((spec) =>
    fc.record({
      type: fc.constant(spec.id),
      configuration: connectionConfiguration(spec),
      name,
      policies: optional(policies),
      redirectUrl: optional(redirectUrl),
      healthcheckInterval: optional(healthcheckInterval),
      organizationId: optional(fc.constant(ORGANIZATION)),
      forceDelete: optional(fc.boolean()),
    }),
  )
  .map(defined);

const typeOf = (inputs: Props) => CONNECTION_TYPES[String(inputs.type)] as ConnectionTypeSpec;

/** Documented defaults: a change between these is no change. */
const same = (field: string, a: unknown, b: unknown) =>
  field === "forceDelete" && (a ?? false) === (b ?? false);

const kind: Kind = {
  name: "Connection",
  provider: connectionProvider,
  inputs,
  change: (inputs) =>
    changeOf(
      inputs,
      {
        name: () => text(20).map((t) => `${TAG} ${t}`),
        // Another type only where the same configuration is valid for it (e.g. hubspot and airtable).
        type: (i) => {
          const others = TYPES.filter((t) => t.id !== i.type && fits(t, i.configuration as Props));
          return others.length > 0 ? fc.constantFrom(...others.map((t) => t.id)) : undefined;
        },
        configuration: (i) => connectionConfiguration(typeOf(i)),
        policies: (i) => (i.policies === undefined ? policies : optional(policies)),
        redirectUrl: (i) => (i.redirectUrl === undefined ? redirectUrl : optional(redirectUrl)),
        healthcheckInterval: (i) =>
          i.healthcheckInterval === undefined ? healthcheckInterval : optional(healthcheckInterval),
        organizationId: (i) => fc.constant(i.organizationId === undefined ? ORGANIZATION : undefined),
        forceDelete: (i) => fc.constant(!(i.forceDelete ?? false)),
      },
      same,
    ),
  // Create-only: adoptId (it picks what create does; afterwards the stack owns the object).
  compared: [
    "name",
    "type",
    "configuration",
    "policies",
    "redirectUrl",
    "healthcheckInterval",
    "organizationId",
    "forceDelete",
  ],
  replaces: (change) => change.field === "type",
  apiPath: (id) => `/api/connections/${id}`,
  exists: async (env, id) => (await rawGet(env, `/api/connections/${id}`)) !== undefined,
};

let env: Env | undefined;
const current = () => {
  if (!env) throw new Error("emulator not started");
  return env;
};
beforeAll(async () => {
  env = await startEnv({ organizationId: ORGANIZATION });
});
afterAll(() => stopEnv(env));

describeLifecycle("Connection", () => kind, current);
