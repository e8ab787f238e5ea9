/**
 * The lookups (provider/lookups.ts) as the plugin's functions (`polytomic:index:getTargetFields`, ...):
 * arguments and results named as the package schema names them, the settings those of the provider
 * instance that is invoked.
 */
import type { ClientSettings } from "../client/client";
import {
  getBulkSourceSchemas,
  getConnectionTypeSchema,
  getTargetFields,
  getTargetObjects,
  type LookupSettings,
} from "../lookups";
import type { Props } from "./values";

const text = (args: Props, name: string): string => {
  const value = args[name];
  if (typeof value !== "string" || value === "") throw new Error(`polytomic: argument ${name} is required`);
  return value;
};

/** Each function by token: what it returns for its arguments under `settings`. */
const FUNCTIONS: Readonly<Record<string, (args: Props, settings: LookupSettings) => Promise<Props>>> = {
  "polytomic:index:getConnectionTypeSchema": async (args, settings) =>
    ({ ...(await getConnectionTypeSchema(text(args, "type"), settings)) }) as Props,
  "polytomic:index:getBulkSourceSchemas": async (args, settings) => ({
    schemas: await getBulkSourceSchemas(text(args, "connectionId"), {
      includeFields: args.includeFields === true,
      ...settings,
    }),
  }),
  "polytomic:index:getTargetObjects": async (args, settings) => ({
    objects: await getTargetObjects(text(args, "connectionId"), settings),
  }),
  "polytomic:index:getTargetFields": async (args, settings) => ({
    fields: await getTargetFields(text(args, "connectionId"), text(args, "object"), settings),
  }),
};

/** Runs the function `token`; throws naming it when the plugin has no such function. */
export async function invokeFunction(
  token: string,
  args: Props,
  settings: () => ClientSettings,
): Promise<Props> {
  const run = FUNCTIONS[token];
  if (!run)
    throw new Error(`polytomic: unknown function ${token} (served: ${Object.keys(FUNCTIONS).join(", ")})`);
  // Configure checked these settings under the provider's own allowCleartextHttp: a lookup does not again.
  return run(args, { ...settings(), allowCleartextHttp: true });
}
