/**
 * The per-resource checks that need the API (see internal/liveCheck.ts), kept apart from the offline
 * ones so each resource file stays about its own object.
 */
import { didYouMean, type Failures, isUnknown, listed, nameFromUrn, UNKNOWN } from "../internal/check";
import { warn } from "../internal/diagnostics";
import {
  askSourceSchemas,
  existence,
  isUnanswered,
  known,
  type LiveTargetField,
  modelFields,
  modelSourceFields,
  reportUnanswered,
  targetFields,
  targetObjects,
} from "../internal/liveCheck";
import type { BulkSchemaSelection } from "./bulkSync";
import type { ModelInputs } from "./model";
import type { ModelSyncInputs } from "./modelSyncWire";

const list = (ids: readonly string[]) =>
  ids.length > 12 ? `${ids.slice(0, 12).join(", ")}, ...` : ids.join(", ");

/**
 * A bulk sync's schemas and fields against its (cached) source.
 * @param who - the resource, during check: a key the API refuses then fails the check, and an API that
 *   cannot be reached is said in a warning on it. Without it (create), both only return false.
 * @returns false when the source could not answer (id unknown, schemas not cached yet, API down).
 */
export async function checkBulkSchemasLive(
  failures: Failures,
  sourceConnectionId: unknown,
  schemas: readonly (string | BulkSchemaSelection)[] | undefined,
  who?: { readonly label: string; readonly urn: unknown },
): Promise<boolean> {
  if (!known(sourceConnectionId)) return false;
  if (!Array.isArray(schemas) || isUnknown(schemas)) return true; // every schema: nothing to match
  const live = await askSourceSchemas(sourceConnectionId);
  if (isUnanswered(live)) {
    if (who) await reportUnanswered(failures, who.label, "schemas", "schemas", who.urn, live);
    return false;
  }
  if (!live) return false;
  schemas.forEach((item, i) => {
    const selection: BulkSchemaSelection = typeof item === "string" ? { id: item } : item;
    const schema = live.find((s) => s.id === selection.id);
    if (!schema) {
      failures.add(
        `schemas[${i}]`,
        `"${selection.id}" is not a schema of the source${didYouMean(
          selection.id,
          live.map((s) => s.id),
        )} (available: ${list(live.map((s) => s.id))})`,
      );
      return;
    }
    const fieldIds = (schema.fields ?? []).map((f) => f.id);
    (selection.fields ?? []).forEach((field, j) => {
      if (!fieldIds.includes(field))
        failures.add(
          `schemas[${i}].fields[${j}]`,
          `"${field}" is not a field of ${schema.id}${didYouMean(field, fieldIds)}`,
        );
    });
    for (const key of ["partitionKey", "trackingField"] as const) {
      const value = selection[key];
      if (value !== undefined && !fieldIds.includes(value))
        failures.add(
          `schemas[${i}].${key}`,
          `"${value}" is not a field of ${schema.id}${didYouMean(value, fieldIds)}`,
        );
    }
  });
  return true;
}

/**
 * A model against the API: its connection, configuration and field names, then the models its
 * relations join. The API refuses a model whose connection or related model does not exist (400,
 * polytomic-api.md §3 and emulator rule `model.reference-unknown`), so check fails those.
 */
export async function checkModelLive(failures: Failures, inputs: ModelInputs): Promise<void> {
  if (await checkModelSourceLive(failures, inputs)) await checkRelationsLive(failures, inputs);
}

/** Each related model whose id is known must exist; one GET per model, and a model the up creates is skipped. */
async function checkRelationsLive(failures: Failures, inputs: ModelInputs): Promise<void> {
  const asked = new Map<string, ReturnType<typeof modelFields>>();
  for (const [i, relation] of listed(inputs.relations).entries()) {
    const modelId = (relation as unknown) === UNKNOWN ? undefined : relation?.to?.modelId;
    if (!known(modelId)) continue;
    const pending = asked.get(modelId) ?? modelFields(modelId);
    const first = !asked.has(modelId);
    asked.set(modelId, pending);
    const model = await pending;
    if (isUnanswered(model)) {
      const label = `Model "${nameFromUrn(inputs.resourceUrn)}"`;
      const what = `related model ${modelId}`;
      await reportUnanswered(failures, label, `relations[${i}].to.modelId`, what, inputs.resourceUrn, model);
      return;
    }
    if (model === "not found" && first)
      failures.add(
        `relations[${i}].to.modelId`,
        `"${modelId}" is not a model of the organization: the API refuses a relation to a model that does not exist`,
      );
  }
}

/**
 * A model's connection, configuration and field names against its connection. False when the API did
 * not answer (said already), so the relations' check does not say it again.
 */
async function checkModelSourceLive(failures: Failures, inputs: ModelInputs): Promise<boolean> {
  if (
    !known(inputs.connectionId) ||
    isUnknown(inputs.configuration) ||
    typeof inputs.configuration !== "object"
  )
    return true;
  const answer = await modelSourceFields(inputs.connectionId, inputs.configuration);
  if (isUnanswered(answer)) {
    const label = `Model "${nameFromUrn(inputs.resourceUrn)}"`;
    const what = "configuration and fields";
    await reportUnanswered(failures, label, "configuration", what, inputs.resourceUrn, answer);
    return false;
  }
  if (answer === "not found") {
    failures.add(
      "connectionId",
      `"${inputs.connectionId}" is not a connection of the organization: the API refuses a model on a connection that does not exist`,
    );
    return true;
  }
  if (!answer) return true;
  if ("problem" in answer) {
    // The API names the key ("configuration.table: ..."): keep its path as the property.
    const match = /^(configuration[\w.[\]]*): (.*)$/s.exec(answer.problem);
    failures.add(match?.[1] ?? "configuration", match?.[2] ?? answer.problem);
    return true;
  }
  const available = [...answer.fields, ...listed(inputs.additionalFields).map((f) => f?.name)];
  listed(inputs.fields).forEach((field, i) => {
    if (!isUnknown(field) && !available.includes(field))
      failures.add(
        `fields[${i}]`,
        `"${field}" is not a field of the source${didYouMean(field, available)} (available: ${list(answer.fields)})`,
      );
  });
  if (
    typeof inputs.identifier === "string" &&
    !isUnknown(inputs.identifier) &&
    !available.includes(inputs.identifier)
  )
    failures.add(
      "identifier",
      `"${inputs.identifier}" is not a field of the model${didYouMean(inputs.identifier, available)}`,
    );
  listed(inputs.trackingColumns).forEach((column, i) => {
    if (!isUnknown(column) && !available.includes(column))
      failures.add(
        `trackingColumns[${i}]`,
        `"${column}" is not a field of the model${didYouMean(column, available)}`,
      );
  });
  return true;
}

/**
 * A model sync against the API: its target connection, object, mode, mappings and identity, then the
 * models it reads. Failures for what the API refuses at `up` (a target connection or model that does
 * not exist: 422, polytomic-api.md §4 and emulator rule `model-sync.reference-unknown`); warnings, only
 * when nothing fails, for what it accepts but the program probably did not mean.
 */
export async function checkModelSyncLive(failures: Failures, inputs: ModelSyncInputs): Promise<void> {
  const target = await checkTargetLive(failures, inputs);
  // The API did not answer (said once, by the target's check): asking it about models says it again.
  if (target === "unanswered") return;
  const advice = await checkModelRefsLive(failures, inputs);
  await checkScheduleRefsLive(failures, inputs);
  // Advice, after the rules: a sync that fails its check gets its failures alone.
  if (failures.list.length > 0) return;
  for (const message of advice) await warn(String(inputs.resourceUrn ?? ""), message);
  if (target) await warnUnmappedRequired(inputs, target.object, target.fields);
}

/**
 * What a schedule names: the syncs a `runafter` schedule follows, a `dbtcloud` schedule's dbt Cloud
 * connection. The API refuses ids that name nothing (422).
 */
async function checkScheduleRefsLive(failures: Failures, inputs: ModelSyncInputs): Promise<void> {
  const schedule = inputs.schedule;
  const runAfter = schedule?.frequency === "runafter" ? schedule.runAfter : undefined;
  const dbtConnection = schedule?.frequency === "dbtcloud" ? schedule.connectionId : undefined;
  const refs = [
    ...(dbtConnection === undefined
      ? []
      : [{ id: dbtConnection, path: "schedule.connectionId", kind: "connection", at: "/api/connections" }]),
    ...listed(runAfter?.syncIds).map((id, i) => ({
      id,
      path: `schedule.runAfter.syncIds[${i}]`,
      kind: "model sync",
      at: "/api/syncs",
    })),
    ...listed(runAfter?.bulkSyncIds).map((id, i) => ({
      id,
      path: `schedule.runAfter.bulkSyncIds[${i}]`,
      kind: "bulk sync",
      at: "/api/bulk/syncs",
    })),
  ];
  for (const { id, path, kind, at } of refs) {
    if (!known(id)) continue;
    const found = await existence(`${at}/${encodeURIComponent(id)}`);
    if (isUnanswered(found)) {
      const label = `ModelSync "${nameFromUrn(inputs.resourceUrn)}"`;
      await reportUnanswered(failures, label, path, `${kind} ${id}`, inputs.resourceUrn, found);
      return;
    }
    if (found === "not found")
      failures.add(
        path,
        `"${id}" is not a ${kind} of the organization: the API refuses a schedule naming one that does not exist`,
      );
  }
}

/** Where a model sync reads a model's field: each `{ modelId, field }` it gives, with its path. */
function modelRefs(inputs: ModelSyncInputs): { path: string; modelId: unknown; field: unknown }[] {
  // Only a whole entry still unknown is skipped: a known source beside an unknown target is checked.
  const refs: { path: string; ref: unknown }[] = [];
  // A mapping with an override value writes that value: the API ignores its source.
  (Array.isArray(inputs.fields) ? inputs.fields : []).forEach((mapping, i) => {
    if ((mapping as unknown) !== UNKNOWN && typeof mapping?.overrideValue !== "string")
      refs.push({ path: `fields[${i}].source`, ref: mapping?.source });
  });
  if (inputs.identity && (inputs.identity as unknown) !== UNKNOWN)
    refs.push({ path: "identity.source", ref: inputs.identity.source });
  (Array.isArray(inputs.filters) ? inputs.filters : []).forEach((filter, i) => {
    if ((filter as unknown) !== UNKNOWN) refs.push({ path: `filters[${i}].field`, ref: filter?.field });
  });
  (Array.isArray(inputs.overrides) ? inputs.overrides : []).forEach((override, i) => {
    if ((override as unknown) !== UNKNOWN) refs.push({ path: `overrides[${i}].field`, ref: override?.field });
  });
  return refs
    .filter(({ ref }) => typeof ref === "object" && ref !== null)
    .map(({ path, ref }) => {
      const r = ref as { modelId?: unknown; field?: unknown };
      return { path, modelId: r.modelId, field: r.field };
    });
}

/**
 * The models a sync reads whose ids are known at preview (existing models; a model the same `up`
 * creates has no id yet and is skipped), each asked for once. An id no model has fails, as the API
 * refuses the sync. A field the model lacks is advice, returned as warning messages, not a failure: no
 * source says the API refuses it (emulator/README.md lists "model fields in mappings, filters and
 * identities" among the rules removed for want of a source), and the model may gain the field in the
 * same `up`.
 */
async function checkModelRefsLive(failures: Failures, inputs: ModelSyncInputs): Promise<string[]> {
  const name = nameFromUrn(inputs.resourceUrn);
  const models = new Map<string, ReturnType<typeof modelFields>>();
  const advice: string[] = [];
  for (const { path, modelId, field } of modelRefs(inputs)) {
    if (!known(modelId)) continue;
    const pending = models.get(modelId) ?? modelFields(modelId);
    const first = !models.has(modelId);
    models.set(modelId, pending);
    const model = await pending;
    if (isUnanswered(model)) {
      // Said once: the other models would meet the same API.
      const what = `fields of model ${modelId}`;
      await reportUnanswered(
        failures,
        `ModelSync "${name}"`,
        `${path}.modelId`,
        what,
        inputs.resourceUrn,
        model,
      );
      return [];
    }
    // Said once per model, on the first path that names it.
    if (model === "not found" && first)
      failures.add(
        `${path}.modelId`,
        `"${modelId}" is not a model of the organization: the API refuses a sync that reads a model that does not exist`,
      );
    // No fields known (a model over an object the API could not describe): nothing to compare.
    if (typeof model !== "object" || model.fields.length === 0) continue;
    if (!known(field) || model.fields.includes(field)) continue;
    advice.push(
      `ModelSync "${name}": ${path}.field "${field}" is not a field of model "${model.name}" (${modelId}) as the ` +
        `API holds it now${didYouMean(field, model.fields)} (fields: ${list([...model.fields])})`,
    );
  }
  return advice;
}

/** The target object and its fields a sync's target check read, for the advice that follows it. */
interface CheckedTarget {
  readonly object: string;
  readonly fields: readonly LiveTargetField[];
}

/**
 * A model sync's target connection, then its object, mode, mappings and identity against that
 * connection: the object and its fields when they were read, "unanswered" when the API did not answer
 * (said already), undefined when there was nothing to check, no conclusion, or no such connection.
 */
async function checkTargetLive(
  failures: Failures,
  inputs: ModelSyncInputs,
): Promise<CheckedTarget | "unanswered" | undefined> {
  const target = inputs.target;
  if (!target || !known(target.connectionId) || !known(target.object)) return undefined;
  const label = `ModelSync "${nameFromUrn(inputs.resourceUrn)}"`;
  const objects = await targetObjects(target.connectionId);
  if (isUnanswered(objects)) {
    const what = "target object, mode and fields";
    await reportUnanswered(failures, label, "target.object", what, inputs.resourceUrn, objects);
    return "unanswered";
  }
  if (objects === "not found") {
    failures.add(
      "target.connectionId",
      `"${target.connectionId}" is not a connection of the organization: the API refuses a sync to a connection that does not exist`,
    );
    return undefined;
  }
  if (!objects) return undefined;
  const object = objects.find((o) => o.id === target.object);
  if (!object) {
    failures.add(
      "target.object",
      `"${target.object}" is not an object of the target${didYouMean(
        target.object,
        objects.map((o) => o.id),
      )} (available: ${list(objects.map((o) => o.id))})`,
    );
    return undefined;
  }
  const mode = object.modes.find((m) => m.id === inputs.mode);
  if (known(inputs.mode) && !mode)
    failures.add(
      "mode",
      `${inputs.mode} is not supported by ${object.id}${didYouMean(
        inputs.mode,
        object.modes.map((m) => m.id),
      )} (supported: ${object.modes.map((m) => m.id).join(", ")})`,
    );
  if (mode?.requires_identity && inputs.identity === undefined)
    failures.add("identity", `is required by ${object.id} in mode ${mode.id}`);
  const fields = await targetFields(target.connectionId, object.id);
  if (isUnanswered(fields)) {
    const what = `fields of ${object.id}`;
    await reportUnanswered(failures, label, "fields", what, inputs.resourceUrn, fields);
    return "unanswered";
  }
  if (!fields) return undefined;
  // The whole list may be one unknown value during preview: nothing to match then.
  (Array.isArray(inputs.fields) ? inputs.fields : []).forEach((mapping, i) => {
    if (isUnknown(mapping) || mapping.new || !known(mapping.target)) return;
    const field = fields.find((f) => f.id === mapping.target);
    if (!field)
      failures.add(
        `fields[${i}].target`,
        `"${mapping.target}" is not a field of ${object.id}${didYouMean(
          mapping.target,
          fields.map((f) => f.id),
        )}`,
      );
    else if (!(inputs.mode === "update" ? field.updateable : field.createable))
      failures.add(`fields[${i}].target`, `"${mapping.target}" on ${object.id} is read-only`);
  });
  const identity = inputs.identity;
  if (identity && !isUnknown(identity) && known(identity.target) && !identity.newField) {
    const field = fields.find((f) => f.id === identity.target);
    if (!field)
      failures.add(
        "identity.target",
        `"${identity.target}" is not a field of ${object.id}${didYouMean(
          identity.target,
          fields.map((f) => f.id),
        )}`,
      );
    else if (!field.supports_identity)
      failures.add("identity.target", `records of ${object.id} cannot be matched on "${identity.target}"`);
    else if (
      field.identity_functions &&
      identity.function !== undefined &&
      !field.identity_functions.some((f) => f.id.toLowerCase() === String(identity.function).toLowerCase())
    )
      failures.add(
        "identity.function",
        `${identity.function} is not available for ${object.id}.${identity.target}`,
      );
  }
  return { object: object.id, fields };
}

/**
 * Modes that write new records (rows, for warehouses and files), so a target field a new record
 * needs must get a value. `update` and `remove` only touch records that already exist.
 */
const CREATING_MODES: ReadonlySet<string> = new Set([
  "create",
  "updateOrCreate",
  "replace",
  "append",
  "snapshot",
]);

/**
 * Warns, without failing the check, about each field the target object marks `required` that no
 * mapping writes when the sync's mode creates records. The API accepts such a sync (nothing documents
 * a refusal); the target refuses the records when the sync runs, which a preview can say in advance.
 * Says nothing while the mode or any mapped target is unknown: the unknown one may be the field.
 */
async function warnUnmappedRequired(
  inputs: ModelSyncInputs,
  object: string,
  fields: readonly LiveTargetField[],
): Promise<void> {
  if (!known(inputs.mode) || !CREATING_MODES.has(inputs.mode)) return;
  // Only the targets matter: a source still unknown (a model created by the same program) still
  // writes the field it maps.
  const targetOf = (entry: unknown): unknown =>
    typeof entry === "object" && entry !== null ? (entry as { target?: unknown }).target : entry;
  const targets = [
    inputs.fields,
    inputs.overrideFields,
    ...(Array.isArray(inputs.fields) ? inputs.fields : []).map(targetOf),
    ...(Array.isArray(inputs.overrideFields) ? inputs.overrideFields : []).map(targetOf),
    // The identity's value is written into records the sync creates (that is how the next run finds
    // them), so the identity target counts as mapped.
    targetOf(inputs.identity),
  ];
  if (targets.some((t) => t === UNKNOWN)) return;
  const mapped = new Set(targets.filter((t): t is string => typeof t === "string"));
  const name = nameFromUrn(inputs.resourceUrn);
  const missing = fields.filter((f) => f.required === true && !mapped.has(f.id));
  await Promise.all(
    missing.map((field) =>
      warn(
        String(inputs.resourceUrn ?? ""),
        `ModelSync "${name}": ${object} field ${field.id} is required to create records and is not mapped ` +
          `(mode ${inputs.mode}); the target will refuse such records when the sync runs`,
      ),
    ),
  );
}
