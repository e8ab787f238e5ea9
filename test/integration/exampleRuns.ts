/**
 * How to run each example against the emulator: its stack config and the secret config values it
 * takes. Shared by the examples suite (which checks what each example creates) and the secrets scan
 * (which runs them all with verbose engine logs and searches everything for these values).
 */
import * as path from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { repoRoot, type TestRig } from "./harness";

/** Secret config values the examples are given; none may ever appear in plaintext anywhere. */
export const SECRETS = {
  salesforceClientSecret: "ex-sf-client-secret",
  awsSecretAccessKey: "ex-aws-secret-key",
  snowflakePassword: "ex-snowflake-pass",
  hubspotRefreshToken: "ex-hubspot-refresh",
  postgresPassword: "ex-postgres-pass",
  serviceAccountJson: '{"type":"service_account","private_key":"ex-gcs-key"}',
  mongoPassword: "ex-mongo-pass",
};

/** One way of running one example. */
export interface ExampleRun {
  readonly example: string;
  readonly stackName: string;
  readonly config: Readonly<Record<string, string>>;
  readonly secrets: readonly (keyof typeof SECRETS)[];
}

const run = (
  example: string,
  config: Record<string, string>,
  secrets: (keyof typeof SECRETS)[],
  stackName = example,
): ExampleRun => ({ example, stackName, config, secrets });

/** Every example, with Salesforce to Snowflake both with client credentials and with browser OAuth. */
export const EXAMPLE_RUNS = {
  salesforceToS3: run(
    "salesforce-to-s3",
    { salesforceClientId: "ex-id", awsAccessKeyId: "AKIAEXAMPLE", bucketName: "acme-lake" },
    ["salesforceClientSecret", "awsSecretAccessKey"],
  ),
  hubspotToPostgresql: run("hubspot-to-postgresql", { postgresHost: "db.internal" }, [
    "hubspotRefreshToken",
    "postgresPassword",
  ]),
  gcsToSalesforce: run(
    "gcs-to-salesforce",
    { bucket: "acme-exports", salesforceDomain: "acme.my.salesforce.com", salesforceClientId: "ex-id" },
    ["serviceAccountJson", "salesforceClientSecret"],
  ),
  mongodbToSalesforce: run(
    "mongodb-to-salesforce",
    {
      mongoHosts: "cluster0.example.mongodb.net",
      salesforceDomain: "acme.my.salesforce.com",
      salesforceClientId: "ex-id",
    },
    ["mongoPassword", "salesforceClientSecret"],
  ),
  salesforceToSnowflake: run(
    "salesforce-to-snowflake",
    {
      salesforceDomain: "acme.my.salesforce.com",
      salesforceClientId: "ex-id",
      snowflakeAccount: "acme-xy12345",
    },
    ["salesforceClientSecret", "snowflakePassword"],
  ),
  salesforceToSnowflakeOAuth: run(
    "salesforce-to-snowflake",
    {
      salesforceDomain: "acme.my.salesforce.com",
      snowflakeAccount: "acme-xy12345",
      readinessTimeoutSeconds: "3",
    },
    ["snowflakePassword"],
    "salesforce-to-snowflake-oauth",
  ),
} as const;

/**
 * The `runtime: yaml` example (the provider plugin from bin/). Not in {@link EXAMPLE_RUNS} yet: the
 * secrets scan runs those with level-9 logs flowed to the plugins, and at that level the YAML language
 * host's Go SDK traces every property it marshals (`rpc.go:85] Marshaling property for RPC[]: ...`,
 * relayed as the program's stderr), printing the GCS key inside its secret wrapper in plaintext, the
 * YAML counterpart of the engine's own trace that the scan sets apart.
 */
export const YAML_PIPELINES_RUN = run(
  "yaml-pipelines",
  {
    salesforceDomain: "acme.my.salesforce.com",
    salesforceClientId: "ex-id",
    snowflakeAccount: "acme-xy12345",
    bucket: "acme-exports",
  },
  ["salesforceClientSecret", "snowflakePassword", "serviceAccountJson"],
);

/** The example's stack, wired to the rig's emulator, with its config and secrets set. */
export async function exampleStack(
  rig: TestRig,
  { example, stackName, config, secrets }: ExampleRun,
): Promise<Stack> {
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName, workDir: path.join(repoRoot, "examples", example) },
    rig.engine.workspaceOptions(),
  );
  await stack.setConfig("polytomic:apiKey", { value: rig.emulator.apiKey, secret: true });
  await stack.setConfig("polytomic:baseUrl", { value: rig.emulator.url });
  for (const [key, value] of Object.entries(config)) await stack.setConfig(key, { value });
  for (const key of secrets) await stack.setConfig(key, { value: SECRETS[key], secret: true });
  return stack;
}
