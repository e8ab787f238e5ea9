/**
 * The project's connection-type fixture, data/connection-types.json: the structure of the JSON Schema
 * `GET /api/connection_types/{id}` answers for each of Polytomic's connection types (types, required,
 * enum values, defaults, `sensitive`, `readOnly`, `hidden` / `api_field`, nested objects and arrays;
 * titles, descriptions, examples and UI hints removed). The emulator serves every type from it;
 * scripts/connection-types/refresh.ts rewrites it from a live deployment.
 */

/** A node of a type's JSON Schema (the type itself, a property, an array's items). */
export interface SchemaNode {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | SchemaNode;
  readonly enum?: readonly string[];
  readonly default?: unknown;
  readonly format?: string;
  /** A credential: masked on read (connection-types.md, Non-standard keywords). */
  readonly sensitive?: boolean;
  /** Set by the server. */
  readonly readOnly?: boolean;
  /** Not shown in the UI; without `api_field`, server state that no request sets. */
  readonly hidden?: boolean;
  /** Settable through the API even when hidden. */
  readonly api_field?: boolean;
}

/** A type's JSON Schema: an object with top-level properties. */
export interface TypeSchema extends SchemaNode {
  readonly properties: Readonly<Record<string, SchemaNode>>;
}

/** One type of the fixture. */
export interface DataType {
  readonly id: string;
  readonly name: string;
  readonly use_oauth: boolean;
  readonly schema: TypeSchema;
}

/** The fixture file. */
export interface ConnectionTypeData {
  /** What the data is and where it came from. */
  readonly about: string;
  /** Types the list names whose schema could not be read. */
  readonly types_without_schema: readonly string[];
  /** Every type with a schema, by id. */
  readonly types: readonly DataType[];
}

/**
 * The fixture as parsed (resolves from emulator/ in source and from dist/emulator/, where the build
 * puts it at dist/data/). Treat as immutable: it is shared with every emulator in the process.
 */
export const CONNECTION_TYPE_DATA: ConnectionTypeData = require("../data/connection-types.json");
