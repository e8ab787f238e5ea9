/**
 * The root Pulumi project's program (Pulumi.yaml), run by `npm run demo`: a Salesforce to Snowflake
 * bulk sync (the pipeline of Polytomic's own "Bulk sync (ELT) from Salesforce to Snowflake" guide).
 * Salesforce uses `connect_mode: api` (client credentials), so no browser is needed; the bulk sync
 * waits for Salesforce's schema cache through SchemaReady.
 */
import * as pulumi from "@pulumi/pulumi";
import { BulkSync, Connection, SchemaReady } from "../../provider";

const config = new pulumi.Config("demo");

const salesforce = new Connection("salesforce", {
  type: "salesforce",
  configuration: {
    domain: "acme.my.salesforce.com",
    connect_mode: "api",
    client_id: config.get("salesforceClientId") ?? "3MVG9-demo-consumer-key",
    client_secret: config.getSecret("salesforceClientSecret") ?? pulumi.secret("demo-consumer-secret"),
  },
});

const snowflake = new Connection("snowflake", {
  type: "snowflake",
  configuration: {
    account: "acme-xy12345",
    username: "POLYTOMIC_LOADER",
    password: config.getSecret("snowflakePassword") ?? pulumi.secret("demo-snowflake-password"),
    dbname: "RAW",
    warehouse: "LOADING",
  },
});

// Wire by `id`: it stays known while an update of the connection is previewed.
const salesforceSchemas = new SchemaReady("salesforce-schemas", {
  connectionId: salesforce.id,
  timeoutSeconds: 120,
});

const sync = new BulkSync(
  "salesforce-to-snowflake",
  {
    sourceConnectionId: salesforce.id,
    destinationConnectionId: snowflake.id,
    mode: "replicate",
    schedule: { frequency: "daily", hour: "2", minute: "30" },
    destinationConfiguration: { schema: "SALESFORCE" },
    schemas: [
      "Account",
      "Contact",
      { id: "Opportunity", fields: ["Id", "Name", "Amount", "StageName", "CloseDate"] },
    ],
  },
  { dependsOn: [salesforceSchemas] },
);

export const salesforceConnectionId = salesforce.id;
export const snowflakeConnectionId = snowflake.id;
export const salesforceSchemaCount = salesforceSchemas.schemaIds.apply((ids) => ids.length);
export const bulkSyncId = sync.id;
export const syncedSchemas = sync.schemas;
