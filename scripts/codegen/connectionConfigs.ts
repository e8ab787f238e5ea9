/**
 * Generates provider/resources/connectionConfigs.generated.ts: one typed configuration interface per
 * Polytomic connection type, from the type schemas in data/connection-types.json, with the
 * hand-maintained TSDoc of scripts/codegen/connectionDocs.json merged in, and the
 * `ConnectionConfigurations` map from type id to interface.
 *
 * Run with `npm run codegen` (Node runs this file directly: it imports only Node built-ins). The output
 * is formatted with the project's biome and is deterministic; test/unit/codegen.test.ts fails when the
 * committed file differs from what the data gives.
 *
 * How the schema flags become types (see ../shared/docs/connection-types.md):
 * - `required` makes a property required, unless it has a `default` (the API fills it in) or the
 *   overlay types it optional with a reason;
 * - `readOnly` (set by the server) and `hidden` without `api_field` (server state) are left out of the
 *   interface and named in its TSDoc: a program cannot set them;
 * - `sensitive` is documented as a secret (the provider makes such values Pulumi secrets);
 * - `enum` becomes a union of its values, `default` a "Default:" line, nested objects and arrays are
 *   typed members.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** A node of a type's JSON Schema, as the data holds it. */
export interface SchemaNode {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly additionalProperties?: boolean | SchemaNode;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
  readonly format?: string;
  readonly sensitive?: boolean;
  readonly readOnly?: boolean;
  readonly hidden?: boolean;
  readonly api_field?: boolean;
}

/** One connection type of data/connection-types.json. */
export interface ConnectionTypeData {
  readonly id: string;
  readonly name: string;
  readonly use_oauth: boolean;
  readonly schema: SchemaNode;
}

/** Hand-written TSDoc for one type (scripts/codegen/connectionDocs.json). */
export interface TypeDocs {
  /** The interface's name (kept stable for the common types); derived from the id otherwise. */
  readonly name?: string;
  /** Added to the interface's TSDoc. */
  readonly summary?: string;
  /** Required properties typed optional, with the reason (added to their TSDoc). */
  readonly optional?: Readonly<Record<string, string>>;
  /** TSDoc per property path (`auth.basic.password`; array items are transparent). */
  readonly properties?: Readonly<Record<string, string>>;
}

/** The overlay file's shape. */
export interface DocOverlay {
  readonly types: Readonly<Record<string, TypeDocs>>;
}

/** Paths relative to the project root. */
export const DATA_PATH = "data/connection-types.json";
export const OVERLAY_PATH = "scripts/codegen/connectionDocs.json";
export const OUTPUT_PATH = "provider/resources/connectionConfigs.generated.ts";

/** Secret properties say this in their TSDoc (test/unit/codegen.test.ts checks it). */
export const SECRET_NOTE = "Secret: kept as a Pulumi secret in state.";

const WIDTH = 108;

/** `zendesk_support` → `ZendeskSupportConfiguration`. */
export function interfaceName(id: string, docs?: TypeDocs): string {
  if (docs?.name) return docs.name;
  const pascal = id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== "")
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join("");
  return `${/^[0-9]/.test(pascal) ? "T" : ""}${pascal}Configuration`;
}

/** Whether a property is server state that a program cannot set. */
export function isServerSet(node: SchemaNode): boolean {
  return node.readOnly === true || (node.hidden === true && node.api_field !== true);
}

/** Whether a property must be given: required, no default, not made optional by the overlay. */
function isRequired(schema: SchemaNode, key: string, docs: TypeDocs | undefined): boolean {
  const node = schema.properties?.[key];
  return (
    (schema.required ?? []).includes(key) &&
    node?.default === undefined &&
    docs?.optional?.[key] === undefined
  );
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function propertyKey(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

/** Wraps `text` into lines of at most `width` characters (words are never split). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** A TSDoc block at `indent` from paragraphs (empty ones dropped); one line when it fits. */
function tsdoc(paragraphs: readonly string[], indent: string): string[] {
  const texts = paragraphs.map((p) => p.replaceAll("*/", "*\\/").trim()).filter((p) => p !== "");
  if (texts.length === 0) return [];
  const single = `${indent}/** ${texts[0]} */`;
  if (texts.length === 1 && single.length <= WIDTH + 2) return [single];
  const out = [`${indent}/**`];
  texts.forEach((text, i) => {
    if (i > 0) out.push(`${indent} *`);
    for (const line of wrap(text, WIDTH - indent.length - 3)) out.push(`${indent} * ${line}`);
  });
  out.push(`${indent} */`);
  return out;
}

function code(value: unknown): string {
  return `\`${JSON.stringify(value)}\``;
}

/** The TypeScript type of a schema node's value (without the outer `pulumi.Input`). */
function valueType(node: SchemaNode, docs: TypeDocs | undefined, docPath: string, indent: string): string {
  if (node.enum && node.enum.length > 0) return node.enum.map((v) => JSON.stringify(v)).join(" | ");
  switch (node.type) {
    case "string":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "array":
      return node.items
        ? `pulumi.Input<${valueType(node.items, docs, docPath, indent)}>[]`
        : "pulumi.Input<unknown>[]";
    case "object": {
      if (node.properties && Object.keys(node.properties).length > 0) {
        const members = objectMembers(node, docs, docPath, `${indent}  `, false);
        return `{\n${members.join("\n")}\n${indent}}`;
      }
      const additional = node.additionalProperties;
      if (typeof additional === "object")
        return `Record<string, pulumi.Input<${valueType(additional, docs, docPath, indent)}>>`;
      return "Record<string, pulumi.Input<unknown>>";
    }
    default:
      return "unknown";
  }
}

/** The TSDoc paragraphs of one property. */
function propertyDoc(
  node: SchemaNode,
  required: boolean,
  requiredWithDefault: boolean,
  optionalReason: string | undefined,
  text: string | undefined,
  topLevel: boolean,
): string[] {
  const flags: string[] = [];
  if (required) flags.push("Required.");
  if (requiredWithDefault) flags.push("Required by the API, which fills in the default when it is omitted.");
  if (optionalReason) flags.push(optionalReason);
  if (node.sensitive) flags.push(SECRET_NOTE);
  if (node.hidden && node.api_field) flags.push("Hidden in the Polytomic UI; settable through the API.");
  if (node.format) flags.push(`Format: \`${node.format}\`.`);
  if (node.default !== undefined) flags.push(`Default: ${code(node.default)}.`);
  if (topLevel && !required && flags.length === 0 && !text) flags.push("Optional.");
  return [text ?? "", flags.join(" ")];
}

/** The member lines of an object node: settable properties only, each with its TSDoc. */
function objectMembers(
  node: SchemaNode,
  docs: TypeDocs | undefined,
  pathPrefix: string,
  indent: string,
  topLevel: boolean,
): string[] {
  const lines: string[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (isServerSet(child)) continue;
    const docPath = pathPrefix === "" ? key : `${pathPrefix}.${key}`;
    const listed = topLevel && (node.required ?? []).includes(key);
    const required = listed && isRequired(node, key, docs);
    const optionalReason = topLevel ? docs?.optional?.[key] : undefined;
    const doc = propertyDoc(
      child,
      required,
      listed && child.default !== undefined,
      optionalReason,
      docs?.properties?.[docPath],
      topLevel,
    );
    lines.push(...tsdoc(doc, indent));
    const type = valueType(child, docs, docPath, indent);
    lines.push(`${indent}readonly ${propertyKey(key)}${required ? "" : "?"}: pulumi.Input<${type}>;`);
  }
  if (topLevel) {
    for (const key of undeclaredRequired(node)) {
      lines.push(...tsdoc([docs?.properties?.[key] ?? "", UNDECLARED_NOTE], indent));
      lines.push(`${indent}readonly ${propertyKey(key)}?: pulumi.Input<unknown>;`);
    }
  }
  return lines;
}

/** Documents a property the schema requires without describing it. */
const UNDECLARED_NOTE =
  "Listed as required by the type's schema, which does not describe it (no type, not marked sensitive): " +
  "an OAuth type gets it from the authorization, so it is optional here. Injected, it is not made a " +
  "secret automatically: pass `pulumi.secret(...)`.";

/** Keys the schema's `required` lists but its `properties` do not describe. */
function undeclaredRequired(schema: SchemaNode): string[] {
  return (schema.required ?? []).filter((key) => schema.properties?.[key] === undefined);
}

function listCode(keys: readonly string[]): string {
  return keys.map((k) => `\`${k}\``).join(", ");
}

/** The interface of one connection type. */
function typeInterface(type: ConnectionTypeData, docs: TypeDocs | undefined): string[] {
  const schema = type.schema;
  const properties = Object.entries(schema.properties ?? {});
  const settable = properties.filter(([, node]) => !isServerSet(node));
  const required = settable.filter(([key]) => isRequired(schema, key, docs)).map(([key]) => key);
  const secrets = settable.filter(([, node]) => node.sensitive).map(([key]) => key);
  const serverSet = properties
    .filter(([, node]) => isServerSet(node))
    .map(([key, node]) => {
      const what = node.readOnly ? "read-only" : "hidden server state";
      const secret = node.sensitive ? ", secret" : "";
      const text = docs?.properties?.[key];
      return `\`${key}\` (${what}${secret})${text ? `: ${text.replace(/\.$/, "")}` : ""}`;
    });
  const paragraphs = [
    `Configuration of a connection of type \`${type.id}\` (${type.name}).${
      type.use_oauth
        ? " An OAuth type: open the connection's `authUrl` to authorize it after `pulumi up`."
        : ""
    }`,
    docs?.summary ?? "",
    [
      required.length > 0 ? `Required: ${listCode(required)}.` : "Nothing is required.",
      secrets.length > 0 ? `Secrets: ${listCode(secrets)}.` : "",
    ]
      .filter((s) => s !== "")
      .join(" "),
    serverSet.length > 0 ? `Set by the server, not settable here: ${serverSet.join("; ")}.` : "",
    undeclaredRequired(schema).length > 0
      ? `The schema also requires ${listCode(undeclaredRequired(schema))} without describing it: typed optional.`
      : "",
  ];
  const name = interfaceName(type.id, docs);
  const members = objectMembers(schema, docs, "", "  ", true);
  if (members.length === 0) {
    return [
      ...tsdoc([...paragraphs, "The type has no settable configuration: pass `{}`."], ""),
      `export type ${name} = Record<string, never>;`,
    ];
  }
  return [...tsdoc(paragraphs, ""), `export interface ${name} {`, ...members, "}"];
}

/** Every property path of `node` (array items transparent), for checking the overlay. */
function propertyPaths(node: SchemaNode, prefix = ""): string[] {
  const out: string[] = [];
  const visit = (n: SchemaNode, p: string) => {
    for (const [key, child] of Object.entries(n.properties ?? {})) {
      const childPath = p === "" ? key : `${p}.${key}`;
      out.push(childPath);
      visit(child, childPath);
      if (child.items) visit(child.items, childPath);
    }
  };
  visit(node, prefix);
  return out;
}

/** Fails when the overlay names a type or property the data does not have (a stale overlay). */
export function checkOverlay(types: readonly ConnectionTypeData[], overlay: DocOverlay): void {
  const byId = new Map(types.map((t) => [t.id, t]));
  const problems: string[] = [];
  for (const [id, docs] of Object.entries(overlay.types)) {
    const type = byId.get(id);
    if (!type) {
      problems.push(`${OVERLAY_PATH}: unknown type ${id}`);
      continue;
    }
    const paths = new Set([...propertyPaths(type.schema), ...undeclaredRequired(type.schema)]);
    for (const p of Object.keys(docs.properties ?? {}))
      if (!paths.has(p)) problems.push(`${OVERLAY_PATH}: ${id} has no property ${p}`);
    for (const p of Object.keys(docs.optional ?? {}))
      if (!(type.schema.required ?? []).includes(p) || type.schema.properties?.[p] === undefined)
        problems.push(`${OVERLAY_PATH}: ${id}.${p} is not required, so it cannot be made optional`);
  }
  if (problems.length > 0) throw new Error(problems.join("\n"));
}

/** The generated module's text, before formatting. */
export function generateConnectionConfigs(types: readonly ConnectionTypeData[], overlay: DocOverlay): string {
  checkOverlay(types, overlay);
  const sorted = [...types].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const names = new Map<string, string>();
  for (const type of sorted) {
    const name = interfaceName(type.id, overlay.types[type.id]);
    const clash = [...names].find(([, n]) => n === name);
    if (clash) throw new Error(`types ${clash[0]} and ${type.id} both map to ${name}`);
    names.set(type.id, name);
  }
  const out: string[] = [
    "/**",
    ` * Typed \`configuration\` of every Polytomic connection type (${sorted.length} types), generated by`,
    ` * scripts/codegen/connectionConfigs.ts from ${DATA_PATH} and the hand-written TSDoc in`,
    ` * ${OVERLAY_PATH}. Do not edit: run \`npm run codegen\`.`,
    " *",
    " * Values a type's schema marks sensitive are made Pulumi secrets by the provider; properties the server",
    " * sets are not part of the input and are named in each interface's TSDoc.",
    " */",
    'import type * as pulumi from "@pulumi/pulumi";',
    "",
  ];
  for (const type of sorted) {
    out.push(...typeInterface(type, overlay.types[type.id]), "");
  }
  out.push(
    "/** Typed configuration by connection type id. */",
    "export interface ConnectionConfigurations {",
  );
  for (const type of sorted) {
    out.push(`  /** \`${type.id}\`: ${type.name.replaceAll("*/", "*\\/")}. */`);
    out.push(`  readonly ${propertyKey(type.id)}: ${names.get(type.id)};`);
  }
  out.push("}", "", "/** Every connection type id the data knows. */");
  out.push("export type ConnectionTypeId = keyof ConnectionConfigurations;", "");
  return out.join("\n");
}

/** `text` formatted by the project's biome as the file at `filePath` (relative to `root`). */
export function formatWithBiome(root: string, filePath: string, text: string): string {
  const biome = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "biome.cmd" : "biome");
  const result = spawnSync(biome, ["format", `--stdin-file-path=${filePath}`], {
    cwd: root,
    input: text,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`biome format failed: ${result.stderr || result.error}`);
  return result.stdout;
}

/** The data and the overlay, read from the project at `root`. */
export function readInputs(root: string): { types: ConnectionTypeData[]; overlay: DocOverlay } {
  const data = JSON.parse(fs.readFileSync(path.join(root, DATA_PATH), "utf8")) as {
    types: ConnectionTypeData[];
  };
  const overlay = JSON.parse(fs.readFileSync(path.join(root, OVERLAY_PATH), "utf8")) as DocOverlay;
  return { types: data.types, overlay };
}

/** The generated file's content for the project at `root`, formatted: what gets committed. */
export function renderConnectionConfigs(root: string): string {
  const { types, overlay } = readInputs(root);
  return formatWithBiome(root, OUTPUT_PATH, generateConnectionConfigs(types, overlay));
}

function main(): void {
  const script = process.argv[1] ? path.resolve(process.argv[1]) : "";
  const root = path.resolve(path.dirname(script), "..", "..");
  const text = renderConnectionConfigs(root);
  const target = path.join(root, OUTPUT_PATH);
  const before = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : undefined;
  if (before === text) {
    console.log(`${OUTPUT_PATH} is up to date`);
    return;
  }
  fs.writeFileSync(target, text);
  console.log(`wrote ${OUTPUT_PATH}`);
}

// Run as a script (`node scripts/codegen/connectionConfigs.ts`), not when imported by a test.
if (/[\\/]scripts[\\/]codegen[\\/]connectionConfigs\.ts$/.test(process.argv[1] ?? "")) main();
