/**
 * BulkSyncPipeline: any source to any destination as one resource: the two connections (or existing
 * ones), a wait until the source is healthy and its schemas are cached, then the bulk sync.
 */
import * as pulumi from "@pulumi/pulumi";
import { BulkSync } from "../provider/dynamic/bulkSyncResource";
import { SchemaReady } from "../provider/dynamic/schemaReadyResource";
import type { AdditionalSchedule, BulkSchemaSelection, Schedule } from "../provider/resources/bulkSync";
import type { BulkDiscover, BulkSyncMode } from "../provider/resources/enums";
import {
  type AnyConnectionRef,
  type ConnectionRef,
  connectionRefProblem,
  pendingAuthUrl,
  resolveConnection,
  throwIfProblems,
  waitedFor,
} from "./connectionRef";

/** Type token of {@link BulkSyncPipeline}. */
export const BULK_SYNC_PIPELINE_TYPE = "polytomic:components:BulkSyncPipeline";

/** The bulk sync settings every pipeline shares. */
export interface BulkSyncSettings {
  /** Name of the bulk sync in Polytomic; defaults to the component's name. */
  readonly syncName?: pulumi.Input<string>;
  /** Objects to replicate, as ids or per-object field selections; omitted means every object. */
  readonly objects?: pulumi.Input<(string | BulkSchemaSelection)[]>;
  /** `replicate` (default) or `snapshot`. */
  readonly mode?: pulumi.Input<BulkSyncMode>;
  /** When it runs; default `{ frequency: "daily", hour: "0", minute: "0" }`. */
  readonly schedule?: pulumi.Input<Schedule>;
  /** More schedules for some objects or fields. */
  readonly additionalSchedules?: pulumi.Input<AdditionalSchedule[]>;
  /** Add new source objects automatically (`all`, `onlyIncremental`, `onlyNonIncremental`, `none`). */
  readonly automaticallyAddNewObjects?: pulumi.Input<BulkDiscover>;
  /** Add new fields automatically (`all`, `onlyIncremental`, `onlyNonIncremental`, `none`). */
  readonly automaticallyAddNewFields?: pulumi.Input<BulkDiscover>;
  /** Whether the sync runs on its schedule; default false. */
  readonly active?: pulumi.Input<boolean>;
  /**
   * How long `pulumi up` waits for the source to be healthy (OAuth completed) and its schemas cached,
   * in seconds; default 300. On timeout it fails with the auth URL to open; re-running continues.
   */
  readonly readinessTimeoutSeconds?: pulumi.Input<number>;
}

/**
 * Arguments of a {@link BulkSyncPipeline} from a source of type `S` to a destination of type `D`: a
 * connection created here takes its type's typed configuration, as a `Connection` does.
 */
export interface BulkSyncPipelineArgs<S extends string = string, D extends string = string>
  extends BulkSyncSettings {
  /** The source connection: `{ connectionId }`, or `{ type, configuration }` to create it. */
  readonly source: AnyConnectionRef<S>;
  /** The destination connection (warehouse or bucket): `{ connectionId }` or `{ type, configuration }`. */
  readonly destination: AnyConnectionRef<D>;
  /** Destination settings, e.g. `{ schema: "RAW" }` or `{ format: "parquet" }`. */
  readonly destinationConfiguration: pulumi.Input<Record<string, pulumi.Input<unknown>>>;
}

/** How a preset names the source and destination arguments in messages. */
export interface ArgNames {
  /** E.g. `args.salesforce`. */
  readonly source: string;
  /** E.g. `args.snowflake`. */
  readonly destination: string;
}

/** Objects given as plain values (not Outputs) can be checked before anything runs. */
function objectsProblem(objects: unknown): string | undefined {
  if (objects === undefined || pulumi.Output.isInstance(objects)) return undefined;
  if (!Array.isArray(objects) || objects.length === 0)
    return "args.objects must list at least one object (omit it to replicate every object)";
  const ids = objects.map((o) => (typeof o === "string" ? o : (o as BulkSchemaSelection | undefined)?.id));
  const duplicate = ids.find((id, i) => typeof id === "string" && ids.indexOf(id) !== i);
  if (duplicate !== undefined) return `args.objects lists "${duplicate}" twice`;
  return undefined;
}

/**
 * A source-to-destination bulk sync and everything it needs. `S` and `D` are the connection type ids,
 * inferred from `source.type` and `destination.type`.
 */
export class BulkSyncPipeline<
  S extends string = string,
  D extends string = string,
> extends pulumi.ComponentResource {
  /** The source connection's id. */
  readonly sourceConnectionId: pulumi.Output<string>;
  /** The destination connection's id. */
  readonly destinationConnectionId: pulumi.Output<string>;
  /** The bulk sync's id. */
  readonly bulkSyncId: pulumi.Output<string>;
  /** The objects the sync replicates, as selected. */
  readonly selectedSchemas: pulumi.Output<(string | BulkSchemaSelection)[] | undefined>;
  /** The schemas the source offers once cached. */
  readonly availableSchemas: pulumi.Output<string[]>;
  /**
   * A pending OAuth URL to open in a browser; "" when no connection waits for OAuth (always so after a
   * successful `pulumi up`, which waits for the source's authorization).
   */
  readonly authUrl: pulumi.Output<string>;

  /**
   * Checks the arguments that are known before anything runs; throws naming the component and the
   * argument. Presets pass their own component name and argument names.
   */
  static validateArgs<S extends string, D extends string>(
    name: string,
    args: BulkSyncPipelineArgs<S, D>,
    component = "BulkSyncPipeline",
    argNames: ArgNames = { source: "args.source", destination: "args.destination" },
  ): void {
    const ref = (what: string, r: AnyConnectionRef<string> | undefined) =>
      r && "type" in r && r.type === undefined
        ? `${what}.type is required with configuration`
        : connectionRefProblem(what, r);
    throwIfProblems(component, name, [
      ref(argNames.source, args.source as AnyConnectionRef<string> | undefined),
      ref(argNames.destination, args.destination as AnyConnectionRef<string> | undefined),
      args.destinationConfiguration === undefined ? "args.destinationConfiguration is required" : undefined,
      objectsProblem(args.objects),
    ]);
  }

  constructor(
    name: string,
    args: BulkSyncPipelineArgs<S, D>,
    opts: pulumi.ComponentResourceOptions = {},
    type: string = BULK_SYNC_PIPELINE_TYPE,
    argNames?: ArgNames,
  ) {
    super(type, name, {}, opts);
    BulkSyncPipeline.validateArgs(name, args, type.split(":").pop(), argNames);
    const source = resolveConnection(
      this,
      `${name}-source`,
      "type" in args.source ? args.source.type : "",
      args.source as ConnectionRef<unknown>,
    );
    const destination = resolveConnection(
      this,
      `${name}-destination`,
      "type" in args.destination ? args.destination.type : "",
      args.destination as ConnectionRef<unknown>,
    );
    const ready = new SchemaReady(
      `${name}-source-schemas`,
      {
        connectionId: source.id,
        authUrl: source.authUrl,
        timeoutSeconds: args.readinessTimeoutSeconds ?? 300,
      },
      { parent: this },
    );
    const sync = new BulkSync(
      `${name}-sync`,
      {
        name: args.syncName ?? name,
        sourceConnectionId: source.id,
        destinationConnectionId: destination.id,
        mode: args.mode ?? "replicate",
        schedule: args.schedule ?? { frequency: "daily", hour: "0", minute: "0" },
        destinationConfiguration: args.destinationConfiguration,
        ...(args.additionalSchedules !== undefined ? { additionalSchedules: args.additionalSchedules } : {}),
        ...(args.objects !== undefined ? { schemas: args.objects } : {}),
        ...(args.automaticallyAddNewObjects !== undefined
          ? { automaticallyAddNewObjects: args.automaticallyAddNewObjects }
          : {}),
        ...(args.automaticallyAddNewFields !== undefined
          ? { automaticallyAddNewFields: args.automaticallyAddNewFields }
          : {}),
        ...(args.active !== undefined ? { active: args.active } : {}),
      },
      { parent: this, dependsOn: [ready] },
    );
    this.sourceConnectionId = source.id;
    this.destinationConnectionId = destination.id;
    this.bulkSyncId = sync.id;
    this.selectedSchemas = sync.schemas;
    this.availableSchemas = ready.schemaIds;
    this.authUrl = pendingAuthUrl(waitedFor(source, ready), destination);
    this.registerOutputs({
      sourceConnectionId: this.sourceConnectionId,
      destinationConnectionId: this.destinationConnectionId,
      bulkSyncId: this.bulkSyncId,
      selectedSchemas: this.selectedSchemas,
      availableSchemas: this.availableSchemas,
      authUrl: this.authUrl,
    });
  }
}
