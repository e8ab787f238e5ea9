/**
 * Model: a view over one object of a source connection (a query, table or view; a MongoDB collection;
 * a file in a bucket; a Salesforce object or SOQL query) whose fields model syncs map.
 *
 * Endpoints: POST /api/models, GET/PUT/DELETE /api/models/{id}.
 */
import type * as pulumi from "@pulumi/pulumi";
import { configureProvider, getClient } from "../client/runtime";
import { adopt } from "../internal/adopt";
import { Failures, isUnknown, listed, nameFromUrn } from "../internal/check";
import type { DeepInput } from "../internal/deepInput";
import { canonical, diffProps } from "../internal/diff";
import { encodable } from "../internal/encodable";
import { createLive } from "../internal/idempotency";
import { checkName } from "../internal/names";
import { unlessNotFound } from "../internal/notFound";
import { inProgramOrder } from "../internal/order";
import { checkModelLive } from "./liveChecks";

/** Type token: `pulumi-nodejs:dynamic/polytomic:Model`. */
export const MODEL_TYPE = "pulumi-nodejs:dynamic/polytomic:Model";
// A model belongs to its connection (the API refuses to move it), so a new connection is a new model.
const REPLACE_ON = ["connectionId"] as const;
const COMPARED = [
  "name",
  "connectionId",
  "configuration",
  "fields",
  "additionalFields",
  "identifier",
  "trackingColumns",
  "labels",
  "policies",
  "relations",
] as const;
const SQL_KEYS = ["query", "table", "view"];
const MODEL_FROM = ["single_file", "multi_file_archive"];

/**
 * Source configuration. Which keys apply depends on the connection type:
 * - SQL sources (PostgreSQL, MySQL, Snowflake, BigQuery, Redshift): exactly one of `query`, `table`, `view`.
 * - MongoDB: `database` and `collection`.
 * - GCS and S3: `model_from` (`single_file` or `multi_file_archive`) and `key`; optionally `file_format`, `skip_lines`.
 * - Salesforce: `table` (an object) or `query` (SOQL); optionally `include_deleted`.
 * - Other SaaS sources: `table`.
 */
export interface ModelConfiguration {
  /** SQL (or SOQL for Salesforce) text. */
  readonly query?: string;
  /** A table or SaaS object. */
  readonly table?: string;
  /** A database view. */
  readonly view?: string;
  /** MongoDB database. */
  readonly database?: string;
  /** MongoDB collection. */
  readonly collection?: string;
  /** File sources: `single_file` or `multi_file_archive`. */
  readonly model_from?: string;
  /** File sources: the object key (or prefix for an archive). */
  readonly key?: string;
  /** File sources: `csv`, `json` or `parquet`. */
  readonly file_format?: string;
  /** File sources: lines to skip before the header. */
  readonly skip_lines?: number;
  /** Salesforce: include deleted records. */
  readonly include_deleted?: boolean;
  /** Keys of other source types. */
  readonly [key: string]: unknown;
}

/** A field the model adds that the source does not have. */
export interface AdditionalModelField {
  /** Field id. */
  readonly name: string;
  /** Label shown in Polytomic. */
  readonly label: string;
  /** Field type, e.g. `string`. */
  readonly type: string;
  /** An example value. */
  readonly example?: string;
}

/** A join from this model's field to another model's field. */
export interface ModelRelation {
  /** Field of this model. */
  readonly from: string;
  /** The other model and field. */
  readonly to: { readonly modelId: string; readonly field: string };
}

/** Arguments of a {@link Model}. */
export interface ModelArgs {
  /** Name in Polytomic; defaults to the resource name. */
  readonly name?: pulumi.Input<string>;
  /** The source connection (use the Connection resource's `id`). Changing this forces replacement. */
  readonly connectionId: pulumi.Input<string>;
  /** Which source object the model reads; see {@link ModelConfiguration}. */
  readonly configuration: DeepInput<ModelConfiguration>;
  /** Source field ids to expose; omitted means every field. */
  readonly fields?: pulumi.Input<pulumi.Input<string>[]>;
  /** Fields the model adds. */
  readonly additionalFields?: DeepInput<AdditionalModelField[]>;
  /** The field that identifies a record (unique). */
  readonly identifier?: pulumi.Input<string>;
  /** Fields that change when a record changes (incremental syncs). */
  readonly trackingColumns?: pulumi.Input<pulumi.Input<string>[]>;
  /** Labels. */
  readonly labels?: pulumi.Input<pulumi.Input<string>[]>;
  /** Permission policy ids. */
  readonly policies?: pulumi.Input<pulumi.Input<string>[]>;
  /** Joins to other models. */
  readonly relations?: DeepInput<ModelRelation[]>;
  /**
   * Id of an existing Polytomic object to bring under management instead of creating one: `pulumi up`
   * updates it to the program's values and the stack owns it from then on (destroy deletes it). Use
   * this rather than the `import` resource option, which dynamic resources cannot serve.
   */
  readonly adoptId?: pulumi.Input<string>;
}

/** The provider's view of the inputs. */
export interface ModelInputs {
  resourceUrn: string;
  name: string;
  connectionId: string;
  configuration: ModelConfiguration;
  fields?: string[];
  additionalFields?: AdditionalModelField[];
  identifier?: string;
  trackingColumns?: string[];
  labels?: string[];
  policies?: string[];
  relations?: ModelRelation[];
  adoptId?: string;
}

/** Outputs: the inputs plus what Polytomic resolved. */
export interface ModelOutputs extends ModelInputs {
  modelId: string;
  /** Every field id the model exposes (source fields and additional ones). */
  fieldIds: string[];
  /** How the source is read: `query`, `table`, `view`, `collection`, `file` or `object`. */
  sourceType: string;
}

interface ApiModel {
  id: string;
  name: string;
  connection_id: string;
  type?: string;
  configuration?: Record<string, unknown>;
  identifier?: string | null;
  tracking_columns?: string[] | null;
  labels?: string[] | null;
  policies?: string[] | null;
  fields?: {
    id: string;
    name: string;
    label: string;
    type: string;
    example?: string | null;
    user_added?: boolean;
  }[];
  relations?: { from: string; to: { model_id: string; field: string } }[] | null;
}

function toApiModel(inputs: ModelInputs): Record<string, unknown> {
  return {
    name: inputs.name,
    connection_id: inputs.connectionId,
    configuration: inputs.configuration,
    ...(inputs.fields ? { fields: inputs.fields } : {}),
    ...(inputs.additionalFields ? { additional_fields: inputs.additionalFields } : {}),
    ...(inputs.identifier ? { identifier: inputs.identifier } : {}),
    ...(inputs.trackingColumns ? { tracking_columns: inputs.trackingColumns } : {}),
    ...(inputs.labels ? { labels: inputs.labels } : {}),
    ...(inputs.policies ? { policies: inputs.policies } : {}),
    ...(inputs.relations
      ? {
          relations: inputs.relations.map((r) => ({
            from: r.from,
            to: { model_id: r.to.modelId, field: r.to.field },
          })),
        }
      : {}),
  };
}

/** A user-added field in the program's shape; an example the program gives as "" stays "". */
function additionalField(
  f: NonNullable<ApiModel["fields"]>[number],
  known: AdditionalModelField | undefined,
): AdditionalModelField {
  const example = f.example ?? "";
  const keep = known?.example !== undefined || example !== "";
  return { name: f.id, label: f.label, type: f.type, ...(keep ? { example } : {}) };
}

/** Live values in the program's shape; optional inputs the program leaves out stay out unless set live. */
function fromApiModel(api: ApiModel, inputs: ModelInputs): ModelOutputs {
  const fields = api.fields ?? [];
  const sourceFields = fields.filter((f) => !f.user_added).map((f) => f.id);
  const knownAdded = new Map((inputs.additionalFields ?? []).map((f) => [f.name, f]));
  const added = fields.filter((f) => f.user_added).map((f) => additionalField(f, knownAdded.get(f.id)));
  const list = (value: string[] | null | undefined, known: string[] | undefined) =>
    known !== undefined || (value ?? []).length > 0 ? { value: value ?? [] } : undefined;
  const tracking = list(api.tracking_columns, inputs.trackingColumns);
  const labels = list(api.labels, inputs.labels);
  const policies = list(api.policies, inputs.policies);
  const relations = (api.relations ?? []).map((r) => ({
    from: r.from,
    to: { modelId: r.to.model_id, field: r.to.field },
  }));
  return {
    resourceUrn: inputs.resourceUrn,
    name: api.name,
    connectionId: api.connection_id,
    configuration: api.configuration ?? {},
    ...(inputs.fields !== undefined ? { fields: inProgramOrder(sourceFields, inputs.fields, (f) => f) } : {}),
    ...(inputs.additionalFields !== undefined || added.length > 0
      ? { additionalFields: inProgramOrder(added, inputs.additionalFields, (f) => f.name) }
      : {}),
    ...(api.identifier ? { identifier: api.identifier } : {}),
    ...(tracking ? { trackingColumns: tracking.value } : {}),
    ...(labels ? { labels: labels.value } : {}),
    ...(policies ? { policies: policies.value } : {}),
    ...(inputs.relations !== undefined || relations.length > 0 ? { relations } : {}),
    modelId: api.id,
    fieldIds: fields.map((f) => f.id),
    sourceType: api.type ?? "",
  };
}

/** `fields` is a set (which source fields the model exposes): its order is never a change. */
function comparable(key: string, value: unknown): unknown {
  return key === "fields" && Array.isArray(value) ? [...value].sort() : value;
}

function checkStrings(failures: Failures, property: string, value: unknown): void {
  if (value === undefined || isUnknown(value)) return;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v.trim() === "")) {
    failures.add(property, "must be a list of non-empty strings");
    return;
  }
  const duplicate = value.find((v, i) => value.indexOf(v) !== i);
  if (duplicate !== undefined) failures.add(property, `lists "${duplicate}" twice`);
}

/** Offline checks of the source configuration: mutually exclusive and dependent keys. */
function checkConfiguration(failures: Failures, configuration: unknown): void {
  if (isUnknown(configuration)) return;
  if (typeof configuration !== "object" || configuration === null || Array.isArray(configuration)) {
    failures.add("configuration", "is required and must be an object");
    return;
  }
  const c = configuration as Record<string, unknown>;
  if (Object.keys(c).length === 0) {
    failures.add(
      "configuration",
      "must select the source: query, table or view; database + collection; or model_from + key",
    );
    return;
  }
  const sql = SQL_KEYS.filter((k) => c[k] !== undefined);
  if (sql.length > 1) failures.add("configuration", `${sql.join(" and ")} are mutually exclusive: use one`);
  if (c.database !== undefined && c.collection === undefined)
    failures.add("configuration.collection", "is required with database");
  if (c.collection !== undefined && c.database === undefined)
    failures.add("configuration.database", "is required with collection");
  if (c.model_from !== undefined || c.key !== undefined) {
    failures.oneOf("configuration.model_from", c.model_from ?? "", MODEL_FROM);
    failures.requireString("configuration.key", c.key);
  }
  for (const key of [...SQL_KEYS, "database", "collection", "key"]) {
    if (c[key] !== undefined) failures.requireString(`configuration.${key}`, c[key]);
  }
}

function label(inputs: ModelInputs): string {
  return `Model "${nameFromUrn(inputs.resourceUrn)}"`;
}

/** The implementation behind the shim. */
export const modelProvider: pulumi.dynamic.ResourceProvider<ModelInputs, ModelOutputs> = encodable({
  async configure(req) {
    configureProvider(req.config);
  },

  async check(olds, news) {
    const failures = new Failures("Model", nameFromUrn(news.resourceUrn));
    checkName(failures, "name", news.name);
    failures.requireString("connectionId", news.connectionId);
    checkConfiguration(failures, news.configuration);
    checkStrings(failures, "fields", news.fields);
    checkStrings(failures, "trackingColumns", news.trackingColumns);
    checkStrings(failures, "labels", news.labels);
    checkStrings(failures, "policies", news.policies);
    if (
      news.fields !== undefined &&
      !isUnknown(news.fields) &&
      Array.isArray(news.fields) &&
      news.fields.length === 0
    )
      failures.add("fields", "must list at least one field (omit it for every field)");
    listed(news.additionalFields).forEach((f, i) => {
      for (const key of ["name", "label", "type"] as const)
        failures.requireString(`additionalFields[${i}].${key}`, f?.[key]);
    });
    // Without the catalogue, the identifier can only be checked against an explicit field list.
    const known = [...listed(news.fields), ...listed(news.additionalFields).map((f) => f?.name)];
    if (news.identifier !== undefined) failures.requireString("identifier", news.identifier);
    if (
      news.fields !== undefined &&
      !isUnknown(news.fields) &&
      !isUnknown(news.identifier) &&
      typeof news.identifier === "string" &&
      !known.includes(news.identifier)
    ) {
      failures.add(
        "identifier",
        `must be one of the model's fields (${known.join(", ")}), not "${news.identifier}"`,
      );
    }
    listed(news.relations).forEach((r, i) => {
      failures.requireString(`relations[${i}].from`, r?.from);
      failures.requireString(`relations[${i}].to.modelId`, r?.to?.modelId);
      failures.requireString(`relations[${i}].to.field`, r?.to?.field);
    });
    // Inputs that a check passed and `up` applied are not checked against the API again: an unchanged
    // preview makes no call (a refresh is what finds objects removed since).
    const applied = canonical(olds) === canonical(news);
    if (failures.list.length === 0 && !applied) await checkModelLive(failures, news);
    return failures.list.length > 0 ? { failures: failures.list } : { inputs: news };
  },

  async diff(_id, olds, news) {
    return diffProps(
      olds as unknown as Record<string, unknown>,
      news as unknown as Record<string, unknown>,
      COMPARED,
      REPLACE_ON,
      comparable,
    );
  },

  async create(inputs) {
    if (inputs.adoptId) {
      const id = inputs.adoptId;
      return adopt(
        label(inputs),
        "model",
        id,
        `/api/models/${id}`,
        () => modelProvider.update?.(id, inputs as ModelOutputs, inputs) ?? Promise.resolve({}),
      );
    }
    const body = toApiModel(inputs);
    const response = await createLive({
      resourceUrn: inputs.resourceUrn,
      body,
      post: (key) =>
        getClient().request<{ data: ApiModel }>("POST", "/api/models", { body, idempotencyKey: key }),
      idOf: (created) => created.data.id,
      pathOf: (id) => `/api/models/${id}`,
    });
    return { id: response.data.id, outs: fromApiModel(response.data, inputs) };
  },

  async read(id, props) {
    const known = props as ModelOutputs;
    const response = await unlessNotFound(() =>
      getClient().request<{ data: ApiModel }>("GET", `/api/models/${id}`),
    );
    if (!response) return {};
    const live = fromApiModel(response.data, known);
    const { modelId: _id, fieldIds: _fields, sourceType: _type, ...inputs } = live;
    return { id, props: live, inputs: inputs as ModelOutputs };
  },

  async update(id, _olds, news) {
    const response = await getClient().request<{ data: ApiModel }>("PUT", `/api/models/${id}`, {
      body: toApiModel(news),
    });
    if (response.data.connection_id !== news.connectionId)
      throw new Error(`${label(news)}: the API kept connection ${response.data.connection_id}`);
    return { outs: fromApiModel(response.data, news) };
  },

  async delete(id) {
    await unlessNotFound(() => getClient().request("DELETE", `/api/models/${id}`));
  },
});
