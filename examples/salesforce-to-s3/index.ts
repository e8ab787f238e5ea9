/**
 * Salesforce to S3 (API version 2024-02-08, set in Pulumi.yaml): Polytomic's "Bulk sync (ELT) from
 * Salesforce to S3" guide as one component. Accounts and Contacts land in the bucket as files in the
 * format of your choice, continuously.
 */
import * as pulumi from "@pulumi/pulumi";
import { SalesforceToS3BulkSync } from "pulumi-polytomic";

const config = new pulumi.Config();

const lake = new SalesforceToS3BulkSync("salesforce-to-s3", {
  salesforce: {
    configuration: {
      domain: config.get("salesforceDomain") ?? "acme.my.salesforce.com",
      connect_mode: "api",
      client_id: config.require("salesforceClientId"),
      client_secret: config.requireSecret("salesforceClientSecret"),
    },
  },
  s3: {
    configuration: {
      auth_mode: "access_key_and_secret",
      aws_access_key_id: config.require("awsAccessKeyId"),
      aws_secret_access_key: config.requireSecret("awsSecretAccessKey"),
      s3_bucket_region: config.get("bucketRegion") ?? "us-east-1",
      s3_bucket_name: config.require("bucketName"),
    },
  },
  format: (config.get("format") as "csv" | "json" | "parquet" | undefined) ?? "csv",
  objects: ["Account", "Contact"],
  schedule: { frequency: "continuous" },
});

export const bulkSyncId = lake.bulkSyncId;
export const selectedSchemas = lake.selectedSchemas;
