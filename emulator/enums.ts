/**
 * The API's enumerations, restated from the official SDK's types (npm `polytomic` 1.18.1,
 * `api/types/<Type>.d.ts`). The emulator keeps its own copy (it ships without the SDK and shares no
 * validation code with the provider); test/contract/sdkEnums.test.ts checks each list against the
 * SDK's runtime constants, so a new SDK value cannot be missed silently.
 */

/** `ScheduleFrequency`: model-sync `schedule.frequency` and bulk-sync schedule frequencies (`BulkSchedule`). */
export const SCHEDULE_FREQUENCIES = [
  "manual",
  "continuous",
  "hourly",
  "daily",
  "weekly",
  "custom",
  "builder",
  "runafter",
  "multi",
  "dbtcloud",
] as const;

/** `ModelSyncMode`: model-sync `mode`. */
export const MODEL_SYNC_MODES = [
  "create",
  "update",
  "updateOrCreate",
  "replace",
  "append",
  "remove",
  "snapshot",
] as const;

/** `SchemaIdentityFunction`: model-sync `identity.function`. */
export const IDENTITY_FUNCTIONS = [
  "Equality",
  "ISubstring",
  "OneOf",
  "DomainMatch",
  "HostnameMatch",
] as const;

/** `FilterFunction`: model-sync `filters[].function`, `overrides[].function`, bulk `BulkFilter.function`. */
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

/** `FilterFieldReferenceType`: model-sync `filters[].field_type`. */
export const FILTER_FIELD_TYPES = ["Model", "Target"] as const;

/** `BulkSyncMode`: bulk-sync `mode`. */
export const BULK_SYNC_MODES = ["snapshot", "replicate"] as const;

/** `BulkDiscover`: `automatically_add_new_objects` / `automatically_add_new_fields`. */
export const BULK_DISCOVER = ["all", "onlyIncremental", "onlyNonIncremental", "none"] as const;

/** `BulkNormalizeNames`: bulk-sync `normalize_names`. */
export const BULK_NORMALIZE_NAMES = ["enabled", "disabled", "legacy"] as const;

/** `BulkSelectiveMode`: the `item` of a 2024-02-08 multi schedule, 2025-09-18 `selective_mode`. */
export const BULK_SELECTIVE_MODES = ["none", "incrementalFields", "nonincrementalFields"] as const;

/** `BulkResyncMode`: bulk execution `resync_mode` (and per-schedule `resync_mode`). */
export const BULK_RESYNC_MODES = ["refetch", "resync", "rebuild"] as const;

/** `BulkFetchMode`: bulk execution `fetch_mode`. */
export const BULK_FETCH_MODES = ["none", "incremental", "full"] as const;

/** Every list above by the SDK type it restates (read by the SDK-enumeration contract test). */
export const SDK_ENUMS: Readonly<Record<string, readonly string[]>> = {
  ScheduleFrequency: SCHEDULE_FREQUENCIES,
  ModelSyncMode: MODEL_SYNC_MODES,
  SchemaIdentityFunction: IDENTITY_FUNCTIONS,
  FilterFunction: FILTER_FUNCTIONS,
  FilterFieldReferenceType: FILTER_FIELD_TYPES,
  BulkSyncMode: BULK_SYNC_MODES,
  BulkDiscover: BULK_DISCOVER,
  BulkNormalizeNames: BULK_NORMALIZE_NAMES,
  BulkSelectiveMode: BULK_SELECTIVE_MODES,
  BulkResyncMode: BULK_RESYNC_MODES,
  BulkFetchMode: BULK_FETCH_MODES,
};

/**
 * Whether a request left an optional value unset. The Go SDK (polytomic-go, which the official
 * Terraform provider uses) sends an unset optional string as `""` and an unset number as `0`, so
 * both mean "not set", as do `null` and an absent key.
 */
export function isUnset(value: unknown): value is undefined | null | "" {
  return value === undefined || value === null || value === "";
}
