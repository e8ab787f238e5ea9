/**
 * The fleet: a stack mixing every kind of Polytomic object, used by the fault and crash runs. Each group
 * is one Salesforce org and one Postgres warehouse with both directions between them: an ELT bulk sync
 * (Salesforce to Postgres, after the Salesforce schemas are cached) and a reverse-ETL model on Postgres
 * synced into Salesforce contacts. One extra bulk sync writes to an S3 lake. 8 groups give 50 resources.
 */
import type { PulumiFn } from "@pulumi/pulumi/automation";

type Package = typeof import("../index");

/** What the emulator must hold after the fleet is deployed: object names by kind. */
export interface FleetInventory {
  readonly connections: readonly string[];
  readonly models: readonly string[];
  readonly modelSyncs: readonly string[];
  readonly bulkSyncs: readonly string[];
}

/** Secret values the fleet uses, so runs can search logs and state for them. */
export const FLEET_SECRETS = {
  salesforceClientSecret: "fleet-sf-s3cret-9Q",
  postgresPassword: "fleet-pg-pa55-7Z",
  awsSecretAccessKey: "fleet-aws-s3cret-4K",
} as const;

/** Number of Pulumi resources (not counting the stack) in a fleet of `groups` groups. */
export function fleetResourceCount(groups: number): number {
  return groups * 6 + 2;
}

/** The names the emulator should hold once the fleet is up. */
export function fleetInventory(groups: number): FleetInventory {
  const each = (prefix: string) => Array.from({ length: groups }, (_, g) => `${prefix}-${g}`);
  return {
    connections: [...each("crm"), ...each("warehouse"), "lake"].sort(),
    models: each("users").sort(),
    modelSyncs: each("users-to-contacts").sort(),
    bulkSyncs: [...each("crm-to-warehouse"), "crm-to-lake"].sort(),
  };
}

/** The fleet program, built from the compiled package `polytomic` as a user's program would be. */
export function fleetProgram(polytomic: Package, groups: number): PulumiFn {
  return async () => {
    const { salesforceClientSecret, postgresPassword, awsSecretAccessKey } = FLEET_SECRETS;
    const crms: InstanceType<Package["Connection"]>[] = [];
    const readies: InstanceType<Package["SchemaReady"]>[] = [];
    for (let g = 0; g < groups; g++) {
      const crm = new polytomic.Connection(`crm-${g}`, {
        type: "salesforce",
        configuration: {
          domain: `acme-${g}.my.salesforce.com`,
          connect_mode: "api",
          client_id: `client-${g}`,
          client_secret: salesforceClientSecret,
        },
      });
      const warehouse = new polytomic.Connection(`warehouse-${g}`, {
        type: "postgresql",
        configuration: {
          hostname: `db-${g}.internal`,
          port: 5432,
          database: "app",
          username: "loader",
          password: postgresPassword,
        },
      });
      const ready = new polytomic.SchemaReady(`crm-${g}-schemas`, {
        connectionId: crm.id,
        timeoutSeconds: 120,
      });
      crms.push(crm);
      readies.push(ready);
      new polytomic.BulkSync(
        `crm-to-warehouse-${g}`,
        {
          sourceConnectionId: crm.id,
          destinationConnectionId: warehouse.id,
          mode: "replicate",
          schedule: { frequency: "daily", hour: String(g % 24), minute: "0" },
          destinationConfiguration: { schema: `SALESFORCE_${g}` },
          schemas: ["Account", "Contact", "Opportunity"],
        },
        { dependsOn: [ready] },
      );
      const users = new polytomic.Model(`users-${g}`, {
        connectionId: warehouse.id,
        configuration: { query: "select email, first_name, last_name from public.users" },
        identifier: "email",
      });
      const ref = (field: string) => ({ modelId: users.id, field });
      new polytomic.ModelSync(`users-to-contacts-${g}`, {
        mode: "updateOrCreate",
        schedule: { frequency: "hourly", minute: String((g * 7) % 60) },
        target: { connectionId: crm.id, object: "Contact" },
        identity: { source: ref("email"), target: "Email" },
        fields: [
          { source: ref("first_name"), target: "FirstName" },
          { source: ref("last_name"), target: "LastName" },
        ],
      });
    }
    const lake = new polytomic.Connection("lake", {
      type: "s3",
      configuration: {
        auth_mode: "access_key_and_secret",
        aws_access_key_id: "AKIAFLEET",
        aws_secret_access_key: awsSecretAccessKey,
        s3_bucket_region: "us-east-1",
        s3_bucket_name: "acme-lake",
      },
    });
    const [crm, ready] = [crms[0], readies[0]];
    if (crm && ready) {
      new polytomic.BulkSync(
        "crm-to-lake",
        {
          sourceConnectionId: crm.id,
          destinationConnectionId: lake.id,
          mode: "snapshot",
          schedule: { frequency: "manual" },
          destinationConfiguration: { format: "parquet" },
          schemas: ["Lead"],
        },
        { dependsOn: [ready] },
      );
    }
    return {};
  };
}
