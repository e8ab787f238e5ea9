/**
 * Source catalogues: the objects (schemas) and fields a connection exposes once its schema cache is
 * ready, one realistic catalogue per kind of source.
 */
import type { ConnectionTypeSpec } from "./connectionTypes";

/** One field of a schema, as the API describes it. */
export interface SchemaField {
  readonly id: string;
  readonly name: string;
  readonly type: "unknown" | "string" | "number" | "boolean" | "datetime" | "object" | "array";
  readonly remote_type: string;
  readonly is_primary_key: boolean;
}

/** One object of a source: a Salesforce object, a table, a file, a collection. */
export interface Schema {
  readonly id: string;
  readonly name: string;
  readonly fields: readonly SchemaField[];
}

type FieldSpec = [name: string, type: SchemaField["type"], remote: string];

function schema(id: string, fields: readonly FieldSpec[], primaryKey = "Id"): Schema {
  return {
    id,
    name: id,
    fields: fields.map(([name, type, remote]) => ({
      id: name,
      name,
      type,
      remote_type: remote,
      is_primary_key: name === primaryKey,
    })),
  };
}

const sfAudit: FieldSpec[] = [
  ["Id", "string", "id"],
  ["CreatedDate", "datetime", "datetime"],
  ["LastModifiedDate", "datetime", "datetime"],
  ["SystemModstamp", "datetime", "datetime"],
  ["IsDeleted", "boolean", "boolean"],
];

const SALESFORCE: readonly Schema[] = [
  schema("Account", [
    ...sfAudit,
    ["Name", "string", "string"],
    ["Industry", "string", "picklist"],
    ["AnnualRevenue", "number", "currency"],
    ["NumberOfEmployees", "number", "int"],
    ["Website", "string", "url"],
    ["BillingCountry", "string", "string"],
    ["OwnerId", "string", "reference"],
  ]),
  schema("Contact", [
    ...sfAudit,
    ["FirstName", "string", "string"],
    ["LastName", "string", "string"],
    ["Email", "string", "email"],
    ["Phone", "string", "phone"],
    ["Title", "string", "string"],
    ["AccountId", "string", "reference"],
    ["LeadSource", "string", "picklist"],
  ]),
  schema("Lead", [
    ...sfAudit,
    ["FirstName", "string", "string"],
    ["LastName", "string", "string"],
    ["Email", "string", "email"],
    ["Company", "string", "string"],
    ["Status", "string", "picklist"],
    ["IsConverted", "boolean", "boolean"],
  ]),
  schema("Opportunity", [
    ...sfAudit,
    ["Name", "string", "string"],
    ["Amount", "number", "currency"],
    ["StageName", "string", "picklist"],
    ["CloseDate", "datetime", "date"],
    ["Probability", "number", "percent"],
    ["AccountId", "string", "reference"],
    ["IsWon", "boolean", "boolean"],
  ]),
  schema("User", [
    ...sfAudit,
    ["Username", "string", "string"],
    ["Email", "string", "email"],
    ["IsActive", "boolean", "boolean"],
    ["ProfileId", "string", "reference"],
  ]),
  schema("Campaign", [
    ...sfAudit,
    ["Name", "string", "string"],
    ["Type", "string", "picklist"],
    ["Status", "string", "picklist"],
    ["BudgetedCost", "number", "currency"],
  ]),
  schema("Case", [
    ...sfAudit,
    ["CaseNumber", "string", "string"],
    ["Subject", "string", "string"],
    ["Status", "string", "picklist"],
    ["Priority", "string", "picklist"],
    ["ContactId", "string", "reference"],
  ]),
  schema("Task", [
    ...sfAudit,
    ["Subject", "string", "string"],
    ["Status", "string", "picklist"],
    ["ActivityDate", "datetime", "date"],
    ["WhoId", "string", "reference"],
  ]),
];

const hsAudit: FieldSpec[] = [
  ["hs_object_id", "string", "number"],
  ["createdate", "datetime", "datetime"],
  ["lastmodifieddate", "datetime", "datetime"],
];
const HUBSPOT: readonly Schema[] = [
  schema(
    "contacts",
    [
      ...hsAudit,
      ["email", "string", "string"],
      ["firstname", "string", "string"],
      ["lastname", "string", "string"],
      ["lifecyclestage", "string", "enumeration"],
    ],
    "hs_object_id",
  ),
  schema(
    "companies",
    [
      ...hsAudit,
      ["name", "string", "string"],
      ["domain", "string", "string"],
      ["industry", "string", "enumeration"],
    ],
    "hs_object_id",
  ),
  schema(
    "deals",
    [
      ...hsAudit,
      ["dealname", "string", "string"],
      ["amount", "number", "number"],
      ["dealstage", "string", "enumeration"],
      ["closedate", "datetime", "datetime"],
    ],
    "hs_object_id",
  ),
  schema(
    "tickets",
    [...hsAudit, ["subject", "string", "string"], ["hs_pipeline_stage", "string", "enumeration"]],
    "hs_object_id",
  ),
];

const STRIPE: readonly Schema[] = [
  schema(
    "customers",
    [
      ["id", "string", "string"],
      ["email", "string", "string"],
      ["name", "string", "string"],
      ["created", "datetime", "timestamp"],
      ["delinquent", "boolean", "boolean"],
    ],
    "id",
  ),
  schema(
    "charges",
    [
      ["id", "string", "string"],
      ["amount", "number", "integer"],
      ["currency", "string", "string"],
      ["customer", "string", "string"],
      ["status", "string", "string"],
      ["created", "datetime", "timestamp"],
    ],
    "id",
  ),
  schema(
    "invoices",
    [
      ["id", "string", "string"],
      ["customer", "string", "string"],
      ["amount_due", "number", "integer"],
      ["status", "string", "string"],
      ["created", "datetime", "timestamp"],
    ],
    "id",
  ),
  schema(
    "subscriptions",
    [
      ["id", "string", "string"],
      ["customer", "string", "string"],
      ["status", "string", "string"],
      ["current_period_end", "datetime", "timestamp"],
    ],
    "id",
  ),
];

const SQL: readonly Schema[] = [
  schema(
    "public.users",
    [
      ["id", "number", "bigint"],
      ["email", "string", "text"],
      ["first_name", "string", "text"],
      ["last_name", "string", "text"],
      ["created_at", "datetime", "timestamptz"],
    ],
    "id",
  ),
  schema(
    "public.accounts",
    [
      ["id", "number", "bigint"],
      ["name", "string", "text"],
      ["plan", "string", "text"],
      ["mrr", "number", "numeric"],
      ["updated_at", "datetime", "timestamptz"],
    ],
    "id",
  ),
  schema(
    "public.events",
    [
      ["id", "number", "bigint"],
      ["user_id", "number", "bigint"],
      ["name", "string", "text"],
      ["properties", "object", "jsonb"],
      ["occurred_at", "datetime", "timestamptz"],
    ],
    "id",
  ),
];

const FILES: readonly Schema[] = [
  schema(
    "high_paying_users.csv",
    [
      ["email", "string", "csv"],
      ["first_name", "string", "csv"],
      ["last_name", "string", "csv"],
      ["plan", "string", "csv"],
      ["mrr", "number", "csv"],
    ],
    "email",
  ),
  schema(
    "contacts.csv",
    [
      ["email", "string", "csv"],
      ["first_name", "string", "csv"],
      ["last_name", "string", "csv"],
      ["company", "string", "csv"],
      ["phone", "string", "csv"],
    ],
    "email",
  ),
  schema(
    "accounts.json",
    [
      ["account_id", "string", "json"],
      ["name", "string", "json"],
      ["domain", "string", "json"],
      ["seats", "number", "json"],
    ],
    "account_id",
  ),
];

const MONGODB: readonly Schema[] = [
  schema(
    "example.users",
    [
      ["_id", "string", "objectId"],
      ["email", "string", "string"],
      ["first_name", "string", "string"],
      ["last_name", "string", "string"],
      ["signup_source", "string", "string"],
    ],
    "_id",
  ),
  schema(
    "app.users",
    [
      ["_id", "string", "objectId"],
      ["email", "string", "string"],
      ["name", "string", "string"],
      ["plan", "string", "string"],
      ["createdAt", "datetime", "date"],
    ],
    "_id",
  ),
  schema(
    "app.orders",
    [
      ["_id", "string", "objectId"],
      ["userId", "string", "objectId"],
      ["total", "number", "double"],
      ["items", "array", "array"],
    ],
    "_id",
  ),
];

/**
 * The catalogue of every type the emulator does not serve in detail (Jira, Zendesk, Intercom, ...): no
 * source describes their objects, so three generic ones with a field of each type, which bulk syncs,
 * models and model syncs can name. They stand for no vendor's real objects.
 */
const GENERIC: readonly Schema[] = [
  schema(
    "accounts",
    [
      ["id", "string", "string"],
      ["name", "string", "string"],
      ["domain", "string", "string"],
      ["employee_count", "number", "integer"],
      ["is_customer", "boolean", "boolean"],
      ["created_at", "datetime", "datetime"],
      ["updated_at", "datetime", "datetime"],
    ],
    "id",
  ),
  schema(
    "contacts",
    [
      ["id", "string", "string"],
      ["account_id", "string", "string"],
      ["email", "string", "string"],
      ["first_name", "string", "string"],
      ["last_name", "string", "string"],
      ["subscribed", "boolean", "boolean"],
      ["created_at", "datetime", "datetime"],
      ["updated_at", "datetime", "datetime"],
    ],
    "id",
  ),
  schema(
    "events",
    [
      ["id", "string", "string"],
      ["contact_id", "string", "string"],
      ["type", "string", "string"],
      ["value", "number", "number"],
      ["properties", "object", "object"],
      ["tags", "array", "array"],
      ["occurred_at", "datetime", "datetime"],
    ],
    "id",
  ),
];

/** The catalogue a connection of `spec` exposes once cached. */
export function catalogueFor(spec: ConnectionTypeSpec): readonly Schema[] {
  switch (spec.catalogue) {
    case "salesforce":
      return SALESFORCE;
    case "hubspot":
      return HUBSPOT;
    case "stripe":
      return STRIPE;
    case "sql":
      return SQL;
    case "files":
      return FILES;
    case "mongodb":
      return MONGODB;
    case "generic":
      return GENERIC;
    case "none":
      return [];
  }
}
