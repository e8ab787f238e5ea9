/**
 * The root Pulumi project's program (Pulumi.yaml), run by `npm run demo`: one
 * SalesforceToSnowflakeBulkSync, the pipeline of Polytomic's own "Bulk sync (ELT) from Salesforce to
 * Snowflake" guide. Salesforce uses `connect_mode: api` (client credentials), so no browser is needed;
 * the component waits for Salesforce's schema cache before it creates the bulk sync.
 */
import * as pulumi from "@pulumi/pulumi";
import { SalesforceToSnowflakeBulkSync } from "../../components";

const config = new pulumi.Config("demo");

const pipeline = new SalesforceToSnowflakeBulkSync("salesforce-to-snowflake", {
  salesforce: {
    name: "salesforce",
    configuration: {
      domain: "acme.my.salesforce.com",
      connect_mode: "api",
      client_id: config.get("salesforceClientId") ?? "3MVG9-demo-consumer-key",
      client_secret: config.getSecret("salesforceClientSecret") ?? pulumi.secret("demo-consumer-secret"),
    },
  },
  snowflake: {
    name: "snowflake",
    configuration: {
      account: "acme-xy12345",
      username: "POLYTOMIC_LOADER",
      password: config.getSecret("snowflakePassword") ?? pulumi.secret("demo-snowflake-password"),
      dbname: "RAW",
      warehouse: "LOADING",
    },
  },
  destinationSchema: "SALESFORCE",
  objects: [
    "Account",
    "Contact",
    { id: "Opportunity", fields: ["Id", "Name", "Amount", "StageName", "CloseDate"] },
  ],
  schedule: { frequency: "daily", hour: "2", minute: "30" },
  readinessTimeoutSeconds: 120,
});

export const salesforceConnectionId = pipeline.sourceConnectionId;
export const snowflakeConnectionId = pipeline.destinationConnectionId;
export const salesforceSchemaCount = pipeline.availableSchemas.apply((ids) => ids.length);
export const bulkSyncId = pipeline.bulkSyncId;
export const syncedSchemas = pipeline.selectedSchemas;
export const pendingAuthUrl = pipeline.authUrl;
