/**
 * Compile-time cases for the typed connection configurations, enforced by test/unit/typecheck.test.ts
 * (`tsc --noEmit` over the project): each `@ts-expect-error` must stay an error.
 */
import * as pulumi from "@pulumi/pulumi";
import { Connection } from "../../provider";

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
