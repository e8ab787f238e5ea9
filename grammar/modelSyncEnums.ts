/**
 * Enumerations of the model-sync API (`/api/syncs`), shared by the provider's `check` and the emulator.
 */

/** Every model-sync mode. */
export const SYNC_MODES = [
  "create",
  "update",
  "updateOrCreate",
  "replace",
  "append",
  "remove",
  "snapshot",
] as const;

/** Modes that match existing records, so they always need an identity. */
export const IDENTITY_MODES: readonly string[] = ["update", "updateOrCreate", "remove"];

/** Model-sync schedule frequencies (`custom` is cron; there is no separate `dbt` value). */
export const SYNC_FREQUENCIES = [
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

/** How an identity matches source and target values. */
export const IDENTITY_FUNCTIONS = [
  "Equality",
  "ISubstring",
  "OneOf",
  "DomainMatch",
  "HostnameMatch",
] as const;

/** Every filter function. */
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

/** Filter functions that compare with no value. */
export const VALUELESS_FILTER_FUNCTIONS: readonly string[] = ["IsNull", "IsNotNull", "True", "False"];
