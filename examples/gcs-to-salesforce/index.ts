/**
 * GCS to Salesforce: Polytomic's "Syncing contacts from Google Cloud Storage to Salesforce" guide as
 * one preset: a model over a CSV in the bucket, upserted into Salesforce Contacts matched on email.
 */
import * as pulumi from "@pulumi/pulumi";
import { GcsToSalesforceContacts } from "pulumi-polytomic";

const config = new pulumi.Config();

const contacts = new GcsToSalesforceContacts("gcs-to-salesforce", {
  gcs: {
    configuration: {
      bucket: config.require("bucket"),
      service_account: config.requireSecret("serviceAccountJson"),
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
  key: config.get("file") ?? "high_paying_users.csv",
  fieldMappings: { first_name: "FirstName", last_name: "LastName" },
  schedule: { frequency: "manual" },
});

export const modelId = contacts.modelId;
export const modelFields = contacts.modelFields;
export const syncId = contacts.syncId;
