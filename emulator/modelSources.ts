/**
 * Model sources: how a model's `configuration` picks one object of its connection's catalogue (a SQL
 * query, table or view; a MongoDB collection; a file in a bucket; a SaaS object or SOQL query), which
 * fields that yields, and the drill-down options `GET .../modelsync/source` answers.
 */
import { catalogueFor, type Schema, type SchemaField } from "./catalogues";
import type { ConnectionTypeSpec } from "./connectionTypes";
import { canonical } from "./filters";
import { refuse } from "./rules";

/** Connection types that model over a query, a table or a view. */
const SQL_TYPES = new Set(["snowflake", "postgresql", "mysql", "bigquery", "redshift"]);
const FILE_TYPES = new Set(["s3", "gcs"]);
const MODEL_FROM = ["single_file", "multi_file_archive"];
const FILE_FORMATS = ["csv", "json", "parquet"];

/** What a model configuration resolves to. */
export interface ResolvedSource {
  /** The model's `type`: query, table, view, collection, file or object. */
  readonly type: string;
  readonly schema: Schema;
  readonly fields: readonly SchemaField[];
}

/**
 * An object the emulator's catalogue lacks. Its catalogues are samples (connection-types.md, "Typical
 * source catalogues") and no source says the API refuses an object a real account may have, so such
 * an object is accepted, with no fields the emulator could know.
 */
function unknownObject(type: string, id: string): ResolvedSource {
  return { type, schema: { id, name: id, fields: [] }, fields: [] };
}

type Configuration = Readonly<Record<string, unknown>>;

function text(configuration: Configuration, key: string): string | undefined {
  const value = configuration[key];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string")
    throw refuse("body.wrong-type", { field: `configuration.${key}`, expected: "a string" });
  return value;
}

function findSchema(catalogue: readonly Schema[], id: string): Schema | undefined {
  const wanted = id.toLowerCase();
  // Unqualified table names match their schema-qualified id when unambiguous ("users" = "public.users").
  const exact = catalogue.find((s) => s.id.toLowerCase() === wanted);
  if (exact) return exact;
  const suffixed = catalogue.filter((s) => s.id.toLowerCase().endsWith(`.${wanted}`));
  return suffixed.length === 1 ? suffixed[0] : undefined;
}

/** Splits a select list at its top-level commas (not those inside parentheses). */
function selectList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "(") depth++;
    if (char === ")") depth--;
    if (char === "," && depth === 0) {
      out.push(current.trim());
      current = "";
    } else current += char;
  }
  out.push(current.trim());
  return out;
}

const unquote = (name: string) => name.replaceAll(/["`[\]]/g, "");

/**
 * The fields of a query model (SQL or SOQL). The emulator cannot run a query, and no source says which
 * queries the API refuses, so every query is accepted: the fields are the columns of the first
 * `SELECT <list> FROM` in it (their alias, or the column name), typed from the first catalogue object
 * the query reads (`FROM` / `JOIN`); `*` yields that object's fields. Columns it cannot type (an
 * expression, a column the catalogue lacks) are strings.
 */
function resolveQuery(catalogue: readonly Schema[], query: string): ResolvedSource {
  const read = [...query.matchAll(/\b(?:from|join)\s+([A-Za-z0-9_."`[\]]+)/gi)]
    .map((m) => findSchema(catalogue, unquote(m[1] ?? "")))
    .find((found) => found !== undefined);
  const schema: Schema = read ?? { id: "query", name: "query", fields: [] };
  const list = /\bselect\s+(?:distinct\s+)?([\s\S]+?)\s+from\s/i.exec(query)?.[1];
  const columns = list ? selectList(list) : ["*"];
  if (columns.every((c) => c === "*" || c.endsWith(".*")))
    return { type: "query", schema, fields: schema.fields };
  const fields = columns.map((column): SchemaField => {
    const aliased = /^([\s\S]+?)\s+(?:as\s+)?("?[A-Za-z_][A-Za-z0-9_]*"?)$/i.exec(column);
    const expression = unquote(aliased?.[1] ?? column);
    const name = unquote(aliased?.[2] ?? expression.replace(/^.*\./, ""));
    const bare = expression.replace(/^.*\./, "").toLowerCase();
    const field = schema.fields.find((f) => f.id.toLowerCase() === bare);
    return field
      ? { ...field, id: name, name }
      : { id: name, name, type: "string", remote_type: "unknown", is_primary_key: false };
  });
  return { type: "query", schema, fields };
}

function resolveSql(catalogue: readonly Schema[], configuration: Configuration): ResolvedSource {
  const given = (["query", "table", "view"] as const).filter((k) => text(configuration, k) !== undefined);
  if (given.length !== 1) {
    throw refuse("model.sql-source");
  }
  const key = given[0] ?? "table";
  const value = text(configuration, key) ?? "";
  if (key === "query") return resolveQuery(catalogue, value);
  const schema = findSchema(catalogue, value);
  return schema ? { type: key, schema, fields: schema.fields } : unknownObject(key, value);
}

function resolveSalesforce(catalogue: readonly Schema[], configuration: Configuration): ResolvedSource {
  const query = text(configuration, "query");
  const table = text(configuration, "table");
  // "table or query (SOQL)": one is needed; no source says both are refused (the query is read then).
  if (query === undefined && table === undefined) throw refuse("model.salesforce-source");
  const deleted = configuration.include_deleted;
  if (deleted !== undefined && deleted !== null && typeof deleted !== "boolean") {
    throw refuse("body.wrong-type", { field: "configuration.include_deleted", expected: "a boolean" });
  }
  if (query !== undefined) return resolveQuery(catalogue, query);
  const schema = findSchema(catalogue, table ?? "");
  return schema ? { type: "table", schema, fields: schema.fields } : unknownObject("table", table ?? "");
}

function resolveMongo(catalogue: readonly Schema[], configuration: Configuration): ResolvedSource {
  const database = text(configuration, "database");
  const collection = text(configuration, "collection");
  // No source marks database or collection required (the TF example sends both): neither is refused.
  const id = [database, collection].filter((p) => p !== undefined).join(".");
  const schema = database && collection ? findSchema(catalogue, id) : undefined;
  return schema ? { type: "collection", schema, fields: schema.fields } : unknownObject("collection", id);
}

function resolveFile(catalogue: readonly Schema[], configuration: Configuration): ResolvedSource {
  const modelFrom = text(configuration, "model_from");
  if (modelFrom === undefined) throw refuse("model.file-model-from");
  canonical(modelFrom, MODEL_FROM, "configuration.model_from");
  const format = text(configuration, "file_format");
  if (format !== undefined) canonical(format, FILE_FORMATS, "configuration.file_format");
  const skip = configuration.skip_lines;
  if (skip !== undefined && skip !== null && !Number.isInteger(skip)) {
    throw refuse("body.wrong-type", { field: "configuration.skip_lines", expected: "a whole number" });
  }
  // No source marks `key` required: a model without one (or on a file the catalogue lacks) is accepted.
  const key = text(configuration, "key");
  if (key === undefined) return unknownObject("file", "");
  // An archive model reads every file under a prefix; their columns are those of the first file.
  const schema =
    modelFrom.toLowerCase() === "single_file"
      ? findSchema(catalogue, key)
      : catalogue.find((s) => s.id.startsWith(key));
  return schema ? { type: "file", schema, fields: schema.fields } : unknownObject("file", key);
}

function resolveObject(catalogue: readonly Schema[], configuration: Configuration): ResolvedSource {
  const table = text(configuration, "table");
  // No source marks `table` required for these sources: neither its absence nor an unknown object is refused.
  const schema = table === undefined ? undefined : findSchema(catalogue, table);
  return schema ? { type: "object", schema, fields: schema.fields } : unknownObject("object", table ?? "");
}

/** Resolves a model configuration on a connection of `spec`, or throws a 400 naming the field. */
export function resolveModelSource(spec: ConnectionTypeSpec, configuration: Configuration): ResolvedSource {
  const catalogue = catalogueFor(spec);
  if (SQL_TYPES.has(spec.id)) return resolveSql(catalogue, configuration);
  if (FILE_TYPES.has(spec.id)) return resolveFile(catalogue, configuration);
  if (spec.id === "salesforce") return resolveSalesforce(catalogue, configuration);
  if (spec.id === "mongodb") return resolveMongo(catalogue, configuration);
  return resolveObject(catalogue, configuration);
}

interface Option {
  items: string[];
  has_items: boolean;
}
const option = (items: string[]): Option => ({ items, has_items: items.length > 0 });

/** The answer of `GET .../modelsync/source` for the given drill-down parameters. */
export function sourceOptions(
  spec: ConnectionTypeSpec,
  params: Configuration,
): { requires_one_of: string[]; items: Record<string, Option> } {
  const ids = catalogueFor(spec).map((s) => s.id);
  if (SQL_TYPES.has(spec.id)) {
    return { requires_one_of: ["query", "table", "view"], items: { table: option(ids), view: option([]) } };
  }
  if (FILE_TYPES.has(spec.id)) {
    return {
      requires_one_of: ["key"],
      items: { model_from: option(MODEL_FROM), key: option(ids), file_format: option(FILE_FORMATS) },
    };
  }
  if (spec.id === "mongodb") {
    const databases = [...new Set(ids.map((id) => id.split(".")[0] ?? id))];
    const database = typeof params.database === "string" ? params.database : undefined;
    return {
      requires_one_of: ["collection"],
      items: {
        database: option(databases),
        collection: option(
          database
            ? ids.filter((id) => id.startsWith(`${database}.`)).map((id) => id.slice(database.length + 1))
            : [],
        ),
      },
    };
  }
  return {
    requires_one_of: spec.id === "salesforce" ? ["table", "query"] : ["table"],
    items: { table: option(ids) },
  };
}
