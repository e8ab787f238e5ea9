/**
 * BulkSync: ELT from a source connection into a warehouse or bucket, with per-schema selection.
 *
 * Endpoints: POST /api/bulk/syncs, GET/PUT/DELETE /api/bulk/syncs/{id}, GET/PATCH
 * /api/bulk/syncs/{id}/schemas, GET /api/bulk/syncs/{id}/schemas/{schema}.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ApiVersion } from "../client/client";
import { isPolytomicError } from "../client/errors";
import { configureProvider, currentSettings, getClient } from "../client/runtime";
import { adopt } from "../internal/adopt";
import { Failures, isUnknown, nameFromUrn } from "../internal/check";
import { canonical, diffProps } from "../internal/diff";
import { encodable } from "../internal/encodable";
import { createdInThisProcess } from "../internal/freshConnections";
import { createLive } from "../internal/idempotency";
import { readListed } from "../internal/listedReads";
import { type LiveSchema, sourceSchemas } from "../internal/liveCheck";
import { checkName } from "../internal/names";
import { unlessNotFound } from "../internal/notFound";
import { inProgramOrder } from "../internal/order";
import { WaitProgress } from "../internal/progress";
import { pollSchemaCache, schemaCacheSeenFilled, schemaCacheStep } from "../internal/schemaCache";
import {
  BULK_DISCOVER,
  BULK_NORMALIZE_NAMES,
  BULK_SELECTIVE_MODES,
  BULK_SYNC_MODES,
  type BulkDiscover,
  type BulkNormalizeNames,
  type BulkSelectiveMode,
  type BulkSyncMode,
  type Unchecked,
} from "./enums";
import { checkBulkSchemasLive } from "./liveChecks";
import {
  checkSchedule,
  fromApiSchedules,
  normalizeSchedule,
  normalizeSchedules,
  type Schedule,
  toApiSchedules,
} from "./schedule";

export type { Schedule } from "./schedule";

/** Type token: `pulumi-nodejs:dynamic/polytomic:BulkSync`. */
export const BULK_SYNC_TYPE = "pulumi-nodejs:dynamic/polytomic:BulkSync";
// A sync stays bound to its connections (as in Polytomic's Terraform provider): pointing it elsewhere
// is a new sync. This also lets a replaced connection (delete-before-replace) take its syncs along.
const REPLACE_ON = ["sourceConnectionId", "destinationConnectionId"] as const;
const COMPARED = [
  "name",
  "sourceConnectionId",
  "destinationConnectionId",
  "mode",
  "schedule",
  "additionalSchedules",
  "destinationConfiguration",
  "sourceConfiguration",
  "schemas",
  "automaticallyAddNewObjects",
  "automaticallyAddNewFields",
  "normalizeNames",
  "active",
  "concurrencyLimit",
] as const;
/** How a program writes what the 2024-02-08 wire carries as a `multi` schedule. */
const SPLIT_ADVICE = "the API carries split schedules that way; write them as additionalSchedules";
/** The message the API answers while the source's schemas are not cached yet. */
const NOT_CACHED = /No schemas found|cache refresh in progress|did not provide any schemas/i;
/** Pause before re-polling when the cache reported ready but the POST still found no schemas. */
const RACE_PAUSE_MS = 250;

/** Selection of one source schema. */
export interface BulkSchemaSelection {
  /** Schema id: a Salesforce object, `schema.table`, a file, a collection. */
  readonly id: string;
  /** Fields to sync; omitted means every field. */
  readonly fields?: string[];
  /** Field used to partition the destination table. */
  readonly partitionKey?: string;
  /** Field that tracks incremental changes. */
  readonly trackingField?: string;
}

/** An extra schedule for some schemas or fields (2025-09-18 `additional_schedules`). */
export interface AdditionalSchedule extends Schedule {
  /** Schemas this schedule applies to; empty means all. */
  readonly schemas?: string[];
  /** `incrementalFields` or `nonincrementalFields` to sync only those fields; `none` (default) syncs every field. */
  readonly selectiveMode?: BulkSelectiveMode;
}

/** Arguments of a {@link BulkSync}. */
export interface BulkSyncArgs {
  /** Name in Polytomic; defaults to the resource name. */
  readonly name?: pulumi.Input<string>;
  /** Source connection. Changing this forces replacement. */
  readonly sourceConnectionId: pulumi.Input<string>;
  /** Destination connection (warehouse or bucket). Changing this forces replacement. */
  readonly destinationConnectionId: pulumi.Input<string>;
  /** `replicate` (default) or `snapshot`. */
  readonly mode?: pulumi.Input<BulkSyncMode>;
  /** When the sync runs. */
  readonly schedule: pulumi.Input<Schedule>;
  /** Further schedules (API 2025-09-18; sent as a `multi` schedule to 2024-02-08). */
  readonly additionalSchedules?: pulumi.Input<AdditionalSchedule[]>;
  /** Destination settings, e.g. `{ schema: "SALESFORCE" }` or `{ format: "parquet" }`. */
  readonly destinationConfiguration: pulumi.Input<Record<string, pulumi.Input<unknown>>>;
  /** Source settings, e.g. a Postgres `replication_slot`. */
  readonly sourceConfiguration?: pulumi.Input<Record<string, pulumi.Input<unknown>>>;
  /** Schemas to sync (ids or selections); omitted means every source schema. */
  readonly schemas?: pulumi.Input<(string | BulkSchemaSelection)[]>;
  /** Add new source objects automatically: `all`, `onlyIncremental`, `onlyNonIncremental`, `none` (default). */
  readonly automaticallyAddNewObjects?: pulumi.Input<BulkDiscover>;
  /** Add new fields automatically: `all` (default), `onlyIncremental`, `onlyNonIncremental`, `none`. */
  readonly automaticallyAddNewFields?: pulumi.Input<BulkDiscover>;
  /** Destination name normalization: `enabled` (default), `disabled`, `legacy`. */
  readonly normalizeNames?: pulumi.Input<BulkNormalizeNames>;
  /** Whether the sync runs on its schedule; default false. */
  readonly active?: pulumi.Input<boolean>;
  /** Maximum schemas synced at once. */
  readonly concurrencyLimit?: pulumi.Input<number>;
  /** How long create waits for the source's schema cache, in seconds; default 300. */
  readonly schemaCacheTimeoutSeconds?: pulumi.Input<number>;
  /**
   * Id of an existing Polytomic object to bring under management instead of creating one: `pulumi up`
   * updates it to the program's values and the stack owns it from then on (destroy deletes it). Use
   * this rather than the `import` resource option, which dynamic resources cannot serve.
   */
  readonly adoptId?: pulumi.Input<string>;
}

/** The provider's view of the inputs. */
export interface BulkSyncInputs {
  resourceUrn: string;
  name: string;
  sourceConnectionId: string;
  destinationConnectionId: string;
  mode?: string;
  schedule: Unchecked<Schedule>;
  additionalSchedules?: Unchecked<AdditionalSchedule>[];
  destinationConfiguration: Record<string, unknown>;
  sourceConfiguration?: Record<string, unknown>;
  schemas?: (string | BulkSchemaSelection)[];
  automaticallyAddNewObjects?: string;
  automaticallyAddNewFields?: string;
  normalizeNames?: string;
  active?: boolean;
  concurrencyLimit?: number;
  schemaCacheTimeoutSeconds?: number;
  adoptId?: string;
}

/** Outputs: the inputs plus the sync's id. */
export interface BulkSyncOutputs extends BulkSyncInputs {
  bulkSyncId: string;
}

interface ApiBulkSync {
  id: string;
  name: string;
  source_connection_id: string;
  destination_connection_id: string;
  mode?: string;
  active?: boolean;
  destination_configuration?: Record<string, unknown>;
  source_configuration?: Record<string, unknown>;
  schedule?: Record<string, unknown>;
  default_schedule?: Record<string, unknown>;
  additional_schedules?: Record<string, unknown>[];
  automatically_add_new_objects?: string;
  automatically_add_new_fields?: string;
  normalize_names?: string;
  concurrency_limit?: number;
}

function selection(item: string | BulkSchemaSelection): BulkSchemaSelection {
  return typeof item === "string" ? { id: item } : item;
}

function toApiSchema(item: string | BulkSchemaSelection): unknown {
  const s = selection(item);
  if (!s.fields && !s.partitionKey && !s.trackingField) return s.id;
  return {
    id: s.id,
    enabled: true,
    ...(s.fields ? { fields: s.fields.map((id) => ({ id, enabled: true })) } : {}),
    ...(s.partitionKey ? { partition_key: s.partitionKey } : {}),
    ...(s.trackingField ? { tracking_field: s.trackingField } : {}),
  };
}

function toApiBulkSync(
  inputs: BulkSyncInputs,
  version: ApiVersion,
  withSchemas: boolean,
): Record<string, unknown> {
  return {
    name: inputs.name,
    source_connection_id: inputs.sourceConnectionId,
    destination_connection_id: inputs.destinationConnectionId,
    mode: inputs.mode ?? "replicate",
    active: inputs.active ?? false,
    destination_configuration: inputs.destinationConfiguration,
    ...(inputs.sourceConfiguration ? { source_configuration: inputs.sourceConfiguration } : {}),
    ...toApiSchedules(inputs.schedule, inputs.additionalSchedules ?? [], version),
    automatically_add_new_objects: inputs.automaticallyAddNewObjects ?? "none",
    automatically_add_new_fields: inputs.automaticallyAddNewFields ?? "all",
    normalize_names: inputs.normalizeNames ?? "enabled",
    ...(inputs.concurrencyLimit !== undefined ? { concurrency_limit: inputs.concurrencyLimit } : {}),
    ...(withSchemas && inputs.schemas ? { schemas: inputs.schemas.map(toApiSchema) } : {}),
  };
}

/** The API version in force, or undefined while the provider's settings are incomplete (no key yet). */
function configuredApiVersion(): ApiVersion | undefined {
  try {
    return currentSettings().apiVersion;
  } catch {
    return undefined;
  }
}

/** One item of the sync's schema list (the list carries no fields). */
interface ApiBulkSchemaItem {
  id: string;
  enabled: boolean;
  partition_key?: string | null;
  tracking_field?: string | null;
}

/** The sync's schemas as the API has them, enabled or not. */
async function liveSchemaList(id: string): Promise<ApiBulkSchemaItem[]> {
  const list = await getClient().request<{ data: ApiBulkSchemaItem[] | null }>(
    "GET",
    `/api/bulk/syncs/${id}/schemas`,
  );
  return list.data ?? [];
}

/**
 * Whether the API selects every schema of the source, as a program without `schemas` says. The sync's
 * list may not name schemas it never selected, so the source's catalogue is the reference; it is only
 * read (once per source per process) when nothing in the list is disabled already.
 */
async function selectsEverySchema(live: readonly ApiBulkSchemaItem[], sourceConnectionId: string) {
  if (live.some((s) => !s.enabled)) return false;
  const catalogue = await sourceSchemas(sourceConnectionId);
  // The source cannot answer (cache refreshing): the sync's own list, all enabled, is all there is.
  if (!catalogue) return true;
  const enabled = new Set(live.map((s) => s.id));
  return catalogue.every((s) => enabled.has(s.id));
}

/**
 * Reads the live schema selection back into the program's shape (ids, or selections with fields).
 * For a program without `schemas` it is undefined while the API selects every schema, else the
 * enabled ids, so a refresh shows the difference as drift and the next update enables the rest.
 */
async function readSchemas(
  id: string,
  known: BulkSyncInputs,
): Promise<(string | BulkSchemaSelection)[] | undefined> {
  const client = getClient();
  const list = await liveSchemaList(id);
  const enabled = list.filter((s) => s.enabled);
  if (known.schemas === undefined)
    return (await selectsEverySchema(list, known.sourceConnectionId)) ? undefined : enabled.map((s) => s.id);
  const written = new Map(known.schemas.map((s) => [selection(s).id, s]));
  const out: (string | BulkSchemaSelection)[] = [];
  for (const live of enabled) {
    const item = written.get(live.id);
    const program = item === undefined ? undefined : selection(item);
    if (!program?.fields && !program?.partitionKey && !program?.trackingField) {
      // In the shape the program wrote it: `{ id }` and `"id"` select the same.
      out.push(typeof item === "object" ? { id: live.id } : live.id);
      continue;
    }
    const detail = await client.request<{ data: { fields: { id: string; enabled: boolean }[] } }>(
      "GET",
      `/api/bulk/syncs/${id}/schemas/${encodeURIComponent(live.id)}`,
    );
    const fields = inProgramOrder(
      detail.data.fields.filter((f) => f.enabled).map((f) => f.id),
      program.fields,
      (f) => f,
    );
    out.push({
      id: live.id,
      ...(program.fields ? { fields } : {}),
      ...(live.partition_key ? { partitionKey: live.partition_key } : {}),
      ...(live.tracking_field ? { trackingField: live.tracking_field } : {}),
    });
  }
  // Keep the program's order so reordering alone is not drift.
  const order = known.schemas.map((s) => selection(s).id);
  return out.sort((a, b) => order.indexOf(selection(a).id) - order.indexOf(selection(b).id));
}

/**
 * The source's catalogue (schemas with their fields), waiting for its cache like create does: a
 * refresh of the source empties it for a while.
 */
async function catalogueOf(inputs: BulkSyncInputs): Promise<LiveSchema[]> {
  const first = await sourceSchemas(inputs.sourceConnectionId);
  if (first) return first;
  const deadline = Date.now() + (inputs.schemaCacheTimeoutSeconds ?? 300) * 1000;
  const pending = await pollSchemaCache(inputs.sourceConnectionId, deadline);
  const catalogue = pending ? undefined : await sourceSchemas(inputs.sourceConnectionId);
  if (!catalogue)
    throw new Error(
      `${label(inputs)}: the source connection's schemas were not cached in time${pending?.cache_status ? ` (still "${pending.cache_status}")` : ""}; run \`pulumi up\` again`,
    );
  return catalogue;
}

/**
 * One schema of a PATCH body, as an object (the endpoint takes BulkSchema objects). A field list also
 * disables the source's other fields: the docs do not say whether listed fields replace or merge, and
 * saying both leaves no room.
 */
function toPatchSchema(item: string | BulkSchemaSelection, catalogue?: readonly LiveSchema[]) {
  const s = selection(item);
  const wanted = new Set(s.fields ?? []);
  const others = (catalogue?.find((c) => c.id === s.id)?.fields ?? []).filter((f) => !wanted.has(f.id));
  return {
    id: s.id,
    enabled: true,
    ...(s.fields
      ? {
          fields: [
            ...s.fields.map((id) => ({ id, enabled: true })),
            ...others.map((f) => ({ id: f.id, enabled: false })),
          ],
        }
      : {}),
    ...(s.partitionKey ? { partition_key: s.partitionKey } : {}),
    ...(s.trackingField ? { tracking_field: s.trackingField } : {}),
  };
}

/**
 * Makes the API's selection the program's with one PATCH (PUT leaves schemas alone). What to disable
 * comes from what the API has enabled, not from the previous inputs: those say nothing when they were
 * "every schema", and miss whatever was enabled outside the program. Without `schemas` every schema of
 * the source is enabled with every field, as on create.
 */
async function applySchemas(id: string, news: BulkSyncInputs): Promise<void> {
  let schemas: unknown[];
  // Schemas that hold a partition key or tracking field the program no longer gives: a PATCH leaves
  // what it does not name, so these get the per-schema PUT, which replaces the whole schema.
  let replaced: (string | BulkSchemaSelection)[] = [];
  let catalogue: readonly LiveSchema[] | undefined;
  if (news.schemas === undefined) {
    schemas = (await catalogueOf(news)).map((s) => ({ id: s.id, enabled: true }));
  } else {
    const wanted = new Set(news.schemas.map((s) => selection(s).id));
    catalogue = news.schemas.some((s) => selection(s).fields) ? await catalogueOf(news) : undefined;
    const live = await liveSchemaList(id);
    const byId = new Map(live.map((s) => [s.id, s]));
    replaced = news.schemas.filter((item) => {
      const s = selection(item);
      const held = byId.get(s.id);
      return (!!held?.partition_key && !s.partitionKey) || (!!held?.tracking_field && !s.trackingField);
    });
    schemas = [
      ...news.schemas.map((s) => toPatchSchema(s, catalogue)),
      ...live.filter((s) => s.enabled && !wanted.has(s.id)).map((s) => ({ id: s.id, enabled: false })),
    ];
  }
  const client = getClient();
  await client.request("PATCH", `/api/bulk/syncs/${id}/schemas`, { body: { schemas } });
  for (const item of replaced) {
    const { id: schemaId, ...schema } = toPatchSchema(item, catalogue);
    await client.request("PUT", `/api/bulk/syncs/${id}/schemas/${encodeURIComponent(schemaId)}`, {
      body: schema,
    });
  }
}

/**
 * An additional schedule read back, settled against the program's: `none` is the API's default
 * selective mode (2024-02-08 answers it as the item of every split schedule), so it reads back as
 * unset unless the program wrote it.
 */
function settleSelectiveMode(
  live: Unchecked<AdditionalSchedule>,
  known: Unchecked<AdditionalSchedule> | undefined,
): Unchecked<AdditionalSchedule> {
  if ((live.selectiveMode ?? "none") !== "none") return live;
  const { selectiveMode: _none, ...rest } = live;
  return known?.selectiveMode === "none" ? { ...rest, selectiveMode: "none" } : rest;
}

function fromBulkSyncApi(api: ApiBulkSync, inputs: BulkSyncInputs, version: ApiVersion): BulkSyncOutputs {
  const { schedule, additionalSchedules: live } = fromApiSchedules(api, version);
  const additionalSchedules = live.map((a, i) => settleSelectiveMode(a, inputs.additionalSchedules?.[i]));
  return {
    ...inputs,
    name: api.name,
    sourceConnectionId: api.source_connection_id,
    destinationConnectionId: api.destination_connection_id,
    ...(inputs.mode !== undefined || api.mode !== "replicate" ? { mode: api.mode ?? "replicate" } : {}),
    schedule,
    ...(inputs.additionalSchedules !== undefined || additionalSchedules.length > 0
      ? { additionalSchedules }
      : {}),
    destinationConfiguration: api.destination_configuration ?? {},
    ...(inputs.sourceConfiguration !== undefined || Object.keys(api.source_configuration ?? {}).length > 0
      ? { sourceConfiguration: api.source_configuration ?? {} }
      : {}),
    ...(inputs.automaticallyAddNewObjects !== undefined || api.automatically_add_new_objects !== "none"
      ? { automaticallyAddNewObjects: api.automatically_add_new_objects ?? "none" }
      : {}),
    ...(inputs.automaticallyAddNewFields !== undefined || api.automatically_add_new_fields !== "all"
      ? { automaticallyAddNewFields: api.automatically_add_new_fields ?? "all" }
      : {}),
    ...(inputs.normalizeNames !== undefined || api.normalize_names !== "enabled"
      ? { normalizeNames: api.normalize_names ?? "enabled" }
      : {}),
    ...(inputs.active !== undefined || api.active === true ? { active: api.active ?? false } : {}),
    ...(api.concurrency_limit !== undefined ? { concurrencyLimit: api.concurrency_limit } : {}),
    bulkSyncId: api.id,
  };
}

/** For adoption: the program's values with the live schema selection as the "old" one to update from. */
async function adoptedOlds(id: string, inputs: BulkSyncInputs): Promise<BulkSyncOutputs> {
  const { schemas: _program, ...rest } = inputs;
  const schemas = await readSchemas(id, inputs);
  return { ...rest, ...(schemas ? { schemas } : {}), bulkSyncId: id };
}

/**
 * Check's validation of the schema selection against the source, when create runs it instead.
 * @returns false when the source could not answer yet (the API then validates the POST itself).
 */
async function validateSelection(inputs: BulkSyncInputs): Promise<boolean> {
  const failures = new Failures("BulkSync", nameFromUrn(inputs.resourceUrn));
  const answered = await checkBulkSchemasLive(failures, inputs.sourceConnectionId, inputs.schemas);
  if (failures.list.length > 0) throw new Error(failures.list.map((f) => f.reason).join("\n"));
  return answered;
}

function label(inputs: BulkSyncInputs): string {
  return `BulkSync "${nameFromUrn(inputs.resourceUrn)}"`;
}

/** The implementation behind the shim. */
export const bulkSyncProvider: pulumi.dynamic.ResourceProvider<BulkSyncInputs, BulkSyncOutputs> = encodable({
  async configure(req) {
    configureProvider(req.config);
  },

  async check(olds, news) {
    const failures = new Failures("BulkSync", nameFromUrn(news.resourceUrn));
    checkName(failures, "name", news.name);
    failures.requireString("sourceConnectionId", news.sourceConnectionId);
    failures.requireString("destinationConnectionId", news.destinationConnectionId);
    failures.oneOf("mode", news.mode, BULK_SYNC_MODES);
    failures.oneOf("automaticallyAddNewObjects", news.automaticallyAddNewObjects, BULK_DISCOVER);
    failures.oneOf("automaticallyAddNewFields", news.automaticallyAddNewFields, BULK_DISCOVER);
    failures.oneOf("normalizeNames", news.normalizeNames, BULK_NORMALIZE_NAMES);
    checkSchedule(failures, "schedule", news.schedule, SPLIT_ADVICE);
    (news.additionalSchedules ?? []).forEach((s, i) => {
      checkSchedule(failures, `additionalSchedules[${i}]`, s, SPLIT_ADVICE);
      if (!isUnknown(s))
        failures.oneOf(`additionalSchedules[${i}].selectiveMode`, s?.selectiveMode, BULK_SELECTIVE_MODES);
      // 2024-02-08 carries additional schedules as `multi` items, which have no schema list.
      if (s?.schemas !== undefined && configuredApiVersion() === "2024-02-08")
        failures.add(
          `additionalSchedules[${i}].schemas`,
          "needs API version 2025-09-18 (polytomic:apiVersion): 2024-02-08 cannot carry a schedule's schemas",
        );
    });
    const dest = news.destinationConfiguration;
    if (!isUnknown(dest) && (typeof dest !== "object" || dest === null || Array.isArray(dest))) {
      failures.add("destinationConfiguration", "is required and must be an object");
    }
    if (news.schemas !== undefined && !isUnknown(news.schemas)) {
      if (!Array.isArray(news.schemas) || news.schemas.length === 0) {
        failures.add("schemas", "must be a non-empty list (omit it to sync every schema)");
      } else {
        const seen = new Set<string>();
        news.schemas.forEach((item, i) => {
          const id = typeof item === "string" ? item : item?.id;
          if (isUnknown(id)) return;
          if (typeof id !== "string" || id.trim() === "")
            failures.add(`schemas[${i}]`, "must be a schema id or { id, fields? }");
          else if (seen.has(id)) failures.add(`schemas[${i}]`, `selects "${id}" twice`);
          else seen.add(id);
          if (
            typeof item === "object" &&
            item.fields !== undefined &&
            !isUnknown(item.fields) &&
            (!Array.isArray(item.fields) || item.fields.length === 0)
          ) {
            failures.add(
              `schemas[${i}].fields`,
              "must be a non-empty list of field ids (omit it for every field)",
            );
          }
        });
      }
    }
    const limit = news.concurrencyLimit;
    if (limit !== undefined && !isUnknown(limit) && !(Number.isInteger(limit) && limit > 0)) {
      failures.add("concurrencyLimit", "must be a positive whole number");
    }
    // The selection against the source's catalogue: one GET, and checks run one at a time in the engine.
    // Skipped when neither the source nor the selection changed (validated when last applied; refresh
    // reports schemas that vanished since), and when this process created the source during this
    // `up` (its id was unknown at preview, so create validates instead, in parallel with the others).
    const unchanged =
      olds.sourceConnectionId === news.sourceConnectionId &&
      canonical(olds.schemas) === canonical(news.schemas);
    if (failures.list.length === 0 && !unchanged && !createdInThisProcess(news.sourceConnectionId))
      await checkBulkSchemasLive(failures, news.sourceConnectionId, news.schemas, {
        label: label(news),
        urn: news.resourceUrn,
      });
    if (failures.list.length > 0) return { failures: failures.list };
    // Parts written as numbers go on as the API's strings, so state matches what a refresh reads.
    const inputs: BulkSyncInputs = { ...news, schedule: normalizeSchedule(news.schedule) };
    if (news.additionalSchedules !== undefined)
      inputs.additionalSchedules = normalizeSchedules(news.additionalSchedules);
    return { inputs };
  },

  async diff(_id, olds, news) {
    return diffProps(
      olds as unknown as Record<string, unknown>,
      news as unknown as Record<string, unknown>,
      COMPARED,
      REPLACE_ON,
    );
  },

  async create(inputs) {
    if (inputs.adoptId) {
      const id = inputs.adoptId;
      return adopt(label(inputs), "bulk sync", id, `/api/bulk/syncs/${id}`, () =>
        adoptedOlds(id, inputs).then((olds) => bulkSyncProvider.update?.(id, olds, inputs) ?? {}),
      );
    }
    const client = getClient();
    const version = client.settings.apiVersion;
    const body = toApiBulkSync(inputs, version, true);
    const deadline = Date.now() + (inputs.schemaCacheTimeoutSeconds ?? 300) * 1000;
    const progress = new WaitProgress(inputs.resourceUrn, label(inputs), deadline);
    const notCached = (status?: string) =>
      new Error(
        `${label(inputs)}: the source connection's schemas were not cached in time${status ? ` (still "${status}")` : ""}; run \`pulumi up\` again`,
      );
    // A source this process created was not validated by check (see there): do it here, first, since
    // the schemas' GET also shows whether the cache is filled.
    let validated = !createdInThisProcess(inputs.sourceConnectionId) || (await validateSelection(inputs));
    for (let attempt = 0; ; attempt++) {
      // A POST before the source's cache is filled only earns a 400 "No schemas found": poll first,
      // unless this process has just seen the source's schemas.
      if (attempt > 0 || !schemaCacheSeenFilled(inputs.sourceConnectionId)) {
        const pending = await pollSchemaCache(inputs.sourceConnectionId, deadline, (status) =>
          progress.note(schemaCacheStep(inputs.sourceConnectionId, status)),
        );
        if (pending) throw notCached(pending.cache_status);
      }
      if (!validated) validated = await validateSelection(inputs);
      try {
        const response = await createLive({
          resourceUrn: inputs.resourceUrn,
          body,
          attempt,
          post: (key) =>
            client.request<{ data: ApiBulkSync }>("POST", "/api/bulk/syncs", { body, idempotencyKey: key }),
          idOf: (created) => created.data.id,
          pathOf: (id) => `/api/bulk/syncs/${id}`,
        });
        // The API accepted the POST with the program's whole selection, so the created sync's schemas
        // are the program's: no read-back (refresh reads them).
        return { id: response.data.id, outs: fromBulkSyncApi(response.data, inputs, version) };
      } catch (err) {
        // Only "schemas not cached yet" (a refresh restarted since the poll) is waited out, under a
        // fresh idempotency key since the API replays errors too; every other error is final.
        const waiting =
          isPolytomicError(err) &&
          (err.status === 400 || err.status === 422) &&
          NOT_CACHED.test(err.apiMessage ?? "");
        if (!waiting) throw err;
        if (Date.now() + RACE_PAUSE_MS > deadline) throw notCached();
        await new Promise((resolve) => setTimeout(resolve, RACE_PAUSE_MS));
      }
    }
  },

  async read(id, props) {
    const known = props as BulkSyncOutputs;
    const client = getClient();
    const response = await readListed<ApiBulkSync>(client, "/api/bulk/syncs", id, () =>
      unlessNotFound(() => client.request<{ data: ApiBulkSync }>("GET", `/api/bulk/syncs/${id}`)),
    );
    if (!response) return {};
    const outs = fromBulkSyncApi(response.data, known, client.settings.apiVersion);
    const schemas = await readSchemas(id, known);
    const live = { ...outs, ...(schemas ? { schemas } : {}) };
    const { bulkSyncId: _id, ...inputs } = live;
    return { id, props: live, inputs: inputs as BulkSyncOutputs };
  },

  async update(id, olds, news) {
    const client = getClient();
    const version = client.settings.apiVersion;
    const response = await client.request<{ data: ApiBulkSync }>("PUT", `/api/bulk/syncs/${id}`, {
      body: toApiBulkSync(news, version, false),
    });
    if (canonical(olds.schemas) !== canonical(news.schemas)) await applySchemas(id, news);
    const outs = fromBulkSyncApi(response.data, news, version);
    const schemas = await readSchemas(id, news);
    return { outs: { ...outs, ...(schemas ? { schemas } : {}) } };
  },

  async delete(id) {
    await unlessNotFound(() => getClient().request("DELETE", `/api/bulk/syncs/${id}`));
  },
});
