/**
 * HubSpot to PostgreSQL: Polytomic's "Bulk sync (ELT) from HubSpot to PostgreSQL" guide with the
 * general BulkSyncPipeline. HubSpot is an OAuth type; a refresh token from an earlier authorization
 * makes the connection healthy without a browser.
 */
import * as pulumi from "@pulumi/pulumi";
import { BulkSyncPipeline } from "pulumi-polytomic";

const config = new pulumi.Config();

const pipeline = new BulkSyncPipeline("hubspot-to-postgresql", {
  source: {
    type: "hubspot",
    configuration: { oauth_refresh_token: config.requireSecret("hubspotRefreshToken") },
  },
  destination: {
    type: "postgresql",
    configuration: {
      hostname: config.require("postgresHost"),
      port: config.getNumber("postgresPort") ?? 5432,
      database: config.get("postgresDatabase") ?? "analytics",
      username: config.get("postgresUser") ?? "polytomic",
      password: config.requireSecret("postgresPassword"),
    },
  },
  destinationConfiguration: { schema: "hubspot" },
  objects: ["contacts", "companies", "deals"],
  schedule: { frequency: "hourly", minute: "15" },
  automaticallyAddNewObjects: "all",
});

export const bulkSyncId = pipeline.bulkSyncId;
export const availableSchemas = pipeline.availableSchemas;
