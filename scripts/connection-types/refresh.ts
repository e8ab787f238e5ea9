/**
 * Refreshes data/connection-types.json from a Polytomic deployment: reads `GET /api/connection_types`
 * and `GET /api/connection_types/{id}` for every type listed, keeps the structure of each JSON Schema
 * as the file's "about" says (titles, descriptions, examples and UI hints removed; enum items reduced
 * to their values; lowercase `readonly` folded into `readOnly`) and writes the file in a fixed order, so
 * an unchanged API gives an unchanged file.
 *
 * ```sh
 * POLYTOMIC_API_KEY=<key> [POLYTOMIC_BASE_URL=https://app.polytomic.com] npm run refresh:connection-types [-- --out <file>]
 * ```
 *
 * The file's "about" (where the data came from) is kept as it is: edit it when the provenance changes.
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import { resolve } from "node:path";

/** A JSON value. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** One type of the written file. */
export interface RefreshedType {
  readonly id: string;
  readonly name: string;
  readonly use_oauth: boolean;
  readonly schema: JsonObject;
}

/** The written file. */
export interface ConnectionTypesFile {
  readonly about: string;
  readonly types_without_schema: readonly string[];
  readonly types: readonly RefreshedType[];
}

/** Options of {@link refreshConnectionTypes}. */
export interface RefreshOptions {
  /** The deployment, e.g. `https://app.polytomic.com`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** The file to write; its "about" is kept when it exists. */
  readonly out: string;
  /** Schema requests in flight at once; default 8. */
  readonly concurrency?: number;
}

/** What a refresh did. */
export interface RefreshResult {
  readonly types: number;
  readonly typesWithoutSchema: readonly string[];
  /** Whether the file's content changed. */
  readonly changed: boolean;
}

/** The "about" of a file written where none existed. */
export const DEFAULT_ABOUT =
  "Structure of the JSON Schema that GET /api/connection_types/{id} returns for each Polytomic connection type, as read from a deployment by scripts/connection-types/refresh.ts. Titles, descriptions, examples and UI hints removed; enum items reduced to their values; lowercase readonly folded into readOnly. See ../docs/connection-types.md for how to read the flags.";

/** Keywords removed at every level: documentation and UI hints, and the schema's own identity. */
const REMOVED = new Set([
  "$schema",
  "$id",
  "$comment",
  "title",
  "description",
  "examples",
  "example",
  "password",
  "widget",
]);

/** Keywords whose value is a map of names to schemas. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"]);
/** Keywords whose value is a schema. */
const SCHEMAS = new Set([
  "items",
  "additionalProperties",
  "additionalItems",
  "contains",
  "not",
  "if",
  "then",
  "else",
  "propertyNames",
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);

/**
 * The order keywords are written in (the order of data/connection-types.json); others follow, sorted.
 * Names inside `properties` (and other maps) keep the API's order: it is the form's order.
 */
const KEYWORD_ORDER = [
  "items",
  "properties",
  "additionalProperties",
  "type",
  "required",
  "format",
  "enum",
  "default",
  "readOnly",
  "api_field",
  "hidden",
  "sensitive",
];

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function keywordRank(key: string): number {
  const i = KEYWORD_ORDER.indexOf(key);
  return i < 0 ? KEYWORD_ORDER.length : i;
}

/** The structure of one schema node: see the module's documentation. */
export function structureOf(node: Json): Json {
  if (!isObject(node)) return node; // `true` / `false` schemas
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (REMOVED.has(key)) continue;
    if (key === "readonly") {
      if (value === true) out.readOnly = true;
      continue;
    }
    if (key === "readOnly") {
      if (value === true || out.readOnly === undefined) out.readOnly = value;
      continue;
    }
    if (SCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, structureOf(child)]));
    } else if (SCHEMAS.has(key)) {
      out[key] = Array.isArray(value) ? value.map(structureOf) : structureOf(value);
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map(structureOf);
    } else if (key === "enum" && Array.isArray(value)) {
      // `{value, label}` items: "Only `value` is sent on the wire" (connection-types.md).
      out[key] = value.map((item) => (isObject(item) && "value" in item ? (item.value as Json) : item));
    } else {
      out[key] = value;
    }
  }
  const keys = Object.keys(out).sort(
    (a, b) => keywordRank(a) - keywordRank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  return Object.fromEntries(keys.map((k) => [k, out[k] as Json]));
}

/** The file's text: one-space indentation, types by id, each type's keys in a fixed order. */
export function serialize(file: ConnectionTypesFile): string {
  const ordered = {
    about: file.about,
    types_without_schema: [...file.types_without_schema].sort(),
    types: [...file.types]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((t) => ({ id: t.id, name: t.name, use_oauth: t.use_oauth, schema: t.schema })),
  };
  return JSON.stringify(ordered, null, 1);
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** GET `path` as JSON, retrying 429 and 5xx answers (honouring `Retry-After`) and network errors. */
async function getJson(baseUrl: string, apiKey: string, path: string): Promise<Json> {
  const url = `${baseUrl.replace(/\/+$/, "")}${path}`;
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { Authorization: `Bearer ${apiKey}`, Accept: "application/json" },
      });
    } catch (err) {
      if (attempt >= 4) throw new Error(`GET ${path}: ${(err as Error).message}`);
      await sleep(500 * 2 ** attempt);
      continue;
    }
    const text = await response.text();
    if (response.ok) {
      try {
        return JSON.parse(text) as Json;
      } catch {
        throw new Error(`GET ${path}: the answer is not JSON`);
      }
    }
    const retryable = response.status === 429 || response.status >= 500;
    if (!retryable || attempt >= 4) {
      throw new HttpError(response.status, `GET ${path}: ${response.status} ${text.slice(0, 300)}`);
    }
    const after = Number(response.headers.get("retry-after"));
    await sleep(Number.isFinite(after) && after > 0 ? after * 1000 : 500 * 2 ** attempt);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The types `GET /api/connection_types` lists. */
async function listTypes(baseUrl: string, apiKey: string): Promise<Omit<RefreshedType, "schema">[]> {
  const body = await getJson(baseUrl, apiKey, "/api/connection_types");
  const data = isObject(body) ? body.data : undefined;
  if (!Array.isArray(data)) throw new Error("GET /api/connection_types: no data list in the answer");
  return data.map((item, i) => {
    if (!isObject(item) || typeof item.id !== "string" || item.id === "")
      throw new Error(`GET /api/connection_types: item ${i} has no id`);
    return {
      id: item.id,
      name: typeof item.name === "string" ? item.name : item.id,
      use_oauth: item.use_oauth === true,
    };
  });
}

/** Reads every type from the deployment and writes `options.out`. */
export async function refreshConnectionTypes(options: RefreshOptions): Promise<RefreshResult> {
  const listed = await listTypes(options.baseUrl, options.apiKey);
  const types: RefreshedType[] = [];
  const withoutSchema: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < listed.length) {
      const type = listed[next++] as (typeof listed)[number];
      try {
        const schema = await getJson(
          options.baseUrl,
          options.apiKey,
          `/api/connection_types/${encodeURIComponent(type.id)}`,
        );
        if (!isObject(schema)) throw new Error(`GET /api/connection_types/${type.id}: not a JSON object`);
        types.push({ ...type, schema: structureOf(schema) as JsonObject });
      } catch (err) {
        // A type listed without a schema (404) is recorded; any other failure stops the refresh.
        if (err instanceof HttpError && err.status === 404) withoutSchema.push(type.id);
        else throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));

  const previous = await readFile(options.out, "utf8").catch(() => undefined);
  let about = DEFAULT_ABOUT;
  if (previous !== undefined) {
    try {
      const parsed = JSON.parse(previous) as { about?: unknown };
      if (typeof parsed.about === "string") about = parsed.about;
    } catch {
      // an unreadable file is replaced whole
    }
  }
  const text = serialize({ about, types_without_schema: withoutSchema, types });
  const changed = text !== previous;
  if (changed) {
    const temporary = `${options.out}.${process.pid}.tmp`;
    await writeFile(temporary, text);
    await rename(temporary, options.out);
  }
  return { types: types.length, typesWithoutSchema: withoutSchema.sort(), changed };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf("--out");
  const out = resolve((outIndex >= 0 ? args[outIndex + 1] : undefined) ?? "data/connection-types.json");
  const apiKey = process.env.POLYTOMIC_API_KEY;
  if (!apiKey) {
    process.stderr.write("refresh:connection-types: set POLYTOMIC_API_KEY (and POLYTOMIC_BASE_URL)\n");
    process.exitCode = 2;
    return;
  }
  const baseUrl = process.env.POLYTOMIC_BASE_URL || "https://app.polytomic.com";
  const result = await refreshConnectionTypes({ baseUrl, apiKey, out });
  process.stdout.write(
    `${out}: ${result.types} types${
      result.typesWithoutSchema.length > 0 ? `, without schema: ${result.typesWithoutSchema.join(", ")}` : ""
    }; ${result.changed ? 'updated (check its "about" still says where the data came from)' : "unchanged"}\n`,
  );
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`refresh:connection-types: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
