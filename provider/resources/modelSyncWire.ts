/**
 * A model sync's program shape (camelCase, TSDoc) and its wire shape (`/api/syncs`, snake_case), both
 * ways. Reading back drops the defaults the API fills in, so an untouched sync shows no drift.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { DeepInput } from "../internal/deepInput";
import { fromWire, type Schedule, toWire } from "./schedule";

/** A field of a model. */
export interface ModelFieldRef {
  /** The model (use the Model resource's `id`). */
  readonly modelId: string;
  /** A field id of that model. */
  readonly field: string;
}

/** One mapping from a model field (or a constant) to a target field. */
export interface SyncFieldMapping {
  /** Target field id, e.g. `FirstName`. */
  readonly target: string;
  /** Where the value comes from; omit when `overrideValue` is set. */
  readonly source?: ModelFieldRef;
  /** A constant written instead of the source value. */
  readonly overrideValue?: string;
  /** Create the target field (targets that support field creation). */
  readonly new?: boolean;
  /** Per-field mode, e.g. `create` to only fill empty values. */
  readonly syncMode?: string;
  /** Encrypt the value in the target (targets that support it). */
  readonly encryptionEnabled?: boolean;
}

/** A constant written to a target field on every record. */
export interface SyncOverrideField {
  /** Target field id. */
  readonly target: string;
  /** The value. */
  readonly value: string;
}

/** How source records are matched to target records. */
export interface SyncIdentity {
  /** The model field that identifies a record. */
  readonly source: ModelFieldRef;
  /** The target field it is matched with, e.g. `Email`. */
  readonly target: string;
  /** `Equality` (default), `ISubstring`, `OneOf`, `DomainMatch` or `HostnameMatch`. */
  readonly function?: string;
  /** Create the target identity field. */
  readonly newField?: boolean;
}

/** A condition records must meet to be synced. */
export interface SyncFilter {
  /** A model field; or use `fieldId` for a target field. */
  readonly field?: ModelFieldRef;
  /** A target field id (with `fieldType: "Target"`). */
  readonly fieldId?: string;
  /** `Model` or `Target`. */
  readonly fieldType?: "Model" | "Target";
  /** One of the API's filter functions, e.g. `Equality`, `IsNotNull`, `Between`. */
  readonly function: string;
  /** The compared value (not for IsNull, IsNotNull, True, False). */
  readonly value?: unknown;
  /** A label. */
  readonly label?: string;
}

/** A conditional replacement of a value. */
export interface SyncOverride {
  /** The model field tested. */
  readonly field: ModelFieldRef;
  /** The filter function tested. */
  readonly function: string;
  /** The compared value. */
  readonly value?: unknown;
  /** The value written when the test passes. */
  readonly override: unknown;
}

/** Where the sync writes. */
export interface SyncTarget {
  /** The target connection (use the Connection resource's `id`). Changing this forces replacement. */
  readonly connectionId: string;
  /** Target object id, e.g. `Contact`; omit with `create`. */
  readonly object?: string;
  /** Name of a new target object (targets that create objects). */
  readonly newName?: string;
  /** Target-specific settings, e.g. `{ format: "csv" }`. */
  readonly configuration?: Record<string, unknown>;
  /** Create a new target object (e.g. an audience) with these properties. */
  readonly create?: Record<string, string>;
}

/** A model sync's schedule: the bulk-sync parts plus run-after and dbt Cloud triggers. */
export interface ModelSyncSchedule extends Schedule {
  /** For `runafter`: the syncs this one follows. */
  readonly runAfter?: { readonly syncIds?: string[]; readonly bulkSyncIds?: string[] };
  /** For `runafter`: only after successful runs. */
  readonly runAfterSuccessOnly?: boolean;
  /** For `dbtcloud`: the dbt Cloud connection. */
  readonly connectionId?: string;
  /** For `dbtcloud`: the dbt Cloud job id. */
  readonly jobId?: number;
}

/** Arguments of a {@link ModelSync}. Every nested member accepts an `Input` (e.g. a Model's `id`). */
export interface ModelSyncArgs {
  /** Name in Polytomic; defaults to the resource name. */
  readonly name?: pulumi.Input<string>;
  /** `create`, `update`, `updateOrCreate`, `replace`, `append`, `remove` or `snapshot`. */
  readonly mode: pulumi.Input<string>;
  /** When the sync runs. */
  readonly schedule: DeepInput<ModelSyncSchedule>;
  /** Where it writes. */
  readonly target: DeepInput<SyncTarget>;
  /** Field mappings. */
  readonly fields: DeepInput<SyncFieldMapping[]>;
  /** Record matching; required by `update`, `updateOrCreate` and `remove`. */
  readonly identity?: DeepInput<SyncIdentity>;
  /** Constants written to every record. */
  readonly overrideFields?: DeepInput<SyncOverrideField[]>;
  /** Conditional value replacements. */
  readonly overrides?: DeepInput<SyncOverride[]>;
  /** Which records are synced. */
  readonly filters?: DeepInput<SyncFilter[]>;
  /** How filters combine, e.g. `1 AND (2 OR 3)`; default all of them. */
  readonly filterLogic?: pulumi.Input<string>;
  /** Whether the sync runs on its schedule; default false. */
  readonly active?: pulumi.Input<boolean>;
  /** Permission policy ids. */
  readonly policies?: DeepInput<string[]>;
  /** Enrichment syncs: only update records that changed. */
  readonly onlyEnrichUpdates?: pulumi.Input<boolean>;
  /** Skip the first full sync. */
  readonly skipInitialBackfill?: pulumi.Input<boolean>;
  /** Sync every record on every run, not just changes. */
  readonly syncAllRecords?: pulumi.Input<boolean>;
  /**
   * Id of an existing Polytomic object to bring under management instead of creating one: `pulumi up`
   * updates it to the program's values and the stack owns it from then on (destroy deletes it). Use
   * this rather than the `import` resource option, which dynamic resources cannot serve.
   */
  readonly adoptId?: pulumi.Input<string>;
}

/** The provider's view of the inputs. */
export interface ModelSyncInputs {
  resourceUrn: string;
  name: string;
  mode: string;
  schedule: ModelSyncSchedule;
  target: SyncTarget;
  /** Copied from `target.connectionId` by check, so a change of target connection replaces. */
  targetConnectionId: string;
  fields: SyncFieldMapping[];
  identity?: SyncIdentity;
  overrideFields?: SyncOverrideField[];
  overrides?: SyncOverride[];
  filters?: SyncFilter[];
  filterLogic?: string;
  active?: boolean;
  policies?: string[];
  onlyEnrichUpdates?: boolean;
  skipInitialBackfill?: boolean;
  syncAllRecords?: boolean;
  adoptId?: string;
}

/** Outputs: the inputs plus server fields. */
export interface ModelSyncOutputs extends ModelSyncInputs {
  syncId: string;
  modelIds: string[];
}

type Json = Record<string, unknown>;
interface WireRef {
  model_id: string;
  field: string;
}

/** The sync as the API answers it. */
export interface ApiModelSync {
  id: string;
  name: string;
  mode: string;
  active?: boolean;
  schedule?: Json;
  target?: Json;
  fields?: Json[];
  override_fields?: Json[] | null;
  overrides?: Json[] | null;
  filters?: Json[] | null;
  filter_logic?: string | null;
  identity?: Json | null;
  policies?: string[] | null;
  only_enrich_updates?: boolean;
  skip_initial_backfill?: boolean;
  sync_all_records?: boolean;
  model_ids?: string[];
}

const toRef = (r: ModelFieldRef): WireRef => ({ model_id: r.modelId, field: r.field });
const fromRef = (r: unknown): ModelFieldRef => {
  const w = r as WireRef;
  return { modelId: w.model_id, field: w.field };
};
/** Only members that carry something: the API's `false`, `""`, `null` and `[]` read as absent. */
function present<T extends Json>(object: T): T {
  return Object.fromEntries(
    Object.entries(object).filter(
      ([, v]) =>
        v !== undefined && v !== null && v !== false && v !== "" && !(Array.isArray(v) && v.length === 0),
    ),
  ) as T;
}

function scheduleToWire(s: ModelSyncSchedule): Json {
  return present({
    ...toWire(s),
    run_after: s.runAfter
      ? { sync_ids: s.runAfter.syncIds ?? [], bulk_sync_ids: s.runAfter.bulkSyncIds ?? [] }
      : undefined,
    run_after_success_only: s.runAfterSuccessOnly,
    connection_id: s.connectionId,
    job_id: s.jobId,
  });
}

function scheduleFromWire(w: Json): ModelSyncSchedule {
  const after = w.run_after as { sync_ids?: string[]; bulk_sync_ids?: string[] } | undefined;
  return present({
    ...fromWire(w),
    runAfter: after
      ? present({ syncIds: after.sync_ids ?? [], bulkSyncIds: after.bulk_sync_ids ?? [] })
      : undefined,
    runAfterSuccessOnly: w.run_after_success_only,
    connectionId: w.connection_id,
    jobId: w.job_id,
  } as Json) as unknown as ModelSyncSchedule;
}

/** The request body for create and (full-replacement) update. */
export function toApiModelSync(inputs: ModelSyncInputs): Json {
  const t = inputs.target;
  return present({
    name: inputs.name,
    mode: inputs.mode,
    schedule: scheduleToWire(inputs.schedule),
    target: present({
      connection_id: t.connectionId,
      object: t.object,
      new_name: t.newName,
      configuration: t.configuration,
      create: t.create,
    }),
    fields: inputs.fields.map((f) =>
      present({
        target: f.target,
        source: f.source ? toRef(f.source) : undefined,
        override_value: f.overrideValue,
        new: f.new,
        sync_mode: f.syncMode,
        encryption_enabled: f.encryptionEnabled,
      }),
    ),
    identity: inputs.identity
      ? present({
          source: toRef(inputs.identity.source),
          target: inputs.identity.target,
          function: inputs.identity.function ?? "Equality",
          new_field: inputs.identity.newField,
        })
      : undefined,
    override_fields: inputs.overrideFields?.map((f) => ({ target: f.target, override_value: f.value })),
    overrides: inputs.overrides?.map((o) =>
      present({ field: toRef(o.field), function: o.function, value: o.value, override: o.override }),
    ),
    filters: inputs.filters?.map((f) =>
      present({
        field: f.field ? toRef(f.field) : undefined,
        field_id: f.fieldId,
        field_type: f.fieldType,
        function: f.function,
        value: f.value,
        label: f.label,
      }),
    ),
    filter_logic: inputs.filterLogic,
    active: inputs.active ?? false,
    policies: inputs.policies,
    only_enrich_updates: inputs.onlyEnrichUpdates,
    skip_initial_backfill: inputs.skipInitialBackfill,
    sync_all_records: inputs.syncAllRecords,
  });
}

/** Live values in the program's shape; what the program leaves out stays out unless set live. */
export function fromApiModelSync(api: ApiModelSync, inputs: ModelSyncInputs): ModelSyncOutputs {
  const target = api.target ?? {};
  const identity = api.identity;
  const optional = <T>(key: keyof ModelSyncInputs, value: T, isSet: boolean) =>
    inputs[key] !== undefined || isSet ? { [key]: value } : {};
  const overrideFields = (api.override_fields ?? []).map((f) => ({
    target: String(f.target),
    value: String(f.override_value),
  }));
  const overrides = (api.overrides ?? []).map((o) =>
    present({ field: fromRef(o.field), function: o.function, value: o.value, override: o.override }),
  ) as unknown as SyncOverride[];
  const filters = (api.filters ?? []).map((f) =>
    present({
      field: f.field ? fromRef(f.field) : undefined,
      fieldId: f.field_id,
      fieldType: f.field_type,
      function: f.function,
      value: f.value,
      label: f.label,
    }),
  ) as unknown as SyncFilter[];
  return {
    resourceUrn: inputs.resourceUrn,
    name: api.name,
    mode: api.mode,
    schedule: scheduleFromWire(api.schedule ?? { frequency: "manual" }),
    target: present({
      connectionId: target.connection_id,
      object: target.object,
      newName: target.new_name,
      configuration:
        target.configuration && Object.keys(target.configuration).length > 0
          ? target.configuration
          : undefined,
      create: target.create,
    }) as unknown as SyncTarget,
    targetConnectionId: String(target.connection_id ?? ""),
    fields: (api.fields ?? []).map(
      (f) =>
        present({
          target: f.target,
          source: f.source ? fromRef(f.source) : undefined,
          overrideValue: f.override_value,
          new: f.new,
          syncMode: f.sync_mode,
          encryptionEnabled: f.encryption_enabled,
        }) as unknown as SyncFieldMapping,
    ),
    ...(identity
      ? {
          identity: present({
            source: fromRef(identity.source),
            target: identity.target,
            // The API answers the function it applied; the program may rely on the default.
            function:
              inputs.identity?.function === undefined && identity.function === "Equality"
                ? undefined
                : identity.function,
            newField: identity.new_field,
          }) as unknown as SyncIdentity,
        }
      : {}),
    ...optional("overrideFields", overrideFields, overrideFields.length > 0),
    ...optional("overrides", overrides, overrides.length > 0),
    ...optional("filters", filters, filters.length > 0),
    ...optional("filterLogic", api.filter_logic ?? "", Boolean(api.filter_logic)),
    ...optional("active", api.active ?? false, api.active === true),
    ...optional("policies", api.policies ?? [], (api.policies ?? []).length > 0),
    ...optional("onlyEnrichUpdates", api.only_enrich_updates ?? false, api.only_enrich_updates === true),
    ...optional(
      "skipInitialBackfill",
      api.skip_initial_backfill ?? false,
      api.skip_initial_backfill === true,
    ),
    ...optional("syncAllRecords", api.sync_all_records ?? false, api.sync_all_records === true),
    syncId: api.id,
    modelIds: api.model_ids ?? [],
  } as ModelSyncOutputs;
}
