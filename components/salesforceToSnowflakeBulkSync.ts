/**
 * SalesforceToSnowflakeBulkSync: replicate Salesforce objects into a Snowflake schema. A Salesforce
 * connection (browser OAuth, or `connect_mode: "api"` with client credentials) and a Snowflake
 * connection, or existing ones; a wait for the Salesforce schema cache; then the bulk sync.
 */
import type * as pulumi from "@pulumi/pulumi";
import type {
  SalesforceConfiguration,
  SnowflakeConfiguration,
} from "../provider/resources/connectionConfigs";
import { BulkSyncPipeline, type BulkSyncPipelineArgs, type BulkSyncSettings } from "./bulkSyncPipeline";
import { type ConnectionRef, withType } from "./connectionRef";

/** Type token of {@link SalesforceToSnowflakeBulkSync}. */
export const SALESFORCE_TO_SNOWFLAKE_TYPE = "polytomic:components:SalesforceToSnowflakeBulkSync";

/** Arguments of a {@link SalesforceToSnowflakeBulkSync}. */
export interface SalesforceToSnowflakeBulkSyncArgs extends BulkSyncSettings {
  /** The Salesforce connection: `{ connectionId }` or `{ configuration }`. */
  readonly salesforce: ConnectionRef<pulumi.Input<SalesforceConfiguration>>;
  /** The Snowflake connection: `{ connectionId }` or `{ configuration }`. */
  readonly snowflake: ConnectionRef<pulumi.Input<SnowflakeConfiguration>>;
  /** The Snowflake schema the objects land in, e.g. `SALESFORCE`. */
  readonly destinationSchema: pulumi.Input<string>;
}

/** Salesforce objects replicated into Snowflake. */
export class SalesforceToSnowflakeBulkSync extends BulkSyncPipeline {
  /** Checks the arguments known before anything runs; throws naming the component and the argument. */
  static validate(name: string, args: SalesforceToSnowflakeBulkSyncArgs): void {
    BulkSyncPipeline.validateArgs(name, toPipelineArgs(args), "SalesforceToSnowflakeBulkSync", ARG_NAMES);
  }

  constructor(
    name: string,
    args: SalesforceToSnowflakeBulkSyncArgs,
    opts: pulumi.ComponentResourceOptions = {},
  ) {
    super(name, toPipelineArgs(args), opts, SALESFORCE_TO_SNOWFLAKE_TYPE, ARG_NAMES);
  }
}

const ARG_NAMES = { source: "args.salesforce", destination: "args.snowflake" };

function toPipelineArgs(args: SalesforceToSnowflakeBulkSyncArgs): BulkSyncPipelineArgs {
  const { salesforce, snowflake, destinationSchema, ...settings } = args;
  return {
    ...settings,
    source: withType(salesforce, "salesforce"),
    destination: withType(snowflake, "snowflake"),
    destinationConfiguration: { schema: destinationSchema },
  };
}
