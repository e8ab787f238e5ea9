/**
 * A model sync's program shape (camelCase, TSDoc) and its wire shape (`/api/syncs`, snake_case), both
 * ways. Reading back keeps what the API holds, but leaves out the defaults it fills in for members the
 * program leaves out, so an untouched sync shows no drift and an explicit `false` stays `false`.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { DeepInput } from "../internal/deepInput";
import type {
  FilterFieldReferenceType,
  FilterFunction,
  ModelSyncMode,
  SchemaIdentityFunction,
  Unchecked,
} from "./enums";
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
  readonly function?: SchemaIdentityFunction;
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
  readonly fieldType?: FilterFieldReferenceType;
  /** One of the API's filter functions, e.g. `Equality`, `IsNotNull`, `Between`. */
  readonly function: FilterFunction;
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
  readonly function: FilterFunction;
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
  readonly mode: pulumi.Input<ModelSyncMode>;
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
  schedule: Unchecked<ModelSyncSchedule>;
  target: SyncTarget;
  /** Copied from `target.connectionId` by check, so a change of target connection replaces. */
  targetConnectionId: string;
  fields: SyncFieldMapping[];
  identity?: Unchecked<SyncIdentity>;
  overrideFields?: SyncOverrideField[];
  overrides?: Unchecked<SyncOverride>[];
  filters?: Unchecked<SyncFilter>[];
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
/** A wire reference in the program's shape; a missing or zero-valued one (no model id) is no reference. */
const fromRef = (r: unknown): ModelFieldRef | undefined => {
  const w = r as Partial<WireRef> | null | undefined;
  return w?.model_id ? { modelId: w.model_id, field: String(w.field ?? "") } : undefined;
};
/** A reference the API always answers (identity, override): an absent one reads as empty ids, i.e. drift. */
const requiredRef = (r: unknown): ModelFieldRef => fromRef(r) ?? { modelId: "", field: "" };

/**
 * `object` without its `undefined` members. Nothing else is dropped: the program's `false`, `""`, `0`
 * and `[]` are values it asked for, sent as given and read back as the API holds them.
 */
function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

/**
 * One optional member read back: what the API holds (`zero`, its default, when it answers nothing),
 * kept when the program sets the member or the API holds something else, left out otherwise. So an
 * explicit `false` reads back as `false`, and an unset member stays unset while the API holds its default.
 */
function settle<T>(wanted: T | undefined, live: unknown, zero: T): T | undefined {
  const value = live === undefined || live === null ? zero : (live as T);
  return wanted !== undefined || value !== zero ? value : undefined;
}

/** {@link settle} for lists, whose default is empty. */
function settleList<T>(
  wanted: readonly unknown[] | undefined,
  live: T[] | null | undefined,
): T[] | undefined {
  const value = live ?? [];
  return wanted !== undefined || value.length > 0 ? value : undefined;
}

/** {@link settle} for objects, whose default is empty. */
function settleObject<T extends object>(wanted: T | undefined, live: unknown): T | undefined {
  const value = (typeof live === "object" && live !== null ? live : {}) as T;
  return wanted !== undefined || Object.keys(value).length > 0 ? value : undefined;
}

function scheduleToWire(s: Unchecked<ModelSyncSchedule>): Json {
  return defined({
    ...toWire(s),
    run_after: s.runAfter
      ? { sync_ids: s.runAfter.syncIds ?? [], bulk_sync_ids: s.runAfter.bulkSyncIds ?? [] }
      : undefined,
    run_after_success_only: s.runAfterSuccessOnly,
    connection_id: s.connectionId,
    job_id: s.jobId,
  });
}

type RunAfter = NonNullable<ModelSyncSchedule["runAfter"]>;

function runAfterFromWire(live: unknown, known: RunAfter | undefined): RunAfter | undefined {
  const after = (live ?? {}) as { sync_ids?: string[] | null; bulk_sync_ids?: string[] | null };
  const syncIds = settleList(known?.syncIds, after.sync_ids);
  const bulkSyncIds = settleList(known?.bulkSyncIds, after.bulk_sync_ids);
  return known !== undefined || syncIds || bulkSyncIds ? defined({ syncIds, bulkSyncIds }) : undefined;
}

function scheduleFromWire(
  w: Json,
  known: Unchecked<ModelSyncSchedule> | undefined,
): Unchecked<ModelSyncSchedule> {
  return defined({
    ...fromWire(w),
    runAfter: runAfterFromWire(w.run_after, known?.runAfter),
    runAfterSuccessOnly: settle(known?.runAfterSuccessOnly, w.run_after_success_only, false),
    connectionId: settle(known?.connectionId, w.connection_id, ""),
    jobId: settle(known?.jobId, w.job_id, 0),
  });
}

function targetToWire(t: SyncTarget): Json {
  return defined({
    connection_id: t.connectionId,
    object: t.object,
    new_name: t.newName,
    configuration: t.configuration,
    create: t.create,
  });
}

function targetFromWire(t: Json, known: SyncTarget | undefined): SyncTarget {
  return defined({
    connectionId: String(t.connection_id ?? ""),
    object: settle(known?.object, t.object, ""),
    newName: settle(known?.newName, t.new_name, ""),
    configuration: settleObject(known?.configuration, t.configuration),
    create: settleObject(known?.create, t.create),
  });
}

function mappingToWire(f: SyncFieldMapping): Json {
  return defined({
    target: f.target,
    source: f.source ? toRef(f.source) : undefined,
    override_value: f.overrideValue,
    new: f.new,
    sync_mode: f.syncMode,
    encryption_enabled: f.encryptionEnabled,
  });
}

function mappingFromWire(f: Json, known: SyncFieldMapping | undefined): SyncFieldMapping {
  return defined({
    target: String(f.target),
    source: fromRef(f.source),
    // "" is a constant like any other once the program sets it; unset, it is the API's empty default.
    overrideValue: settle(known?.overrideValue, f.override_value, ""),
    new: settle(known?.new, f.new, false),
    syncMode: settle(known?.syncMode, f.sync_mode, ""),
    encryptionEnabled: settle(known?.encryptionEnabled, f.encryption_enabled, false),
  });
}

function identityToWire(i: Unchecked<SyncIdentity>): Json {
  return defined({
    source: toRef(i.source),
    target: i.target,
    function: i.function ?? "Equality",
    new_field: i.newField,
  });
}

function identityFromWire(i: Json, known: Unchecked<SyncIdentity> | undefined): Unchecked<SyncIdentity> {
  return defined({
    source: requiredRef(i.source),
    target: String(i.target),
    // The API answers the function it applied; the program may rely on the default.
    function: settle(known?.function, i.function, "Equality"),
    newField: settle(known?.newField, i.new_field, false),
  });
}

function filterToWire(f: Unchecked<SyncFilter>): Json {
  return defined({
    field: f.field ? toRef(f.field) : undefined,
    field_id: f.fieldId,
    field_type: f.fieldType,
    function: f.function,
    value: f.value,
    label: f.label,
  });
}

function filterFromWire(f: Json, known: Unchecked<SyncFilter> | undefined): Unchecked<SyncFilter> {
  return defined({
    field: fromRef(f.field),
    fieldId: settle(known?.fieldId, f.field_id, ""),
    fieldType: settle<string>(known?.fieldType, f.field_type, ""),
    function: String(f.function),
    // A value of any type; like typed APIs' unset strings, "" reads as no value unless the program sent it.
    value: settle<unknown>(known?.value, f.value, ""),
    label: settle(known?.label, f.label, ""),
  });
}

function overrideToWire(o: Unchecked<SyncOverride>): Json {
  return defined({ field: toRef(o.field), function: o.function, value: o.value, override: o.override });
}

function overrideFromWire(o: Json, known: Unchecked<SyncOverride> | undefined): Unchecked<SyncOverride> {
  return defined({
    field: requiredRef(o.field),
    function: String(o.function),
    value: settle<unknown>(known?.value, o.value, ""),
    override: settle<unknown>(known?.override, o.override, ""),
  });
}

/** The request body for create and (full-replacement) update: what the program says, as it says it. */
export function toApiModelSync(inputs: ModelSyncInputs): Json {
  return defined({
    name: inputs.name,
    mode: inputs.mode,
    schedule: scheduleToWire(inputs.schedule),
    target: targetToWire(inputs.target),
    fields: inputs.fields.map(mappingToWire),
    identity: inputs.identity ? identityToWire(inputs.identity) : undefined,
    override_fields: inputs.overrideFields?.map((f) => ({ target: f.target, override_value: f.value })),
    overrides: inputs.overrides?.map(overrideToWire),
    filters: inputs.filters?.map(filterToWire),
    filter_logic: inputs.filterLogic,
    active: inputs.active ?? false,
    policies: inputs.policies,
    only_enrich_updates: inputs.onlyEnrichUpdates,
    skip_initial_backfill: inputs.skipInitialBackfill,
    sync_all_records: inputs.syncAllRecords,
  });
}

/** The mappings in the program's shape, each settled against the program's mapping of the same target. */
function mappingsFromWire(
  live: Json[] | undefined,
  known: SyncFieldMapping[] | undefined,
): SyncFieldMapping[] {
  const byTarget = new Map((known ?? []).map((f) => [f.target, f]));
  return (live ?? []).map((f) => mappingFromWire(f, byTarget.get(String(f.target))));
}

/**
 * Live values in the program's shape (`inputs`: the program on create and update, the state on read):
 * exactly what the API holds, with members the program leaves out left out while the API holds their
 * defaults.
 */
export function fromApiModelSync(api: ApiModelSync, inputs: ModelSyncInputs): ModelSyncOutputs {
  const target = api.target ?? {};
  const overrideFields = (api.override_fields ?? []).map((f) => ({
    target: String(f.target),
    value: String(f.override_value ?? ""),
  }));
  return defined({
    resourceUrn: inputs.resourceUrn,
    name: api.name,
    mode: api.mode,
    schedule: scheduleFromWire(api.schedule ?? { frequency: "manual" }, inputs.schedule),
    target: targetFromWire(target, inputs.target),
    targetConnectionId: String(target.connection_id ?? ""),
    fields: mappingsFromWire(api.fields, inputs.fields),
    identity: api.identity ? identityFromWire(api.identity, inputs.identity) : undefined,
    overrideFields: settleList(inputs.overrideFields, overrideFields),
    overrides: settleList(
      inputs.overrides,
      (api.overrides ?? []).map((o, i) => overrideFromWire(o, inputs.overrides?.[i])),
    ),
    filters: settleList(
      inputs.filters,
      (api.filters ?? []).map((f, i) => filterFromWire(f, inputs.filters?.[i])),
    ),
    filterLogic: settle(inputs.filterLogic, api.filter_logic, ""),
    active: settle(inputs.active, api.active, false),
    policies: settleList(inputs.policies, api.policies),
    onlyEnrichUpdates: settle(inputs.onlyEnrichUpdates, api.only_enrich_updates, false),
    skipInitialBackfill: settle(inputs.skipInitialBackfill, api.skip_initial_backfill, false),
    syncAllRecords: settle(inputs.syncAllRecords, api.sync_all_records, false),
    syncId: api.id,
    modelIds: api.model_ids ?? [],
  });
}
