/**
 * SalesforceToS3BulkSync: replicate Salesforce objects into an S3 bucket as CSV, JSON or Parquet files.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { S3Configuration, SalesforceConfiguration } from "../provider/resources/connectionConfigs";
import { BulkSyncPipeline, type BulkSyncPipelineArgs, type BulkSyncSettings } from "./bulkSyncPipeline";
import { type ConnectionRef, withType } from "./connectionRef";

/** Type token of {@link SalesforceToS3BulkSync}. */
export const SALESFORCE_TO_S3_TYPE = "polytomic:components:SalesforceToS3BulkSync";

/** Arguments of a {@link SalesforceToS3BulkSync}. */
export interface SalesforceToS3BulkSyncArgs extends BulkSyncSettings {
  /** The Salesforce connection: `{ connectionId }` or `{ configuration }`. */
  readonly salesforce: ConnectionRef<pulumi.Input<SalesforceConfiguration>>;
  /** The S3 connection: `{ connectionId }` or `{ configuration }`. */
  readonly s3: ConnectionRef<pulumi.Input<S3Configuration>>;
  /** File format: `csv` (default), `json` or `parquet`. */
  readonly format?: pulumi.Input<"csv" | "json" | "parquet">;
  /** A folder inside the bucket. */
  readonly subfolder?: pulumi.Input<string>;
}

const ARG_NAMES = { source: "args.salesforce", destination: "args.s3" };
const FORMATS = ["csv", "json", "parquet"];

/** Salesforce objects replicated into S3 files. */
export class SalesforceToS3BulkSync extends BulkSyncPipeline {
  /** Checks the arguments known before anything runs; throws naming the component and the argument. */
  static validate(name: string, args: SalesforceToS3BulkSyncArgs): void {
    if (typeof args.format === "string" && !FORMATS.includes(args.format)) {
      throw new Error(`SalesforceToS3BulkSync "${name}": args.format must be one of ${FORMATS.join(", ")}`);
    }
    BulkSyncPipeline.validateArgs(name, toPipelineArgs(args), "SalesforceToS3BulkSync", ARG_NAMES);
  }

  constructor(name: string, args: SalesforceToS3BulkSyncArgs, opts: pulumi.ComponentResourceOptions = {}) {
    SalesforceToS3BulkSync.validate(name, args);
    super(name, toPipelineArgs(args), opts, SALESFORCE_TO_S3_TYPE, ARG_NAMES);
  }
}

function toPipelineArgs(args: SalesforceToS3BulkSyncArgs): BulkSyncPipelineArgs {
  const { salesforce, s3, format, subfolder, ...settings } = args;
  return {
    ...settings,
    source: withType(salesforce, "salesforce"),
    destination: withType(s3, "s3"),
    destinationConfiguration: { format: format ?? "csv", ...(subfolder !== undefined ? { subfolder } : {}) },
  };
}
