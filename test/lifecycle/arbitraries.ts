/**
 * Generators shared by the lifecycle properties: connection configurations from a type's JSON Schema,
 * schedules, and "change one field" over a table of per-field generators.
 */
import fc from "fast-check";
import type { ConnectionTypeSpec } from "../../emulator/connectionTypes";
import { REQUIRED_SCHEDULE_PARTS } from "../../provider/internal/cron";
import { canonical } from "../../provider/internal/diff";
import { SCHEDULE_FREQUENCIES } from "../../provider/resources/enums";
import { secretValue, text } from "./harness";
import type { Change } from "./properties";

type Props = Record<string, unknown>;

/** One property of a connection type's JSON Schema, as far as generators read it. */
export interface SchemaProp {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly sensitive?: boolean;
  readonly readOnly?: boolean;
  readonly items?: SchemaProp;
  readonly properties?: Readonly<Record<string, SchemaProp>>;
  readonly required?: readonly string[];
}

/** A connection type's JSON Schema (`GET /api/connection_types/{type}`). */
export interface TypeSchema {
  readonly properties?: Readonly<Record<string, SchemaProp>>;
  readonly required?: readonly string[];
}

/** A valid value of one configuration property. */
export function propertyValue(key: string, prop: SchemaProp): fc.Arbitrary<unknown> {
  if (prop.enum && prop.enum.length > 0) return fc.constantFrom(...prop.enum);
  switch (prop.type) {
    case "boolean":
      return fc.boolean();
    case "integer":
    case "number":
      return /port/.test(key) ? fc.integer({ min: 1, max: 65535 }) : fc.nat({ max: 100_000 });
    case "object":
      if (prop.properties && Object.keys(prop.properties).length > 0)
        return configurationOf(prop as TypeSchema).filter((o) => Object.keys(o).length > 0);
      return fc.dictionary(fc.stringMatching(/^[a-z][a-z_]{0,8}$/), text(8), { minKeys: 1, maxKeys: 3 });
    case "array":
      if (prop.items?.enum && prop.items.enum.length > 0)
        return fc.shuffledSubarray([...prop.items.enum], { minLength: 1 });
      if (prop.items && prop.items.type !== "object" && prop.items.type !== undefined)
        return fc.array(propertyValue(key, prop.items), { minLength: 1, maxLength: 3 });
      if (prop.items?.properties && Object.keys(prop.items.properties).length > 0)
        return fc.array(propertyValue(key, { ...prop.items, type: "object" }), {
          minLength: 1,
          maxLength: 2,
        });
      return prop.items?.type === "string"
        ? fc.array(text(8), { minLength: 1, maxLength: 3 })
        : fc.array(fc.record({ name: fc.stringMatching(/^[A-Za-z][A-Za-z-]{0,10}$/), value: text(10) }), {
            minLength: 1,
            maxLength: 3,
          });
    default:
      return prop.sensitive ? secretValue() : text(16);
  }
}

/**
 * A configuration valid for `schema`: every required key, any subset of the others. Read-only keys (set
 * by the server) only with `withReadOnly`. `fix` adjusts a generated value to rules the schema cannot
 * say (Salesforce's `connect_mode: api` needs its client credentials).
 */
export function configurationOf(
  schema: TypeSchema,
  options: { withReadOnly?: boolean; fix?: (c: Props) => fc.Arbitrary<Props> } = {},
): fc.Arbitrary<Props> {
  const required = new Set(schema.required ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    if (prop.readOnly && !options.withReadOnly && !required.has(key)) continue;
    model[key] = propertyValue(key, prop);
  }
  // Some schemas require keys they do not describe (pardot's OAuth tokens): any string satisfies them.
  for (const key of required) if (!(key in model)) model[key] = text(16);
  const base = fc.record(model, { requiredKeys: [...required] }) as fc.Arbitrary<Props>;
  return options.fix ? base.chain(options.fix) : base;
}

/** A configuration valid for `spec`, including the rule its schema cannot say (Salesforce `api`). */
export function connectionConfiguration(spec: ConnectionTypeSpec): fc.Arbitrary<Props> {
  return configurationOf(spec as unknown as TypeSchema, {
    fix: (c) => {
      if (spec.id === "salesforce" && c.connect_mode === "api") {
        const schema = spec.properties;
        return fc
          .record({
            client_id: configurationOf({
              properties: { client_id: schema.client_id ?? {} },
              required: ["client_id"],
            }),
            client_secret: configurationOf({
              properties: { client_secret: schema.client_secret ?? {} },
              required: ["client_secret"],
            }),
          })
          .map(({ client_id, client_secret }) => ({ ...c, ...client_id, ...client_secret }));
      }
      return fc.constant(c);
    },
  });
}

/** Keys `schema` marks sensitive. */
export function sensitiveKeysOf(schema: TypeSchema): string[] {
  return Object.entries(schema.properties ?? {})
    .filter(([, p]) => p.sensitive === true)
    .map(([k]) => k);
}

/**
 * Schedule frequencies a program writes: the official SDK's `ScheduleFrequency` (npm `polytomic`) but
 * `multi` (split schedules, written as `additionalSchedules`); `runafter` and `dbtcloud` are for model
 * syncs only.
 */
export const MODEL_SYNC_FREQUENCIES = SCHEDULE_FREQUENCIES;
export const BULK_SYNC_FREQUENCIES = [
  "manual",
  "continuous",
  "hourly",
  "daily",
  "weekly",
  "custom",
  "builder",
] as const;

/** The SDK's enumerations as the provider declares them (test/contract/sdkEnums.test.ts ties them to the SDK). */
export { FILTER_FUNCTIONS, IDENTITY_MODES, VALUELESS_FILTER_FUNCTIONS } from "../../provider/resources/enums";

/** Program-shaped schedule parts, as `Schedule` names them. */
const SCHEDULE_PARTS = ["minute", "hour", "dayOfWeek", "dayOfMonth", "month"];

/**
 * Program-shaped schedule parts for `frequency` (only the parts it uses: required ones). A plain value
 * is sometimes a number (`hour: 9`), which a program may write for its string.
 */
export function scheduleOf(frequencies: readonly string[]): fc.Arbitrary<Props> {
  const value = (max: number, min: number) =>
    fc.oneof(fc.integer({ min, max }).map(String), fc.integer({ min, max }));
  const plain = (max: number, min = 0) => fc.oneof(fc.constant("*"), value(max, min));
  const cron = (max: number, min = 0) =>
    fc.oneof(
      fc.constant("*"),
      value(max, min),
      fc.integer({ min: 1, max: Math.max(1, Math.floor(max / 2)) }).map((n) => `*/${n}`),
      fc
        .tuple(fc.integer({ min, max }), fc.integer({ min, max }))
        .map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
      fc.uniqueArray(fc.integer({ min, max }), { minLength: 2, maxLength: 3 }).map((l) => l.join(",")),
    );
  const ranges: Record<string, [number, number]> = {
    minute: [0, 59],
    hour: [0, 23],
    day_of_week: [0, 6],
    day_of_month: [1, 31],
    month: [1, 12],
  };
  const program: Record<string, string> = {
    minute: "minute",
    hour: "hour",
    day_of_week: "dayOfWeek",
    day_of_month: "dayOfMonth",
    month: "month",
  };
  return fc.constantFrom(...frequencies).chain((frequency) => {
    const parts = REQUIRED_SCHEDULE_PARTS[frequency] ?? [];
    const model: Record<string, fc.Arbitrary<unknown>> = { frequency: fc.constant(frequency) };
    for (const part of parts) {
      const [min, max] = ranges[part] ?? [0, 59];
      model[program[part] ?? part] = frequency === "custom" ? cron(max, min) : plain(max, min);
    }
    return fc.record(model);
  });
}

/**
 * A change of one field of `inputs`: a field of `fields` (its generator gets the inputs, for values that
 * depend on others) whose new value differs from the old one. `undefined` drops an optional field.
 * `same(field, a, b)` says when two values mean the same (a documented default), so no change is made.
 */
export function changeOf(
  inputs: Props,
  fields: Readonly<Record<string, (inputs: Props) => fc.Arbitrary<unknown> | undefined>>,
  same: (field: string, a: unknown, b: unknown) => boolean = () => false,
): fc.Arbitrary<Change> {
  const differs = (field: string, value: unknown) =>
    canonical(partsAsText(value)) !== canonical(partsAsText(inputs[field])) &&
    !same(field, inputs[field], value);
  // Fields whose generator cannot give another value here (a source with one way to read an object)
  // are not offered: a filter that never passes would never end.
  const options = Object.entries(fields)
    .map(([field, gen]) => ({ field, arb: gen(inputs) }))
    .filter((o): o is { field: string; arb: fc.Arbitrary<unknown> } => o.arb !== undefined)
    .filter((o) => fc.sample(o.arb, { numRuns: 30, seed: 1 }).some((v) => differs(o.field, v)));
  return fc
    .constantFrom(...options)
    .chain(({ field, arb }) =>
      arb.filter((value) => differs(field, value)).map((value): Change => ({ field, value })),
    );
}

/**
 * `value` with schedule parts written as numbers in their string form (schedules, lists of them), for
 * telling changes apart: `hour: 9` and `hour: "9"` are the same program, so no change.
 */
function partsAsText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(partsAsText);
  if (typeof value !== "object" || value === null || !("frequency" in value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      SCHEDULE_PARTS.includes(k) && typeof v === "number" ? String(v) : v,
    ]),
  );
}

/** An optional member: absent, or a value of `arb`. */
export const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(arb, { nil: undefined, freq: 3 });

/** Drops members whose value is undefined (an absent field, as a program leaves it out). */
export function defined(props: Props): Props {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));
}
