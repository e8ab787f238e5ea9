/**
 * (f) Secrets decided by the API's schema. For every connection type of connection-types.json (the
 * schemas `GET /api/connection_types/{type}` answers) and of the emulator, every configuration value the
 * type's schema marks `sensitive: true` is a Pulumi secret once the Connection resource's helper has
 * wrapped the configuration (`secretConfiguration`, which the constructor applies), whatever its key is
 * called; and a secret the program sets never appears in plaintext in create's or read's outputs except
 * at the key where the program set it (nor does the API's mask).
 */
import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONNECTION_TYPES } from "../../emulator/connectionTypes";
import { secretConfiguration } from "../../provider/internal/secrets";
import { type ConnectionOutputs, connectionProvider } from "../../provider/resources/connection";
import { configurationOf, connectionConfiguration, sensitiveKeysOf, type TypeSchema } from "./arbitraries";
import {
  create,
  type Env,
  nextTag,
  PROPERTY_TIMEOUT_MS,
  property,
  rawDelete,
  startEnv,
  stopEnv,
  urnOf,
} from "./harness";

type Props = Record<string, unknown>;

/** Every type's schema: the shared data file, and the emulator's (what the API answers here). */
const DATA = JSON.parse(readFileSync("/work/shared/data/connection-types.json", "utf8")) as {
  types: { id: string; schema: TypeSchema }[];
};
const SCHEMAS: { id: string; schema: TypeSchema }[] = [
  ...DATA.types,
  ...Object.values(CONNECTION_TYPES).map((t) => ({ id: t.id, schema: t as unknown as TypeSchema })),
];

/**
 * Calls the helper as the constructor does, whatever the order of its parameters (it takes the
 * configuration, and the type once secrets are decided by the type's schema).
 */
function wrap(type: string, configuration: Props): unknown {
  const fn = secretConfiguration as unknown as (...args: unknown[]) => unknown;
  const source = Function.prototype.toString.call(fn);
  const params = (/^[^(]*\(([^)]*)\)/.exec(source)?.[1] ?? "")
    .split(",")
    .map((p) => p.trim().split(/[\s:=]/)[0] ?? "")
    .filter((p) => p !== "");
  const args =
    params.length <= 1 ? [configuration] : params.map((p) => (/type/i.test(p) ? type : configuration));
  return fn(...args);
}

const isSecret = async (value: unknown): Promise<boolean> =>
  pulumi.Output.isInstance(value) && (await pulumi.isSecret(value as pulumi.Output<unknown>));

describe("(f) sensitive configuration values are secrets", () => {
  it(
    "when the resource is constructed, for every type",
    () =>
      property(
        "Connection (f) secretConfiguration wraps every sensitive value",
        fc.constantFrom(...SCHEMAS.filter((t) => sensitiveKeysOf(t.schema).length > 0)).chain((t) =>
          configurationOf(t.schema, { withReadOnly: true }).map((configuration) => ({
            type: t.id,
            sensitive: sensitiveKeysOf(t.schema),
            configuration,
          })),
        ),
        async ({ type, sensitive, configuration }) => {
          const wrapped = wrap(type, configuration);
          if (await isSecret(wrapped)) return; // all of it a secret: nothing sensitive in plaintext
          expect(pulumi.Output.isInstance(wrapped), "a plain configuration stays a record").toBe(false);
          const record = wrapped as Props;
          const plain: string[] = [];
          for (const key of sensitive.filter((k) => k in configuration))
            if (!(await isSecret(record[key]))) plain.push(key);
          expect(plain, `sensitive keys of ${type} left in plaintext`).toEqual([]);
        },
      ),
    PROPERTY_TIMEOUT_MS,
  );
});

let env: Env | undefined;
beforeAll(async () => {
  env = await startEnv();
});
afterAll(() => stopEnv(env));

/** Paths of string leaves of `value` that contain `needle`. */
function pathsContaining(value: unknown, needle: string, path = ""): string[] {
  if (typeof value === "string") return value.includes(needle) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => pathsContaining(v, needle, `${path}[${i}]`));
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([k, v]) => pathsContaining(v, needle, path ? `${path}.${k}` : k));
  return [];
}

describe("(f) secrets in outputs", () => {
  it(
    "appear only where the program set them, never masked",
    () =>
      property(
        "Connection (f) no secret in plaintext in create/read outputs but where set",
        fc
          .constantFrom(...Object.values(CONNECTION_TYPES))
          .chain((spec) =>
            connectionConfiguration(spec).map((configuration) => ({ type: spec.id, configuration })),
          ),
        async ({ type, configuration }) => {
          const e = env as Env;
          const sensitive = sensitiveKeysOf(CONNECTION_TYPES[type] as unknown as TypeSchema);
          const secrets = sensitive
            .filter((k) => typeof configuration[k] === "string" && configuration[k] !== "")
            .map((k) => ({ key: k, value: String(configuration[k]) }));
          const tag = nextTag();
          const created = await create(connectionProvider, {
            resourceUrn: urnOf("Connection", `lc-${tag}`),
            name: `lc-${tag}`,
            type,
            configuration,
          });
          try {
            const read = await connectionProvider.read?.(
              created.id,
              created.outs as unknown as ConnectionOutputs,
            );
            for (const [what, outs] of [
              ["create's outs", created.outs],
              ["read's props", read?.props ?? {}],
              ["read's inputs", read?.inputs ?? {}],
            ] as const) {
              for (const { key, value } of secrets) {
                const where = pathsContaining(outs, value).filter((p) => p !== `configuration.${key}`);
                expect(where, `${what}: the secret set at configuration.${key} appears elsewhere`).toEqual(
                  [],
                );
              }
              expect(pathsContaining(outs, "********"), `${what}: the API's mask`).toEqual([]);
            }
          } finally {
            await rawDelete(e, `/api/connections/${created.id}?force=true`);
          }
        },
      ),
    PROPERTY_TIMEOUT_MS,
  );
});
