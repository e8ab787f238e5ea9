/**
 * Salesforce to Snowflake (API version 2025-09-18): Polytomic's "Bulk sync (ELT) from Salesforce to
 * Snowflake" guide as one component. Without client credentials the Salesforce connection uses browser
 * OAuth: `pulumi up` prints the URL to open and waits up to `readinessTimeoutSeconds`; if you are not
 * done by then it stops with the URL, and running `pulumi up` again continues.
 */
import * as pulumi from "@pulumi/pulumi";
import { SalesforceToSnowflakeBulkSync } from "pulumi-polytomic";

const config = new pulumi.Config();
const clientId = config.get("salesforceClientId");

const pipeline = new SalesforceToSnowflakeBulkSync("salesforce-to-snowflake", {
  salesforce: {
    configuration: clientId
      ? {
          domain: config.require("salesforceDomain"),
          connect_mode: "api",
          client_id: clientId,
          client_secret: config.requireSecret("salesforceClientSecret"),
        }
      : { domain: config.require("salesforceDomain"), connect_mode: "browser" },
  },
  snowflake: {
    configuration: {
      account: config.require("snowflakeAccount"),
      username: config.get("snowflakeUser") ?? "POLYTOMIC_LOADER",
      password: config.requireSecret("snowflakePassword"),
      dbname: config.get("snowflakeDatabase") ?? "RAW",
    },
  },
  destinationSchema: "SALESFORCE",
  objects: [
    "Account",
    "Contact",
    "Opportunity",
    { id: "Lead", fields: ["Id", "Email", "Company", "Status"] },
  ],
  schedule: { frequency: "daily", hour: "3", minute: "0" },
  automaticallyAddNewFields: "all",
  readinessTimeoutSeconds: config.getNumber("readinessTimeoutSeconds") ?? 300,
});

export const bulkSyncId = pipeline.bulkSyncId;
export const availableSchemas = pipeline.availableSchemas;
export const authUrl = pipeline.authUrl;
