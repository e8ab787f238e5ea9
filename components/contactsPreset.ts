/**
 * What the Salesforce Contacts presets share: records matched on an email column and mapped onto
 * Contact fields, in the shape of Polytomic's own GCS and MongoDB examples.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { SalesforceConfiguration } from "../provider/resources/connectionConfigs";
import type { ModelSyncMode } from "../provider/resources/enums";
import type { ModelSyncSchedule } from "../provider/resources/modelSyncWire";
import type { ConnectionRef } from "./connectionRef";
import type { PipelineSync } from "./modelSyncPipeline";

/** Arguments every Contacts preset takes. */
export interface SalesforceContactsArgs {
  /** The Salesforce connection: `{ connectionId }` or `{ configuration }`. */
  readonly salesforce: ConnectionRef<pulumi.Input<SalesforceConfiguration>>;
  /** The source column holding the email Contacts are matched on; default `email`. */
  readonly emailField?: pulumi.Input<string>;
  /** Source column → Contact field; default `{ first_name: "FirstName", last_name: "LastName" }`. */
  readonly fieldMappings?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** When it runs; default manual. */
  readonly schedule?: pulumi.Input<ModelSyncSchedule>;
  /** Whether it runs on its schedule; default false. */
  readonly active?: pulumi.Input<boolean>;
  /** How long `pulumi up` waits for OAuth and schema caches, in seconds; default 300. */
  readonly readinessTimeoutSeconds?: pulumi.Input<number>;
}

const DEFAULT_MAPPINGS = { first_name: "FirstName", last_name: "LastName" };

/** The sync part of a Contacts preset for `mode`. */
export function contactsSync(args: SalesforceContactsArgs, mode: pulumi.Input<ModelSyncMode>): PipelineSync {
  const mappings = (args.fieldMappings ?? DEFAULT_MAPPINGS) as Record<string, pulumi.Input<string>>;
  return {
    object: "Contact",
    mode,
    identity: { source: args.emailField ?? "email", target: "Email", function: "Equality" },
    fields: Object.entries(mappings).map(([source, target]) => ({ source, target })),
    ...(args.schedule !== undefined ? { schedule: args.schedule } : {}),
    ...(args.active !== undefined ? { active: args.active } : {}),
  };
}
