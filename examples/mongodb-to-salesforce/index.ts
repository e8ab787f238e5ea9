/**
 * MongoDB to Salesforce: Polytomic's "Model sync (Reverse ETL) from MongoDB to Salesforce" guide as one
 * preset: a model over a collection, created as Salesforce Contacts continuously.
 */
import * as pulumi from "@pulumi/pulumi";
import { MongoToSalesforceContacts } from "pulumi-polytomic";

const config = new pulumi.Config();

const contacts = new MongoToSalesforceContacts("mongodb-to-salesforce", {
  mongodb: {
    configuration: {
      hosts: config.require("mongoHosts"),
      username: config.get("mongoUser") ?? "polytomic",
      password: config.requireSecret("mongoPassword"),
    },
  },
  salesforce: {
    configuration: {
      domain: config.require("salesforceDomain"),
      connect_mode: "api",
      client_id: config.require("salesforceClientId"),
      client_secret: config.requireSecret("salesforceClientSecret"),
    },
  },
  database: config.get("database") ?? "example",
  collection: config.get("collection") ?? "users",
  mode: "create",
  schedule: { frequency: "continuous" },
});

export const modelId = contacts.modelId;
export const syncId = contacts.syncId;
