/**
 * Compile-time cases for schedule parts, enforced by test/unit/typecheck.test.ts (`tsc --noEmit` over
 * the project): a part may be written as a number (`hour: 9`) or its string (`hour: "9"`, or cron text
 * for `custom`), directly, as a ModelSync's per-member `Input`, and in the components that take a
 * schedule; anything else (a boolean, a Date) does not compile. check turns numbers into the strings.
 */
import * as pulumi from "@pulumi/pulumi";
import type { BulkSyncSettings } from "../../components/bulkSyncPipeline";
import type { PipelineSync } from "../../components/modelSyncPipeline";
import type {
  AdditionalSchedule,
  BulkSyncArgs,
  ModelSyncArgs,
  ModelSyncSchedule,
  Schedule,
} from "../../provider";

/** Never called: only type-checked. */
export function schedulePartCases(connectionId: string, modelId: string): unknown[] {
  const daily: Schedule = { frequency: "daily", hour: 9, minute: 0 };
  const mixed: Schedule = {
    frequency: "custom",
    minute: "*/15",
    hour: 9,
    dayOfWeek: 1,
    dayOfMonth: "1-7",
    month: 12,
  };
  const extra: AdditionalSchedule = { frequency: "hourly", minute: 30, selectiveMode: "incrementalFields" };
  const bulk: BulkSyncArgs = {
    sourceConnectionId: connectionId,
    destinationConnectionId: connectionId,
    destinationConfiguration: {},
    schedule: daily,
    additionalSchedules: [extra, { frequency: "weekly", minute: 0, hour: "3", dayOfWeek: 6 }],
  };
  const model: ModelSyncArgs = {
    mode: "create",
    // Each member of a ModelSync's schedule takes an Input: a number from another resource's output too.
    schedule: { frequency: "daily", hour: pulumi.output(9), minute: 0 },
    target: { connectionId, object: "Contact" },
    fields: [{ source: { modelId, field: "email" }, target: "Email" }],
  };
  const modelSchedule: ModelSyncSchedule = { frequency: "weekly", minute: 0, hour: 9, dayOfWeek: 1 };
  const pipelineBulk: BulkSyncSettings["schedule"] = { frequency: "daily", hour: 2, minute: 0 };
  const pipelineSync: PipelineSync["schedule"] = { frequency: "hourly", minute: 15 };
  return [
    daily,
    mixed,
    bulk,
    model,
    modelSchedule,
    pipelineBulk,
    pipelineSync,
    // @ts-expect-error a part is a number or its string, never a boolean
    { frequency: "hourly", minute: true } satisfies Schedule,
    // @ts-expect-error nor a Date
    { frequency: "daily", hour: new Date(), minute: 0 } satisfies ModelSyncSchedule,
  ];
}
