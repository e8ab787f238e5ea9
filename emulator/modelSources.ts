/**
 * Model sources: how a model's `configuration` picks one object of its connection's catalogue (a SQL
 * query, table or view; a MongoDB collection; a file in a bucket; a SaaS object or SOQL query), which
 * fields that yields, and the drill-down options `GET .../modelsync/source` answers.
 */
import { catalogueFor, type Schema, type SchemaField } from "./catalogues";
import type { ConnectionTypeSpec } from "./connectionTypes";
import { invalid } from "./errors";

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

type Configuration = Readonly<Record<string, unknown>>;

function text(configuration: Configuration, key: string): string | undefined {
  const value = configuration[key];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw invalid(`configuration.${key}`, "must be a string");
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

function requireSchema(catalogue: readonly Schema[], key: string, id: string, what: string): Schema {
  const schema = findSchema(catalogue, id);
  if (!schema) {
    const known = catalogue.map((s) => s.id).join(", ");
    throw invalid(`configuration.${key}`, `unknown ${what} "${id}" (available: ${known})`);
  }
  return schema;
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
    throw invalid("configuration", "exactly one of query, table, view is required");
  }
  const key = given[0] ?? "table";
  const value = text(configuration, key) ?? "";
  if (key === "query") return resolveQuery(catalogue, value);
  const schema = requireSchema(catalogue, key, value, key);
  return { type: key, schema, fields: schema.fields };
}

function resolveSalesforce(catalogue: readonly Schema[], configuration: Configuration): ResolvedSource {
  const query = text(configuration, "query");
  const table = text(configuration, "table");
  if ((query === undefined) === (table === undefined)) {
    throw invalid("configuration", "exactly one of table, query (SOQL) is required");
  }
  if (configuration.include_deleted !== undefined && typeof configuration.include_deleted !== "boolean") {
    throw invalid("configuration.include_deleted", "must be a boolean");
  }
  if (query !== undefined) return resolveQuery(catalogue, query);
  const schema = requireSchema(catalogue, "table", table ?? "", "object");
  return { type: "table", schema, fields: schema.fields };
}

function resolveMongo(catalogue: readonly Schema[], configuration: Configuration): ResolvedSource {
  const database = text(configuration, "database");
  const collection = text(configuration, "collection");
  if (database === undefined) throw invalid("configuration.database", "is required");
  if (collection === undefined) throw invalid("configuration.collection", "is required");
  if (!catalogue.some((s) => s.id.startsWith(`${database}.`))) {
    throw invalid("configuration.database", `unknown database "${database}"`);
  }
  const schema = requireSchema(catalogue, "collection", `${database}.${collection}`, "collection");
  return { type: "collection", schema, fields: schema.fields };
}

function resolveFile(catalogue: readonly Schema[], configuration: Configuration): ResolvedSource {
  const modelFrom = text(configuration, "model_from");
  if (modelFrom === undefined) throw invalid("configuration.model_from", "is required");
  if (!MODEL_FROM.includes(modelFrom)) {
    throw invalid("configuration.model_from", `must be one of ${MODEL_FROM.join(", ")}`);
  }
  const format = text(configuration, "file_format");
  if (format !== undefined && !FILE_FORMATS.includes(format)) {
    throw invalid("configuration.file_format", `must be one of ${FILE_FORMATS.join(", ")}`);
  }
  const skip = configuration.skip_lines;
  if (skip !== undefined && (!Number.isInteger(skip) || (skip as number) < 0)) {
    throw invalid("configuration.skip_lines", "must be a whole number, 0 or more");
  }
  const key = text(configuration, "key");
  if (key === undefined) throw invalid("configuration.key", "is required");
  // An archive model reads every file under a prefix; their columns are those of the first file.
  const schema =
    modelFrom === "single_file"
      ? requireSchema(catalogue, "key", key, "file")
      : catalogue.find((s) => s.id.startsWith(key));
  if (!schema) throw invalid("configuration.key", `no file matches "${key}"`);
  return { type: "file", schema, fields: schema.fields };
}

function resolveObject(catalogue: readonly Schema[], configuration: Configuration): ResolvedSource {
  const table = text(configuration, "table");
  if (table === undefined) throw invalid("configuration.table", "is required");
  const schema = requireSchema(catalogue, "table", table, "object");
  return { type: "object", schema, fields: schema.fields };
}

/** Resolves a model configuration on a connection of `spec`, or throws a 422 naming the field. */
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
