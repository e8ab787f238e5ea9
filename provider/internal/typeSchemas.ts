/**
 * The JSON Schemas of Polytomic's connection types as the API returned them (July 2026), bundled in
 * data/connection-types.json: what can be known about a type without an API call, such as
 * which configuration values are secrets when a resource is constructed.
 */

/** A node of a connection type's JSON Schema, as far as the provider reads it. */
export interface TypeSchemaNode {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, TypeSchemaNode>>;
  readonly items?: TypeSchemaNode;
  readonly required?: readonly string[];
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  /** The value is a credential: the API masks it on read. */
  readonly sensitive?: boolean;
  /** Set by the server. */
  readonly readOnly?: boolean;
}

/** One connection type of the bundled data. */
export interface BundledConnectionType {
  readonly id: string;
  readonly name: string;
  readonly use_oauth: boolean;
  readonly schema: TypeSchemaNode;
}

let byId: ReadonlyMap<string, BundledConnectionType> | undefined;

/** Every bundled type by id, parsed on first use (~130 KB). */
function bundled(): ReadonlyMap<string, BundledConnectionType> {
  if (!byId) {
    const data = require("../../data/connection-types.json") as { types: BundledConnectionType[] };
    byId = new Map(data.types.map((t) => [t.id, t]));
  }
  return byId;
}

/** The bundled schema of connection type `type`, or undefined for a type newer than the data. */
export function bundledTypeSchema(type: string): TypeSchemaNode | undefined {
  return bundled().get(type)?.schema;
}

let sensitiveNames: ReadonlySet<string> | undefined;

/** Every member name that some type's schema marks sensitive, at any depth. */
export function sensitiveMemberNames(): ReadonlySet<string> {
  if (!sensitiveNames) {
    const names = new Set<string>();
    const visit = (node: TypeSchemaNode | undefined): void => {
      for (const [name, child] of Object.entries(node?.properties ?? {})) {
        if (child.sensitive) names.add(name);
        visit(child);
        visit(child.items);
      }
    };
    for (const type of bundled().values()) visit(type.schema);
    sensitiveNames = names;
  }
  return sensitiveNames;
}

/** The ids of every bundled connection type: the candidates a near-miss type id is compared with. */
export function bundledTypeIds(): readonly string[] {
  return [...bundled().keys()];
}
