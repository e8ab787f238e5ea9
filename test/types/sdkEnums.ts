/**
 * Compile-time cases for the enumerations the provider's Args take, enforced by
 * test/unit/typecheck.test.ts (`tsc --noEmit` over the project): each union the provider declares
 * (provider/resources/enums.ts) must equal the official SDK's type in both directions, and each
 * enumerated member of the Args must be typed with it. A new value in either, or a field typed back to
 * plain `string`, fails to compile. test/contract/sdkEnums.test.ts checks the same sets at run time.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Polytomic } from "polytomic";
import type { BulkSyncSettings } from "../../components/bulkSyncPipeline";
import type { PipelineSync } from "../../components/modelSyncPipeline";
import type {
  AdditionalSchedule,
  BulkSyncArgs,
  ModelSyncArgs,
  ModelSyncSchedule,
  Schedule,
  SyncFilter,
  SyncIdentity,
  SyncOverride,
} from "../../provider";
import type {
  ApiScheduleFrequency,
  BulkDiscover,
  BulkNormalizeNames,
  BulkSelectiveMode,
  BulkSyncMode,
  FilterFieldReferenceType,
  FilterFunction,
  ModelSyncMode,
  ScheduleFrequency,
  SchemaIdentityFunction,
} from "../../provider/resources/enums";

/** True when `A` and `B` are the same set of values (each assignable to the other); never distributes. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The value type of a member that takes a Pulumi `Input`. */
type Resolved<T> = T extends pulumi.OutputInstance<infer U> ? U : T extends Promise<infer U> ? U : T;

// The provider's unions are the SDK's.
export const frequencies: Same<ApiScheduleFrequency, Polytomic.ScheduleFrequency> = true;
export const bulkModes: Same<BulkSyncMode, Polytomic.BulkSyncMode> = true;
export const discover: Same<BulkDiscover, Polytomic.BulkDiscover> = true;
export const normalize: Same<BulkNormalizeNames, Polytomic.BulkNormalizeNames> = true;
export const selective: Same<BulkSelectiveMode, Polytomic.BulkSelectiveMode> = true;
export const syncModes: Same<ModelSyncMode, Polytomic.ModelSyncMode> = true;
export const identityFunctions: Same<SchemaIdentityFunction, Polytomic.SchemaIdentityFunction> = true;
export const filterFunctions: Same<FilterFunction, Polytomic.FilterFunction> = true;
export const fieldTypes: Same<FilterFieldReferenceType, Polytomic.FilterFieldReferenceType> = true;

// The documented exception: a program's frequency is the SDK's without `multi` (split schedules are
// `additionalSchedules`), and nothing else is left out.
export const programFrequencies: Same<
  ScheduleFrequency,
  Exclude<Polytomic.ScheduleFrequency, "multi">
> = true;
export const noMulti: Same<Extract<ScheduleFrequency, "multi">, never> = true;

// Each enumerated member of the Args takes exactly the SDK's values.
export const bulkSyncMode: Same<Resolved<NonNullable<BulkSyncArgs["mode"]>>, Polytomic.BulkSyncMode> = true;
export const bulkNewObjects: Same<
  Resolved<NonNullable<BulkSyncArgs["automaticallyAddNewObjects"]>>,
  Polytomic.BulkDiscover
> = true;
export const bulkNewFields: Same<
  Resolved<NonNullable<BulkSyncArgs["automaticallyAddNewFields"]>>,
  Polytomic.BulkDiscover
> = true;
export const bulkNames: Same<
  Resolved<NonNullable<BulkSyncArgs["normalizeNames"]>>,
  Polytomic.BulkNormalizeNames
> = true;
export const scheduleFrequency: Same<Schedule["frequency"], ScheduleFrequency> = true;
export const bulkSchedule: Same<Resolved<BulkSyncArgs["schedule"]>, Schedule> = true;
export const additionalSchedules: Same<
  Resolved<NonNullable<BulkSyncArgs["additionalSchedules"]>>,
  AdditionalSchedule[]
> = true;
export const additionalMode: Same<
  NonNullable<AdditionalSchedule["selectiveMode"]>,
  Polytomic.BulkSelectiveMode
> = true;
export const syncMode: Same<Resolved<ModelSyncArgs["mode"]>, Polytomic.ModelSyncMode> = true;
export const syncFrequency: Same<ModelSyncSchedule["frequency"], ScheduleFrequency> = true;
export const identityFunction: Same<
  NonNullable<SyncIdentity["function"]>,
  Polytomic.SchemaIdentityFunction
> = true;
export const filterFunction: Same<SyncFilter["function"], Polytomic.FilterFunction> = true;
export const filterFieldType: Same<
  NonNullable<SyncFilter["fieldType"]>,
  Polytomic.FilterFieldReferenceType
> = true;
export const overrideFunction: Same<SyncOverride["function"], Polytomic.FilterFunction> = true;

// The components pass the same members through.
export const pipelineBulkMode: Same<
  Resolved<NonNullable<BulkSyncSettings["mode"]>>,
  Polytomic.BulkSyncMode
> = true;
export const pipelineNewObjects: Same<
  Resolved<NonNullable<BulkSyncSettings["automaticallyAddNewObjects"]>>,
  Polytomic.BulkDiscover
> = true;
export const pipelineSyncMode: Same<Resolved<PipelineSync["mode"]>, Polytomic.ModelSyncMode> = true;

/** Never called: only type-checked. Values outside the SDK's sets do not compile. */
export function typedEnumCases(sourceConnectionId: string, destinationConnectionId: string): unknown[] {
  const schedule: Schedule = { frequency: "builder" };
  const args: BulkSyncArgs[] = [
    {
      sourceConnectionId,
      destinationConnectionId,
      destinationConfiguration: {},
      schedule,
      mode: "snapshot",
      automaticallyAddNewObjects: "onlyIncremental",
      normalizeNames: "legacy",
      additionalSchedules: [{ frequency: "hourly", minute: "5", selectiveMode: "incrementalFields" }],
    },
    {
      sourceConnectionId,
      destinationConnectionId,
      destinationConfiguration: {},
      // @ts-expect-error multi is the wire's form of split schedules: a program writes additionalSchedules
      schedule: { frequency: "multi" },
    },
    {
      sourceConnectionId,
      destinationConnectionId,
      destinationConfiguration: {},
      schedule,
      // @ts-expect-error the SDK's BulkSyncMode has no mirror
      mode: "mirror",
    },
    {
      sourceConnectionId,
      destinationConnectionId,
      destinationConfiguration: {},
      schedule,
      // @ts-expect-error the SDK's BulkDiscover has no some
      automaticallyAddNewFields: "some",
    },
    {
      sourceConnectionId,
      destinationConnectionId,
      destinationConfiguration: {},
      // @ts-expect-error builtin is not a ScheduleFrequency (builder is)
      schedule: { frequency: "builtin" },
    },
  ];
  const identity: SyncIdentity = {
    source: { modelId: "m", field: "email" },
    target: "Email",
    function: "OneOf",
  };
  // @ts-expect-error the SDK's SchemaIdentityFunction has no Contains
  const badIdentity: SyncIdentity = { ...identity, function: "Contains" };
  const filter: SyncFilter = {
    fieldId: "Email",
    fieldType: "Target",
    function: "StringMatchesTrimmed",
    value: "a",
  };
  // @ts-expect-error the SDK's FilterFunction has no Like (StringLike is)
  const badFilter: SyncFilter = { ...filter, function: "Like" };
  const syncArgs: Pick<ModelSyncArgs, "mode">[] = [
    { mode: "snapshot" },
    // @ts-expect-error the SDK's ModelSyncMode has no enrich (the docs' prose mentions it; the type does not)
    { mode: "enrich" },
  ];
  return [args, identity, badIdentity, filter, badFilter, syncArgs];
}
