/**
 * MongoToSalesforceContacts: documents of a MongoDB collection created (or upserted) as Salesforce
 * Contacts, matched on email.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { MongoDbConfiguration } from "../provider/resources/connectionConfigs";
import { type ConnectionRef, withType } from "./connectionRef";
import { contactsSync, type SalesforceContactsArgs } from "./contactsPreset";
import { ModelSyncPipeline, type ModelSyncPipelineArgs } from "./modelSyncPipeline";

/** Type token of {@link MongoToSalesforceContacts}. */
export const MONGO_TO_SALESFORCE_CONTACTS_TYPE = "polytomic:components:MongoToSalesforceContacts";

/** Arguments of a {@link MongoToSalesforceContacts}. */
export interface MongoToSalesforceContactsArgs extends SalesforceContactsArgs {
  /** The MongoDB connection: `{ connectionId }` or `{ configuration }`. */
  readonly mongodb: ConnectionRef<pulumi.Input<MongoDbConfiguration>>;
  /** The database. */
  readonly database: pulumi.Input<string>;
  /** The collection. */
  readonly collection: pulumi.Input<string>;
  /** `create` (default), `update` or `updateOrCreate`. */
  readonly mode?: pulumi.Input<"create" | "update" | "updateOrCreate">;
}

const ARG_NAMES = { source: "args.mongodb", target: "args.salesforce" };

/** A MongoDB collection's documents as Salesforce Contacts. */
export class MongoToSalesforceContacts extends ModelSyncPipeline {
  /** Checks the arguments known before anything runs; throws naming the component and the argument. */
  static validate(name: string, args: MongoToSalesforceContactsArgs): void {
    for (const key of ["database", "collection"] as const) {
      if (args[key] === undefined || args[key] === "")
        throw new Error(`MongoToSalesforceContacts "${name}": args.${key} is required`);
    }
    ModelSyncPipeline.validateArgs(name, toPipelineArgs(name, args), "MongoToSalesforceContacts", ARG_NAMES);
  }

  constructor(name: string, args: MongoToSalesforceContactsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    MongoToSalesforceContacts.validate(name, args);
    super(name, toPipelineArgs(name, args), opts, MONGO_TO_SALESFORCE_CONTACTS_TYPE, ARG_NAMES);
  }
}

function toPipelineArgs(name: string, args: MongoToSalesforceContactsArgs): ModelSyncPipelineArgs {
  return {
    source: withType(args.mongodb, "mongodb"),
    target: withType(args.salesforce, "salesforce"),
    model: {
      name: `${name}-contacts`,
      configuration: { database: args.database, collection: args.collection },
    },
    sync: contactsSync(args, args.mode ?? "create"),
    ...(args.readinessTimeoutSeconds !== undefined
      ? { readinessTimeoutSeconds: args.readinessTimeoutSeconds }
      : {}),
  };
}
