/**
 * ModelSync: reverse ETL from models into a target object (a CRM object, a table, a webhook), the
 * `/api/syncs` object: mode, identity, field mappings, overrides, filters, schedule and target.
 *
 * Endpoints: POST /api/syncs, GET/PUT/DELETE /api/syncs/{id}.
 */
import type * as pulumi from "@pulumi/pulumi";
import { configureProvider, getClient } from "../client/runtime";
import { adopt } from "../internal/adopt";
import { Failures, isUnknown, nameFromUrn } from "../internal/check";
import { canonical, diffProps } from "../internal/diff";
import { encodable } from "../internal/encodable";
import { filterLogicProblem } from "../internal/filterLogic";
import { createLive } from "../internal/idempotency";
import { checkName } from "../internal/names";
import { unlessNotFound } from "../internal/notFound";
import {
  FILTER_FIELD_TYPES,
  FILTER_FUNCTIONS,
  IDENTITY_FUNCTIONS,
  IDENTITY_MODES,
  MODEL_SYNC_MODES,
  VALUELESS_FILTER_FUNCTIONS,
} from "./enums";
import { checkModelSyncLive } from "./liveChecks";
import {
  type ApiModelSync,
  fromApiModelSync,
  type ModelSyncInputs,
  type ModelSyncOutputs,
  toApiModelSync,
} from "./modelSyncWire";
import { checkSchedule, normalizeSchedule } from "./schedule";

export type {
  ModelFieldRef,
  ModelSyncArgs,
  ModelSyncSchedule,
  SyncFieldMapping,
  SyncFilter,
  SyncIdentity,
  SyncOverride,
  SyncOverrideField,
  SyncTarget,
} from "./modelSyncWire";

/** Why a model sync's schedule is never `multi`. */
const SPLIT_ADVICE = "the API carries split schedules that way, and model syncs have none";

/** Type token: `pulumi-nodejs:dynamic/polytomic:ModelSync`. */
export const MODEL_SYNC_TYPE = "pulumi-nodejs:dynamic/polytomic:ModelSync";
// The target connection is where the records live; moving a sync elsewhere is a new sync.
const REPLACE_ON = ["targetConnectionId"] as const;
const COMPARED = [
  "name",
  "mode",
  "schedule",
  "target",
  "fields",
  "overrideFields",
  "overrides",
  "filters",
  "filterLogic",
  "identity",
  "active",
  "policies",
  "onlyEnrichUpdates",
  "skipInitialBackfill",
  "syncAllRecords",
] as const;

function checkRef(failures: Failures, path: string, ref: unknown): void {
  if (isUnknown(ref)) return;
  const r = ref as { modelId?: unknown; field?: unknown } | undefined;
  if (typeof r !== "object" || r === null) {
    failures.add(path, "is required: { modelId, field }");
    return;
  }
  failures.requireString(`${path}.modelId`, r.modelId);
  failures.requireString(`${path}.field`, r.field);
}

function checkMappings(failures: Failures, inputs: ModelSyncInputs): void {
  if (isUnknown(inputs.fields)) return;
  if (!Array.isArray(inputs.fields) || inputs.fields.length === 0) {
    failures.add("fields", "must map at least one field: [{ source: { modelId, field }, target }]");
    return;
  }
  const targets = new Map<string, string>();
  const claim = (path: string, target: unknown) => {
    failures.requireString(`${path}.target`, target);
    if (typeof target !== "string" || isUnknown(target)) return;
    const first = targets.get(target);
    if (first) failures.add(`${path}.target`, `maps "${target}" again (already mapped by ${first})`);
    else targets.set(target, path);
  };
  inputs.fields.forEach((f, i) => {
    if (isUnknown(f)) return;
    claim(`fields[${i}]`, f?.target);
    if (f?.overrideValue === undefined) checkRef(failures, `fields[${i}].source`, f?.source);
  });
  (inputs.overrideFields ?? []).forEach((f, i) => {
    if (isUnknown(f)) return;
    claim(`overrideFields[${i}]`, f?.target);
    if (f?.value === undefined)
      failures.add(`overrideFields[${i}].value`, "is required: the constant written");
  });
}

function checkIdentity(failures: Failures, inputs: ModelSyncInputs): void {
  const { identity, mode } = inputs;
  if (identity === undefined) {
    if (typeof mode === "string" && (IDENTITY_MODES as readonly string[]).includes(mode))
      failures.add(
        "identity",
        `is required for mode ${mode}: { source: { modelId, field }, target, function }`,
      );
    return;
  }
  if (isUnknown(identity)) return;
  checkRef(failures, "identity.source", identity.source);
  failures.requireString("identity.target", identity.target);
  failures.oneOf("identity.function", identity.function ?? "Equality", IDENTITY_FUNCTIONS);
}

function checkFilters(failures: Failures, inputs: ModelSyncInputs): void {
  const filters = inputs.filters ?? [];
  filters.forEach((filter, i) => {
    if (isUnknown(filter)) return;
    const path = `filters[${i}]`;
    failures.oneOf(`${path}.function`, filter.function ?? "", FILTER_FUNCTIONS);
    failures.oneOf(`${path}.fieldType`, filter.fieldType, FILTER_FIELD_TYPES);
    if (filter.field === undefined && filter.fieldId === undefined)
      failures.add(`${path}.field`, "is required: { modelId, field } (or fieldId for a target field)");
    if (filter.field !== undefined) checkRef(failures, `${path}.field`, filter.field);
    const valueless = (VALUELESS_FILTER_FUNCTIONS as readonly string[]).includes(String(filter.function));
    if (!valueless && (filter.value === undefined || filter.value === ""))
      failures.add(`${path}.value`, `is required for function ${String(filter.function)}`);
  });
  (inputs.overrides ?? []).forEach((override, i) => {
    if (isUnknown(override)) return;
    failures.oneOf(`overrides[${i}].function`, override.function ?? "", FILTER_FUNCTIONS);
    checkRef(failures, `overrides[${i}].field`, override.field);
    if (override.override === undefined)
      failures.add(`overrides[${i}].override`, "is required: the value written");
  });
  const logic = inputs.filterLogic;
  if (logic !== undefined && !isUnknown(logic)) {
    const problem = filterLogicProblem(String(logic), filters.length);
    if (problem) failures.add("filterLogic", problem);
  }
}

function checkTarget(failures: Failures, inputs: ModelSyncInputs): void {
  const target = inputs.target;
  if (isUnknown(target)) return;
  if (typeof target !== "object" || target === null) {
    failures.add("target", "is required: { connectionId, object }");
    return;
  }
  failures.requireString("target.connectionId", target.connectionId);
  if (target.create === undefined) failures.requireString("target.object", target.object);
  else if (target.object !== undefined)
    failures.add("target.object", "and target.create are mutually exclusive");
}

function checkRunAfter(failures: Failures, inputs: ModelSyncInputs): void {
  const s = inputs.schedule;
  if (isUnknown(s) || typeof s !== "object" || s === null) return;
  if (s.frequency === "runafter") {
    const ids = [...(s.runAfter?.syncIds ?? []), ...(s.runAfter?.bulkSyncIds ?? [])];
    if (ids.length === 0)
      failures.add("schedule.runAfter", "needs syncIds or bulkSyncIds when frequency is runafter");
  }
  if (s.frequency === "dbtcloud") {
    failures.requireString("schedule.connectionId", s.connectionId);
    if (!isUnknown(s.jobId) && !Number.isInteger(s.jobId))
      failures.add("schedule.jobId", "is required when frequency is dbtcloud: the dbt Cloud job id");
  }
}

/** The implementation behind the shim. */
export const modelSyncProvider: pulumi.dynamic.ResourceProvider<ModelSyncInputs, ModelSyncOutputs> =
  encodable({
    async configure(req) {
      configureProvider(req.config);
    },

    async check(olds, news) {
      const failures = new Failures("ModelSync", nameFromUrn(news.resourceUrn));
      checkName(failures, "name", news.name);
      failures.oneOf("mode", news.mode ?? "", MODEL_SYNC_MODES);
      checkSchedule(failures, "schedule", news.schedule, SPLIT_ADVICE);
      checkRunAfter(failures, news);
      checkTarget(failures, news);
      checkMappings(failures, news);
      checkIdentity(failures, news);
      checkFilters(failures, news);
      // Schedule parts written as numbers go on as the API's strings, so state matches what a refresh reads.
      const inputs: ModelSyncInputs = {
        ...news,
        schedule: normalizeSchedule(news.schedule),
        targetConnectionId: news.target?.connectionId ?? "",
      };
      // Inputs that a check passed and `up` applied are not checked against the API again: an unchanged
      // preview makes no call (a refresh is what finds objects removed since).
      const applied = canonical(olds) === canonical(inputs);
      if (failures.list.length === 0 && !applied) await checkModelSyncLive(failures, inputs);
      return failures.list.length > 0 ? { failures: failures.list } : { inputs };
    },

    async diff(_id, olds, news) {
      return diffProps(
        olds as unknown as Record<string, unknown>,
        news as unknown as Record<string, unknown>,
        [...COMPARED, "targetConnectionId"],
        REPLACE_ON,
      );
    },

    async create(inputs) {
      if (inputs.adoptId) {
        const id = inputs.adoptId;
        return adopt(
          `ModelSync "${nameFromUrn(inputs.resourceUrn)}"`,
          "model sync",
          id,
          `/api/syncs/${id}`,
          () => modelSyncProvider.update?.(id, inputs as ModelSyncOutputs, inputs) ?? Promise.resolve({}),
        );
      }
      const body = toApiModelSync(inputs);
      const response = await createLive({
        resourceUrn: inputs.resourceUrn,
        body,
        post: (key) =>
          getClient().request<{ data: ApiModelSync }>("POST", "/api/syncs", { body, idempotencyKey: key }),
        idOf: (created) => created.data.id,
        pathOf: (id) => `/api/syncs/${id}`,
      });
      return { id: response.data.id, outs: fromApiModelSync(response.data, inputs) };
    },

    async read(id, props) {
      const known = props as ModelSyncOutputs;
      const response = await unlessNotFound(() =>
        getClient().request<{ data: ApiModelSync }>("GET", `/api/syncs/${id}`),
      );
      if (!response) return {};
      const live = fromApiModelSync(response.data, known);
      const { syncId: _id, modelIds: _models, ...inputs } = live;
      return { id, props: live, inputs: inputs as ModelSyncOutputs };
    },

    async update(id, _olds, news) {
      const response = await getClient().request<{ data: ApiModelSync }>("PUT", `/api/syncs/${id}`, {
        body: toApiModelSync(news),
      });
      return { outs: fromApiModelSync(response.data, news) };
    },

    async delete(id) {
      await unlessNotFound(() => getClient().request("DELETE", `/api/syncs/${id}`));
    },
  });
