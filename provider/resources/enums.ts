/**
 * The API's enumerations as programs write them. Each list restates a type of the official SDK (npm
 * `polytomic` 1.18.1, `dist/api/types/<Type>.d.ts`); they are declared here, not imported, because the
 * SDK is only a development dependency. The `as const` lists drive `check`, and each type is its list's
 * elements, so the two cannot drift apart. test/types/sdkEnums.ts fails to compile when a type here and
 * the SDK's differ in either direction; test/contract/sdkEnums.test.ts checks the lists against the
 * SDK's declarations, `check` and the emulator at run time.
 */

/**
 * Schedule frequencies a program writes: the SDK's `ScheduleFrequency` except `multi` (see
 * {@link SPLIT_FREQUENCY}).
 */
export const SCHEDULE_FREQUENCIES = [
  "manual",
  "continuous",
  "hourly",
  "daily",
  "weekly",
  "custom",
  "builder",
  "runafter",
  "dbtcloud",
] as const;

/**
 * When a sync runs: `manual` (only when started), `continuous`, `hourly` (at `minute`), `daily` (at
 * `hour`:`minute`), `weekly` (also `dayOfWeek`), `custom` (cron parts), `builder`, `runafter` (after
 * other syncs; model syncs) or `dbtcloud` (after a dbt Cloud job; model syncs). The SDK's
 * `ScheduleFrequency` without `multi`, which a program writes as `additionalSchedules`.
 */
export type ScheduleFrequency = (typeof SCHEDULE_FREQUENCIES)[number];

/**
 * The frequency that carries split schedules on the 2024-02-08 wire (`schedule.multi`): the provider
 * sends it when a bulk sync has `additionalSchedules` and reads it back into them, so a program never
 * writes it (and `check` refuses it). Model-sync schedules have no split form (the SDK's `Schedule`
 * has no `multi` member).
 */
export const SPLIT_FREQUENCY = "multi";

/** Every frequency the API knows: the SDK's `ScheduleFrequency`, {@link SPLIT_FREQUENCY} included. */
export type ApiScheduleFrequency = ScheduleFrequency | typeof SPLIT_FREQUENCY;

/** Bulk-sync modes (SDK `BulkSyncMode`). */
export const BULK_SYNC_MODES = ["snapshot", "replicate"] as const;

/**
 * How a bulk sync writes: `replicate` keeps the destination a copy of the source, `snapshot` appends
 * a full copy on every run. The SDK's `BulkSyncMode`.
 */
export type BulkSyncMode = (typeof BULK_SYNC_MODES)[number];

/** Which new source objects or fields a bulk sync adds by itself (SDK `BulkDiscover`). */
export const BULK_DISCOVER = ["all", "onlyIncremental", "onlyNonIncremental", "none"] as const;

/**
 * Which new source objects (`automaticallyAddNewObjects`) or fields (`automaticallyAddNewFields`) a
 * bulk sync adds by itself: `all`, `onlyIncremental`, `onlyNonIncremental` or `none`. The SDK's
 * `BulkDiscover`.
 */
export type BulkDiscover = (typeof BULK_DISCOVER)[number];

/** Destination name normalizations (SDK `BulkNormalizeNames`). */
export const BULK_NORMALIZE_NAMES = ["enabled", "disabled", "legacy"] as const;

/**
 * How a bulk sync names destination tables and columns: `enabled` (normalized), `disabled` (as the
 * source names them) or `legacy`. The SDK's `BulkNormalizeNames`.
 */
export type BulkNormalizeNames = (typeof BULK_NORMALIZE_NAMES)[number];

/** Which fields an additional bulk schedule syncs (SDK `BulkSelectiveMode`). */
export const BULK_SELECTIVE_MODES = ["none", "incrementalFields", "nonincrementalFields"] as const;

/**
 * Which fields an additional bulk schedule syncs: `none` (every field), `incrementalFields` or
 * `nonincrementalFields`. The SDK's `BulkSelectiveMode` (2024-02-08 `multi` item, 2025-09-18
 * `selective_mode`).
 */
export type BulkSelectiveMode = (typeof BULK_SELECTIVE_MODES)[number];

/** Model-sync modes (SDK `ModelSyncMode`). */
export const MODEL_SYNC_MODES = [
  "create",
  "update",
  "updateOrCreate",
  "replace",
  "append",
  "remove",
  "snapshot",
] as const;

/**
 * How a model sync writes records: `create`, `update`, `updateOrCreate`, `replace`, `append`, `remove`
 * or `snapshot`; which of them a target object supports comes from its `modes`. The SDK's
 * `ModelSyncMode`.
 */
export type ModelSyncMode = (typeof MODEL_SYNC_MODES)[number];

/** Modes that match existing records, so they always need an identity. */
export const IDENTITY_MODES: readonly ModelSyncMode[] = ["update", "updateOrCreate", "remove"];

/** Identity functions (SDK `SchemaIdentityFunction`). */
export const IDENTITY_FUNCTIONS = [
  "Equality",
  "ISubstring",
  "OneOf",
  "DomainMatch",
  "HostnameMatch",
] as const;

/**
 * How an identity matches source and target values: `Equality`, `ISubstring`, `OneOf`, `DomainMatch`
 * or `HostnameMatch`; which of them a target field offers comes from its `identity_functions`. The
 * SDK's `SchemaIdentityFunction`.
 */
export type SchemaIdentityFunction = (typeof IDENTITY_FUNCTIONS)[number];

/** Filter functions (SDK `FilterFunction`). */
export const FILTER_FUNCTIONS = [
  "Equality",
  "Inequality",
  "IsNull",
  "IsNotNull",
  "True",
  "False",
  "OnOrAfter",
  "OnOrBefore",
  "GreaterThan",
  "GreaterThanEqual",
  "LessThan",
  "LessThanEqual",
  "StringContains",
  "StringStartsWith",
  "StringEndsWith",
  "StringDoesNotContain",
  "StringDoesNotStartWith",
  "StringDoesNotEndWith",
  "StringOneOf",
  "StringNotOneOf",
  "Between",
  "ArrayContains",
  "ArrayDoesNotContain",
  "InTheLast",
  "RelativeOnOrBefore",
  "RelativeOnOrAfter",
  "StringLike",
  "StringNotLike",
  "StringMatchesTrimmed",
] as const;

/**
 * The test of a model-sync filter or override, e.g. `Equality`, `IsNotNull`, `Between`,
 * `StringOneOf`, `InTheLast`. The SDK's `FilterFunction`.
 */
export type FilterFunction = (typeof FILTER_FUNCTIONS)[number];

/** Filter functions that compare with no value. */
export const VALUELESS_FILTER_FUNCTIONS: readonly FilterFunction[] = ["IsNull", "IsNotNull", "True", "False"];

/** What a filter's field refers to (SDK `FilterFieldReferenceType`). */
export const FILTER_FIELD_TYPES = ["Model", "Target"] as const;

/**
 * What a filter's field refers to: a `Model` field or a `Target` field. The SDK's
 * `FilterFieldReferenceType`.
 */
export type FilterFieldReferenceType = (typeof FILTER_FIELD_TYPES)[number];

/**
 * `T` with every enumerated string widened to `string`: what the provider receives before `check` has
 * validated it (and what it reads back from the API), as opposed to the typed program-facing `Args`.
 */
export type Unchecked<T> = T extends string
  ? string
  : T extends readonly (infer U)[]
    ? Unchecked<U>[]
    : T extends object
      ? { [K in keyof T]: Unchecked<T[K]> }
      : T;
