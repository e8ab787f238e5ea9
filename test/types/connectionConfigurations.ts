/**
 * Compile-time cases for the typed connection configurations, enforced by test/unit/typecheck.test.ts
 * (`tsc --noEmit` over the project): each `@ts-expect-error` must stay an error.
 */
import * as pulumi from "@pulumi/pulumi";
import { BulkSyncPipeline, ModelSyncPipeline } from "../../components";
import {
  type ConfigurationOf,
  Connection,
  type ConnectionConfigurations,
  type ConnectionTypeId,
  type ZendeskSupportConfiguration,
} from "../../provider";

/**
 * Never called: only type-checked. Each case is its own statement: a contextual type such as
 * `Connection[]` would infer the type parameter as `string` and turn the typed checks off.
 */
export function typedConnectionCases(otherType: string): unknown[] {
  const cases: unknown[] = [];
  cases.push(
    new Connection("sf", {
      type: "salesforce",
      configuration: {
        domain: "acme.my.salesforce.com",
        connect_mode: "api",
        client_id: "id",
        client_secret: pulumi.secret("s"),
      },
    }),
  );
  // Any other Polytomic type takes a plain record.
  cases.push(new Connection("other", { type: otherType, configuration: { anything: 1 } }));
  cases.push(new Connection("zendesk", { type: "zendesk", configuration: { domain: "acme" } }));
  cases.push(
    new Connection("typo", {
      type: "snowflake",
      // @ts-expect-error a key the type does not have
      configuration: { account: "a", username: "u", dbname: "d", pasword: "p" },
    }),
  );
  cases.push(
    new Connection("missing", {
      type: "snowflake",
      // @ts-expect-error a required key is missing (dbname)
      configuration: { account: "a", username: "u" },
    }),
  );
  cases.push(
    new Connection("enum", {
      type: "salesforce",
      // @ts-expect-error an enum value the type does not have
      configuration: { domain: "d", connect_mode: "password" },
    }),
  );
  cases.push(
    new Connection("wrong", {
      type: "stripe",
      // @ts-expect-error a number where a string goes
      configuration: { api_key: 42 },
    }),
  );
  return cases;
}

/**
 * The generated interfaces type every connection type, not only the common ones: `zendesk_support`
 * (generated from its schema alone) is checked like the hand-typed types were.
 */
export function generatedConnectionCases(): unknown[] {
  const cases: unknown[] = [];
  cases.push(
    new Connection("zendesk", {
      type: "zendesk_support",
      configuration: {
        domain: "acme",
        auth_method: "apitoken",
        email: "ops@acme.example",
        api_token: pulumi.secret("t"),
        ratelimit_rpm: 200,
      },
    }),
  );
  // A required property with a default (auth_method) may be omitted: the API fills it in.
  cases.push(
    new Connection("zendesk-minimal", { type: "zendesk_support", configuration: { domain: "acme" } }),
  );
  cases.push(
    new Connection("zendesk-missing", {
      type: "zendesk_support",
      // @ts-expect-error a required key is missing (domain)
      configuration: { auth_method: "oauth" },
    }),
  );
  cases.push(
    new Connection("zendesk-enum", {
      type: "zendesk_support",
      // @ts-expect-error an enum value the type does not have
      configuration: { domain: "acme", auth_method: "password" },
    }),
  );
  cases.push(
    new Connection("zendesk-unknown", {
      type: "zendesk_support",
      // @ts-expect-error a key the type does not have
      configuration: { domain: "acme", subdomain: "acme" },
    }),
  );
  cases.push(
    new Connection("zendesk-server-set", {
      type: "zendesk_support",
      // @ts-expect-error server state (hidden, not api_field) is not settable
      configuration: { domain: "acme", oauth_token_expiry: "2026-01-01T00:00:00Z" },
    }),
  );
  cases.push(
    new Connection("zendesk-number", {
      type: "zendesk_support",
      // @ts-expect-error a string where a number goes
      configuration: { domain: "acme", ratelimit_rpm: "200" },
    }),
  );
  cases.push(
    new Connection("webhook-read-only", {
      type: "webhook",
      // @ts-expect-error a read-only key (set by the server) is not settable
      configuration: { url: "https://hooks.example", secret: "s" },
    }),
  );
  // Nested objects and arrays are typed.
  cases.push(
    new Connection("webhook", {
      type: "webhook",
      configuration: {
        url: "https://hooks.example",
        auth_method: "header",
        header: { name: "X-Key", value: pulumi.secret("k") },
        headers: [{ name: "X-Team", value: "data" }],
      },
    }),
  );
  cases.push(
    new Connection("webhook-nested", {
      type: "webhook",
      // @ts-expect-error a nested key the schema does not have
      configuration: { url: "https://hooks.example", header: { name: "X-Key", val: "k" } },
    }),
  );
  cases.push(
    new Connection("s3-formats", {
      type: "s3",
      // @ts-expect-error an array item outside the enum
      configuration: { s3_bucket_name: "b", s3_bucket_region: "r", single_table_file_formats: ["xml"] },
    }),
  );
  // Values may be outputs, as anywhere in Pulumi inputs.
  const domain: pulumi.Output<string> = pulumi.output("acme");
  cases.push(new Connection("zendesk-output", { type: "zendesk_support", configuration: { domain } }));
  // A type without settable configuration takes nothing.
  cases.push(new Connection("notion", { type: "notion", configuration: {} }));
  // @ts-expect-error a type without settable configuration refuses keys
  cases.push(new Connection("notion-key", { type: "notion", configuration: { token: "t" } }));
  // A key the schema requires without describing it (an OAuth token) is optional and may be injected.
  cases.push(new Connection("intercom", { type: "intercom", configuration: {} }));
  cases.push(
    new Connection("intercom-token", {
      type: "intercom",
      configuration: { oauth_access_token: pulumi.secret("t") },
    }),
  );
  return cases;
}

/** Generic code over the type id keeps the typing. */
export function connectionOf<T extends ConnectionTypeId>(
  type: T,
  configuration: ConfigurationOf<T>,
): Connection<T> {
  return new Connection(type, { type, configuration });
}

export function genericCases(): unknown[] {
  const zendesk: ZendeskSupportConfiguration = { domain: "acme" };
  const byMap: ConnectionConfigurations["zendesk_support"] = zendesk;
  return [
    connectionOf("zendesk_support", byMap),
    connectionOf("jira", { url: "https://acme.atlassian.net", username: "u", api_key: "k" }),
    // @ts-expect-error the configuration of another type
    connectionOf("stripe", zendesk),
  ];
}

/** Pipelines take any type with its typed configuration; presets stay typed for their own types. */
export function pipelineCases(): unknown[] {
  const cases: unknown[] = [];
  cases.push(
    new BulkSyncPipeline("zendesk-to-snowflake", {
      source: { type: "zendesk_support", configuration: { domain: "acme", api_token: pulumi.secret("t") } },
      destination: { type: "snowflake", configuration: { account: "a", username: "u", dbname: "d" } },
      destinationConfiguration: { schema: "ZENDESK" },
    }),
  );
  cases.push(
    new BulkSyncPipeline("existing", {
      source: { connectionId: "c1" },
      destination: { connectionId: "c2" },
      destinationConfiguration: {},
    }),
  );
  cases.push(
    new BulkSyncPipeline("bad-source", {
      // @ts-expect-error the source's configuration misses a required key (domain)
      source: { type: "zendesk_support", configuration: { api_token: "t" } },
      destination: { connectionId: "c2" },
      destinationConfiguration: {},
    }),
  );
  cases.push(
    new BulkSyncPipeline("bad-destination", {
      source: { connectionId: "c1" },
      // @ts-expect-error an enum value the destination's type does not have
      destination: { type: "bigquery", configuration: { auth_method: "password" } },
      destinationConfiguration: {},
    }),
  );
  cases.push(
    new ModelSyncPipeline("zendesk-to-hubspot", {
      source: { type: "zendesk_support", configuration: { domain: "acme" } },
      target: { type: "hubspot", configuration: {} },
      model: { configuration: { table: "tickets" } },
      sync: { object: "contacts", mode: "create", fields: [{ source: "email", target: "email" }] },
    }),
  );
  cases.push(
    new ModelSyncPipeline("bad-target", {
      source: { connectionId: "c1" },
      // @ts-expect-error a key the target's type does not have
      target: { type: "hubspot", configuration: { portal: "p" } },
      model: { configuration: { table: "tickets" } },
      sync: { object: "contacts", mode: "create", fields: [{ source: "email", target: "email" }] },
    }),
  );
  return cases;
}
