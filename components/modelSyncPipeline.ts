/**
 * ModelSyncPipeline: reverse ETL as one resource: the source and target connections (or existing
 * ones), waits until both are healthy with cached schemas, a model over the source, and the sync that
 * maps the model's fields onto a target object.
 */
import * as pulumi from "@pulumi/pulumi";
import { Model } from "../provider/dynamic/modelResource";
import { ModelSync } from "../provider/dynamic/modelSyncResource";
import { SchemaReady } from "../provider/dynamic/schemaReadyResource";
import type { DeepInput } from "../provider/internal/deepInput";
import { IDENTITY_MODES, type ModelSyncMode, type SchemaIdentityFunction } from "../provider/resources/enums";
import type { ModelConfiguration } from "../provider/resources/model";
import type { ModelSyncSchedule } from "../provider/resources/modelSyncWire";
import {
  type AnyConnectionRef,
  type ConnectionRef,
  connectionRefProblem,
  pendingAuthUrl,
  resolveConnection,
  throwIfProblems,
  waitedFor,
} from "./connectionRef";

/** Type token of {@link ModelSyncPipeline}. */
export const MODEL_SYNC_PIPELINE_TYPE = "polytomic:components:ModelSyncPipeline";

/** The model over the source. */
export interface PipelineModel {
  /** Name in Polytomic; defaults to `${name}-model`. */
  readonly name?: pulumi.Input<string>;
  /** Which source object the model reads (query / table / view, database + collection, model_from + key). */
  readonly configuration: DeepInput<ModelConfiguration>;
  /** Source fields to expose; omitted means every field. */
  readonly fields?: pulumi.Input<pulumi.Input<string>[]>;
  /** The field that identifies a record. */
  readonly identifier?: pulumi.Input<string>;
}

/** The sync onto the target object; field names refer to the model's fields. */
export interface PipelineSync {
  /** Name in Polytomic; defaults to the component's name. */
  readonly name?: pulumi.Input<string>;
  /** Target object, e.g. `Contact`. */
  readonly object: pulumi.Input<string>;
  /** `create`, `update`, `updateOrCreate`, `replace`, `append`, `remove` or `snapshot`. */
  readonly mode: pulumi.Input<ModelSyncMode>;
  /** Record matching: a model field and the target field it matches; required by update modes. */
  readonly identity?: {
    readonly source: pulumi.Input<string>;
    readonly target: pulumi.Input<string>;
    readonly function?: pulumi.Input<SchemaIdentityFunction>;
  };
  /** Model field → target field mappings. */
  readonly fields: pulumi.Input<
    { readonly source: pulumi.Input<string>; readonly target: pulumi.Input<string> }[]
  >;
  /** Constants written to every record: target field → value. */
  readonly overrideFields?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** When it runs; default manual. */
  readonly schedule?: pulumi.Input<ModelSyncSchedule>;
  /** Whether it runs on its schedule; default false. */
  readonly active?: pulumi.Input<boolean>;
}

/**
 * Arguments of a {@link ModelSyncPipeline} from a source of type `S` to a target of type `T`: a
 * connection created here takes its type's typed configuration, as a `Connection` does.
 */
export interface ModelSyncPipelineArgs<S extends string = string, T extends string = string> {
  /** The source connection: `{ connectionId }`, or `{ type, configuration }` to create it. */
  readonly source: AnyConnectionRef<S>;
  /** The target connection: `{ connectionId }`, or `{ type, configuration }` to create it. */
  readonly target: AnyConnectionRef<T>;
  /** The model over the source. */
  readonly model: PipelineModel;
  /** The sync. */
  readonly sync: PipelineSync;
  /** How long `pulumi up` waits for both connections (OAuth, schema cache), in seconds; default 300. */
  readonly readinessTimeoutSeconds?: pulumi.Input<number>;
}

/** How a preset names its arguments in messages. */
export interface ModelSyncArgNames {
  /** E.g. `args.gcs`. */
  readonly source: string;
  /** E.g. `args.salesforce`. */
  readonly target: string;
}

/**
 * A model over a source synced into a target object. `S` and `T` are the connection type ids, inferred
 * from `source.type` and `target.type`.
 */
export class ModelSyncPipeline<
  S extends string = string,
  T extends string = string,
> extends pulumi.ComponentResource {
  /** The source connection's id. */
  readonly sourceConnectionId: pulumi.Output<string>;
  /** The target connection's id. */
  readonly targetConnectionId: pulumi.Output<string>;
  /** The model's id. */
  readonly modelId: pulumi.Output<string>;
  /** The model's field ids. */
  readonly modelFields: pulumi.Output<string[]>;
  /** The model sync's id. */
  readonly syncId: pulumi.Output<string>;
  /**
   * A pending OAuth URL to open in a browser; "" when no connection waits for OAuth (always so after a
   * successful `pulumi up`, which waits for both connections' authorization).
   */
  readonly authUrl: pulumi.Output<string>;

  /** Checks the arguments known before anything runs; throws naming the component and the argument. */
  static validateArgs<S extends string, T extends string>(
    name: string,
    args: ModelSyncPipelineArgs<S, T>,
    component = "ModelSyncPipeline",
    argNames: ModelSyncArgNames = { source: "args.source", target: "args.target" },
  ): void {
    const sync = args.sync as PipelineSync | undefined;
    const fields = sync?.fields;
    const mode = sync?.mode;
    throwIfProblems(component, name, [
      connectionRefProblem(argNames.source, args.source),
      connectionRefProblem(argNames.target, args.target),
      args.model?.configuration === undefined ? "args.model.configuration is required" : undefined,
      sync === undefined ? "args.sync is required" : undefined,
      Array.isArray(fields) && fields.length === 0
        ? "args.sync.fields must map at least one field"
        : undefined,
      typeof mode === "string" && IDENTITY_MODES.includes(mode) && sync?.identity === undefined
        ? `args.sync.identity is required for mode ${mode}`
        : undefined,
    ]);
  }

  constructor(
    name: string,
    args: ModelSyncPipelineArgs<S, T>,
    opts: pulumi.ComponentResourceOptions = {},
    type: string = MODEL_SYNC_PIPELINE_TYPE,
    argNames?: ModelSyncArgNames,
  ) {
    super(type, name, {}, opts);
    ModelSyncPipeline.validateArgs(name, args, type.split(":").pop(), argNames);
    const timeoutSeconds = args.readinessTimeoutSeconds ?? 300;
    const source = resolveConnection(
      this,
      `${name}-source`,
      typeOf(args.source),
      args.source as ConnectionRef<unknown>,
    );
    const target = resolveConnection(
      this,
      `${name}-target`,
      typeOf(args.target),
      args.target as ConnectionRef<unknown>,
    );
    const sourceReady = new SchemaReady(
      `${name}-source-ready`,
      { connectionId: source.id, authUrl: source.authUrl, timeoutSeconds },
      { parent: this },
    );
    const targetReady = new SchemaReady(
      `${name}-target-ready`,
      { connectionId: target.id, authUrl: target.authUrl, timeoutSeconds },
      { parent: this },
    );
    const ready = [sourceReady, targetReady];
    const model = new Model(
      `${name}-model`,
      {
        name: args.model.name ?? `${name}-model`,
        connectionId: source.id,
        configuration: args.model.configuration,
        ...(args.model.fields !== undefined ? { fields: args.model.fields } : {}),
        ...(args.model.identifier !== undefined ? { identifier: args.model.identifier } : {}),
      },
      { parent: this, dependsOn: ready },
    );
    const s = args.sync;
    const ref = (field: pulumi.Input<string>) => ({ modelId: model.id, field });
    const sync = new ModelSync(
      `${name}-sync`,
      {
        name: s.name ?? name,
        mode: s.mode,
        schedule: s.schedule ?? { frequency: "manual" },
        target: { connectionId: target.id, object: s.object },
        fields: pulumi
          .output(s.fields)
          .apply((list) => list.map((f) => ({ source: ref(f.source), target: f.target }))),
        ...(s.identity
          ? {
              identity: {
                source: ref(s.identity.source),
                target: s.identity.target,
                ...(s.identity.function !== undefined ? { function: s.identity.function } : {}),
              },
            }
          : {}),
        ...(s.overrideFields !== undefined
          ? {
              overrideFields: pulumi
                .output(s.overrideFields)
                .apply((o) => Object.entries(o).map(([target, value]) => ({ target, value }))),
            }
          : {}),
        ...(s.active !== undefined ? { active: s.active } : {}),
      },
      { parent: this, dependsOn: ready },
    );
    this.sourceConnectionId = source.id;
    this.targetConnectionId = target.id;
    this.modelId = model.id;
    this.modelFields = model.fieldIds;
    this.syncId = sync.id;
    this.authUrl = pendingAuthUrl(waitedFor(source, sourceReady), waitedFor(target, targetReady));
    this.registerOutputs({
      sourceConnectionId: this.sourceConnectionId,
      targetConnectionId: this.targetConnectionId,
      modelId: this.modelId,
      modelFields: this.modelFields,
      syncId: this.syncId,
      authUrl: this.authUrl,
    });
  }
}

function typeOf<T extends string>(ref: AnyConnectionRef<T>): pulumi.Input<string> {
  return "type" in ref ? ref.type : "";
}
