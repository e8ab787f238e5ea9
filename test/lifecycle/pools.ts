/**
 * Objects the lifecycle properties of dependent kinds build on, made once per file with raw requests
 * (as an existing Polytomic organization would hold them): connections of every source and target kind,
 * two of each so that a change of connection (a replacement) has somewhere to go, and a model.
 */
import { catalogueFor, type Schema } from "../../emulator/catalogues";
import { CONNECTION_TYPES, type ConnectionTypeSpec } from "../../emulator/connectionTypes";
import { type Env, rawCreate } from "./harness";

/** Healthy configurations, by connection type (OAuth types with their refresh token or own client). */
const CONFIGURATIONS: Record<string, Record<string, unknown>> = {
  postgresql: {
    hostname: "db.internal",
    username: "reader",
    password: "pw-postgres",
    database: "app",
    port: 5432,
  },
  salesforce: {
    domain: "acme.my.salesforce.com",
    connect_mode: "api",
    client_id: "sf-client",
    client_secret: "sf-secret",
  },
  stripe: { api_key: "sk_test_pool" },
  hubspot: { oauth_refresh_token: "hs-refresh" },
  mongodb: { hosts: "mongo.internal", username: "reader", password: "pw-mongo" },
  s3: {
    auth_mode: "access_key_and_secret",
    aws_access_key_id: "AKIA",
    aws_secret_access_key: "s3-secret",
    s3_bucket_region: "us-east-1",
    s3_bucket_name: "pool-bucket",
  },
  gcs: { service_account: "{}", bucket: "pool-gcs" },
  snowflake: { account: "ACME-1", username: "loader", password: "pw-snow", dbname: "RAW" },
  webhook: { url: "https://hooks.example.com/in", auth_method: "polytomic_secret" },
};

/** A pooled connection: its id, type and catalogue. */
export interface PoolConnection {
  readonly id: string;
  readonly type: string;
  readonly spec: ConnectionTypeSpec;
  readonly catalogue: readonly Schema[];
}

/** Two healthy connections per type in `types`, by type. */
export type Pool = Readonly<Record<string, readonly [PoolConnection, PoolConnection]>>;

/** Creates two connections of each of `types`. */
export async function connectionPool(env: Env, types: readonly string[]): Promise<Pool> {
  const out: Record<string, [PoolConnection, PoolConnection]> = {};
  for (const type of types) {
    const spec = CONNECTION_TYPES[type];
    const configuration = CONFIGURATIONS[type];
    if (!spec || !configuration) throw new Error(`no pool configuration for ${type}`);
    const make = async (n: number): Promise<PoolConnection> => {
      const created = await rawCreate(env, "/api/connections", {
        name: `pool-${type}-${n}`,
        type,
        configuration,
      });
      return { id: String(created.id), type, spec, catalogue: catalogueFor(spec) };
    };
    out[type] = [await make(1), await make(2)];
  }
  return out;
}
