/**
 * Compile-time side of issue 16's "a program declaring one connection of each of the 226 types
 * type-checks": one `new Connection<"...">` per distinct shape of the generated configurations, each
 * written as test/integration/allConnectionTypes.test.ts generates it from the data (every required
 * property without a default; secrets as plain strings, which the provider makes secrets; enums their
 * first value). Enforced by test/unit/typecheck.test.ts (`tsc --noEmit`): each `@ts-expect-error` must
 * stay an error.
 */
import * as pulumi from "@pulumi/pulumi";
import { Connection } from "../../provider";

/** Never called: only type-checked. Each case is its own statement, so `T` is inferred per case. */
export function allConnectionTypeShapes(): unknown[] {
  const cases: unknown[] = [];
  // Strings, one of them a secret (affinity: api_key sensitive).
  cases.push(new Connection<"affinity">("affinity", { type: "affinity", configuration: { api_key: "k" } }));
  // An enum (first value) and a number, both required without a default (mixpanel).
  cases.push(
    new Connection<"mixpanel">("mixpanel", {
      type: "mixpanel",
      configuration: {
        region: "mixpanel.com",
        service_account_username: "u",
        service_account_secret: "s",
        project_id: 7,
      },
    }),
  );
  // A required enum with a default may be omitted, or set (amazon_keyspaces auth_method).
  cases.push(
    new Connection<"amazon_keyspaces">("keyspaces", {
      type: "amazon_keyspaces",
      configuration: { region: "us-east-1" },
    }),
  );
  cases.push(
    new Connection<"amazon_keyspaces">("keyspaces-set", {
      type: "amazon_keyspaces",
      configuration: { region: "us-east-1", auth_method: "access_key_and_secret", secret_access_key: "s" },
    }),
  );
  // A sensitive integer (strackr api_id).
  cases.push(
    new Connection<"strackr">("strackr", {
      type: "strackr",
      configuration: { api_id: 4_210_137, api_key: "k" },
    }),
  );
  // A required object of {value, label} (gsheets spreadsheet_id).
  cases.push(
    new Connection<"gsheets">("gsheets", {
      type: "gsheets",
      configuration: { spreadsheet_id: { value: "v", label: "l" }, client_secret: "s" },
    }),
  );
  // A required array of objects (plusvibe workspaces).
  cases.push(
    new Connection<"plusvibe">("plusvibe", {
      type: "plusvibe",
      configuration: { api_key: "k", workspaces: [{ value: "v", label: "l" }] },
    }),
  );
  // A required boolean, and a required secret hidden in the UI but settable through the API
  // (dbtprojectrepository oauth_access_token).
  cases.push(
    new Connection<"dbtprojectrepository">("dbt", {
      type: "dbtprojectrepository",
      configuration: { oauth_access_token: "t", repository: "r", commit_exposures: true },
    }),
  );
  // Formats (gladly: domain uri, email email) are plain strings.
  cases.push(
    new Connection<"gladly">("gladly", {
      type: "gladly",
      configuration: {
        domain: "https://gladly.example.com",
        email: "ops@gladly.example.com",
        api_token: "t",
      },
    }),
  );
  // An array of enum strings (s3 single_table_file_formats), the required auth_mode left to its default.
  cases.push(
    new Connection<"s3">("s3", {
      type: "s3",
      configuration: {
        s3_bucket_region: "us-east-1",
        s3_bucket_name: "b",
        single_table_file_formats: ["csv"],
      },
    }),
  );
  // OAuth types: nothing required (airtable); keys required but undescribed are optional (pardot), and
  // may be injected.
  cases.push(new Connection<"airtable">("airtable", { type: "airtable", configuration: {} }));
  cases.push(new Connection<"pardot">("pardot", { type: "pardot", configuration: {} }));
  cases.push(
    new Connection<"pardot">("pardot-injected", {
      type: "pardot",
      configuration: {
        oauth_access_token: pulumi.secret("t"),
        oauth_refresh_token: pulumi.secret("r"),
        oauth_token_expiry: "2026-01-01T00:00:00Z",
        instance_url: "https://acme.my.salesforce.com",
      },
    }),
  );
  // Salesforce: OAuth with the domain only, or connect_mode api with the client.
  cases.push(
    new Connection<"salesforce">("sf-oauth", {
      type: "salesforce",
      configuration: { domain: "acme.my.salesforce.com" },
    }),
  );
  cases.push(
    new Connection<"salesforce">("sf-api", {
      type: "salesforce",
      configuration: {
        domain: "acme.my.salesforce.com",
        connect_mode: "api",
        client_id: "i",
        client_secret: "s",
      },
    }),
  );

  // The same shapes refuse what their schema does not allow.
  cases.push(
    new Connection<"mixpanel">("mixpanel-missing", {
      type: "mixpanel",
      // @ts-expect-error a required number is missing (project_id)
      configuration: { region: "mixpanel.com", service_account_username: "u", service_account_secret: "s" },
    }),
  );
  cases.push(
    new Connection<"strackr">("strackr-string", {
      type: "strackr",
      // @ts-expect-error a string where the sensitive integer goes
      configuration: { api_id: "4210137", api_key: "k" },
    }),
  );
  cases.push(
    new Connection<"gsheets">("gsheets-string", {
      type: "gsheets",
      // @ts-expect-error a string where the {value, label} object goes
      configuration: { spreadsheet_id: "sheet" },
    }),
  );
  cases.push(
    new Connection<"plusvibe">("plusvibe-item", {
      type: "plusvibe",
      // @ts-expect-error an array item with a member the schema does not have
      configuration: { api_key: "k", workspaces: [{ id: "v" }] },
    }),
  );
  cases.push(
    new Connection<"dbtprojectrepository">("dbt-boolean", {
      type: "dbtprojectrepository",
      // @ts-expect-error a string where the required boolean goes
      configuration: { oauth_access_token: "t", repository: "r", commit_exposures: "yes" },
    }),
  );
  cases.push(
    new Connection<"mixpanel">("mixpanel-enum", {
      type: "mixpanel",
      configuration: {
        // @ts-expect-error an enum value the type does not have
        region: "us.mixpanel.com",
        service_account_username: "u",
        service_account_secret: "s",
        project_id: 7,
      },
    }),
  );
  return cases;
}
