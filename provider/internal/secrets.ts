/**
 * Which configuration values are secrets, decided by the connection type's JSON Schema (`sensitive`),
 * and wrapping them as Pulumi secrets before they become inputs, so a password passed as a plain
 * string is still encrypted in state. Decided when the resource is constructed, from the bundled type
 * schemas: where the schema is not known then (a type newer than the bundled data, or a type or
 * configuration that is itself an output), the whole configuration is a secret rather than a guess.
 */
import * as pulumi from "@pulumi/pulumi";
import { bundledTypeSchema, type TypeSchemaNode } from "./typeSchemas";

type Configuration = Record<string, pulumi.Input<unknown>>;

/** `value` with every member that `schema` marks sensitive wrapped in `pulumi.secret`, at any depth. */
function wrapSensitive(value: pulumi.Input<unknown>, schema: TypeSchemaNode): pulumi.Input<unknown> {
  if (schema.sensitive) return pulumi.secret(value);
  if (Array.isArray(value) && schema.items) {
    const items = schema.items;
    return value.map((item: pulumi.Input<unknown>) => wrapSensitive(item, items));
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  if (pulumi.Output.isInstance(value) || value instanceof Promise) {
    // An output or promise whose shape is not known yet: its members cannot be told apart.
    return containsSensitive(schema) ? pulumi.secret(value) : value;
  }
  const properties = schema.properties ?? {};
  return Object.fromEntries(
    Object.entries(value as Configuration).map(([key, member]) => {
      const child = properties[key];
      return [key, child ? wrapSensitive(member, child) : member];
    }),
  );
}

/** Whether any value under `schema` is sensitive. */
function containsSensitive(schema: TypeSchemaNode): boolean {
  if (schema.sensitive) return true;
  if (schema.items && containsSensitive(schema.items)) return true;
  return Object.values(schema.properties ?? {}).some(containsSensitive);
}

/**
 * The configuration of a connection of type `type`, with every value the type's schema marks sensitive
 * wrapped in `pulumi.secret`; all of it a secret when the schema cannot be known now.
 */
export function secretConfiguration(
  type: pulumi.Input<string>,
  configuration: pulumi.Input<Configuration>,
): pulumi.Input<Configuration> {
  const schema = typeof type === "string" ? bundledTypeSchema(type) : undefined;
  if (
    !schema ||
    pulumi.Output.isInstance(configuration) ||
    typeof configuration !== "object" ||
    configuration === null
  ) {
    return pulumi.secret(configuration) as unknown as pulumi.Output<Configuration>;
  }
  return wrapSensitive(configuration, schema) as Configuration;
}
