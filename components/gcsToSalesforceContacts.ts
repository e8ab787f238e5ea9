/**
 * GcsToSalesforceContacts: contacts from a CSV (or JSON) file in Google Cloud Storage upserted into
 * Salesforce Contacts, matched on email.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { GcsConfiguration } from "../provider/resources/connectionConfigs";
import { type ConnectionRef, withType } from "./connectionRef";
import { contactsSync, type SalesforceContactsArgs } from "./contactsPreset";
import { ModelSyncPipeline, type ModelSyncPipelineArgs } from "./modelSyncPipeline";

/** Type token of {@link GcsToSalesforceContacts}. */
export const GCS_TO_SALESFORCE_CONTACTS_TYPE = "polytomic:components:GcsToSalesforceContacts";

/** Arguments of a {@link GcsToSalesforceContacts}. */
export interface GcsToSalesforceContactsArgs extends SalesforceContactsArgs {
  /** The GCS connection: `{ connectionId }` or `{ configuration }`. */
  readonly gcs: ConnectionRef<pulumi.Input<GcsConfiguration>>;
  /** The file's key in the bucket, e.g. `exports/high_paying_users.csv`. */
  readonly key: pulumi.Input<string>;
  /** `updateOrCreate` (default), `update` or `create`. */
  readonly mode?: pulumi.Input<"updateOrCreate" | "update" | "create">;
}

const ARG_NAMES = { source: "args.gcs", target: "args.salesforce" };

/** A GCS file's rows as Salesforce Contacts. */
export class GcsToSalesforceContacts extends ModelSyncPipeline {
  /** Checks the arguments known before anything runs; throws naming the component and the argument. */
  static validate(name: string, args: GcsToSalesforceContactsArgs): void {
    if (args.key === undefined || args.key === "")
      throw new Error(`GcsToSalesforceContacts "${name}": args.key is required`);
    ModelSyncPipeline.validateArgs(name, toPipelineArgs(name, args), "GcsToSalesforceContacts", ARG_NAMES);
  }

  constructor(name: string, args: GcsToSalesforceContactsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    GcsToSalesforceContacts.validate(name, args);
    super(name, toPipelineArgs(name, args), opts, GCS_TO_SALESFORCE_CONTACTS_TYPE, ARG_NAMES);
  }
}

function toPipelineArgs(name: string, args: GcsToSalesforceContactsArgs): ModelSyncPipelineArgs {
  return {
    source: withType(args.gcs, "gcs"),
    target: withType(args.salesforce, "salesforce"),
    model: { name: `${name}-contacts`, configuration: { model_from: "single_file", key: args.key } },
    sync: contactsSync(args, args.mode ?? "updateOrCreate"),
    ...(args.readinessTimeoutSeconds !== undefined
      ? { readinessTimeoutSeconds: args.readinessTimeoutSeconds }
      : {}),
  };
}
