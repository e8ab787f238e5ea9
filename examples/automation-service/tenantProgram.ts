/**
 * The per-tenant Pulumi program: one Salesforce to Snowflake bulk sync built from the tenant's request.
 * Secrets from the request become Pulumi secrets, so they are encrypted in the tenant's state.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { SalesforceToSnowflakeBulkSync } from "pulumi-polytomic";

/** What a tenant asks for. */
export interface TenantSpec {
  /** Salesforce login domain, e.g. `acme.my.salesforce.com`. */
  readonly salesforceDomain: string;
  /** Connected-app consumer key. */
  readonly salesforceClientId: string;
  /** Connected-app consumer secret. */
  readonly salesforceClientSecret: string;
  /** Snowflake account identifier. */
  readonly snowflakeAccount: string;
  /** Snowflake loading user. */
  readonly snowflakeUser: string;
  /** Its password. */
  readonly snowflakePassword: string;
  /** Snowflake database. */
  readonly snowflakeDatabase: string;
  /** Objects to replicate; default Account and Contact. */
  readonly objects?: string[];
  /** Hour (UTC) of the daily run; default 2. */
  readonly hour?: number;
}

/** Why `spec` cannot be provisioned, or undefined. */
export function specProblem(spec: unknown): string | undefined {
  if (typeof spec !== "object" || spec === null) return "body must be a JSON object";
  const s = spec as Record<string, unknown>;
  for (const key of [
    "salesforceDomain",
    "salesforceClientId",
    "salesforceClientSecret",
    "snowflakeAccount",
    "snowflakeUser",
    "snowflakePassword",
    "snowflakeDatabase",
  ]) {
    if (typeof s[key] !== "string" || s[key] === "") return `${key} is required`;
  }
  if (
    s.hour !== undefined &&
    !(Number.isInteger(s.hour) && (s.hour as number) >= 0 && (s.hour as number) <= 23)
  )
    return "hour must be a whole number from 0 to 23";
  return undefined;
}

/** The inline program of `tenant`'s stack. */
export function tenantProgram(tenant: string, spec: TenantSpec): PulumiFn {
  return async () => {
    const pipeline = new SalesforceToSnowflakeBulkSync(tenant, {
      salesforce: {
        name: `${tenant}-salesforce`,
        configuration: {
          domain: spec.salesforceDomain,
          connect_mode: "api",
          client_id: spec.salesforceClientId,
          client_secret: pulumi.secret(spec.salesforceClientSecret),
        },
      },
      snowflake: {
        name: `${tenant}-snowflake`,
        configuration: {
          account: spec.snowflakeAccount,
          username: spec.snowflakeUser,
          password: pulumi.secret(spec.snowflakePassword),
          dbname: spec.snowflakeDatabase,
        },
      },
      syncName: `${tenant}-salesforce-to-snowflake`,
      destinationSchema: "SALESFORCE",
      objects: spec.objects ?? ["Account", "Contact"],
      schedule: { frequency: "daily", hour: String(spec.hour ?? 2), minute: "0" },
    });
    return { bulkSyncId: pipeline.bulkSyncId, selectedSchemas: pipeline.selectedSchemas };
  };
}
