/**
 * Generates provider/plugin/schema.json: the Pulumi package schema of a native provider `polytomic`
 * serving the same resources as the dynamic ones. Everything in it is read from the TypeScript sources
 * with the compiler API, so the resources stay the one source of truth:
 * - resources from each file's `<Name>Args` (inputs) and the `declare readonly` members of its class
 *   (outputs, next to every input echoed back), the replacing properties from the `diffProps` call,
 *   secrets from the constructor's `additionalSecretOutputs`;
 * - object types from the interfaces they use, enumerations from the string-literal type aliases
 *   (values in the order of their `as const` lists), descriptions from the TSDoc;
 * - functions from provider/lookups.ts, and the provider configuration from `SETTINGS` in
 *   provider/config.ts (typed and documented by `ClientSettings`).
 *
 * Run with `npm run codegen:schema` (Node runs this file directly). test/unit/pluginSchema.test.ts fails
 * when the committed file differs from what the sources give.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

/** Paths relative to the project root. */
export const OUTPUT_PATH = "provider/plugin/schema.json";
/** Each kind's implementation (its Args and replace-on keys); its class is provider/dynamic/<file>Resource.ts. */
const RESOURCE_FILES = {
  Connection: "provider/resources/connection.ts",
  Model: "provider/resources/model.ts",
  ModelSync: "provider/resources/modelSync.ts",
  BulkSync: "provider/resources/bulkSync.ts",
  SchemaReady: "provider/resources/schemaReady.ts",
} as const;
/** The file of the dynamic resource class of the kind implemented in `file`. */
const classFile = (file: string) =>
  file.replace(/^provider\/resources\/(\w+)\.ts$/, "provider/dynamic/$1Resource.ts");
const LOOKUPS_FILE = "provider/lookups.ts";
const CONFIG_FILE = "provider/config.ts";
const CLIENT_TYPES_FILE = "provider/client/types.ts";

/** Lookup parameters of this type are per-call settings; a native provider uses its configuration. */
const LOOKUP_SETTINGS = "LookupSettings";
/** Types that only wrap a value (`pulumi.Input<T>` and the like): the schema has the value's type. */
const WRAPPERS = new Set(["Input", "Output", "DeepInput", "Readonly", "Promise"]);
/**
 * Internal inputs that stand for a program's input: the dynamic provider replaces when the internal
 * one changes, so a change of the program's one replaces.
 */
const STANDS_FOR: Record<string, readonly string[]> = { targetConnectionId: ["target", "connectionId"] };

const ANY = { $ref: "pulumi.json#/Any" } as const;
const PACKAGE = "polytomic";

/** Inputs the dynamic resources carry for themselves; a native provider gets them from the request. */
function isInternal(name: string): boolean {
  return name === "resourceUrn" || name === "targetConnectionId" || name.startsWith("__");
}

/** A schema type (`TypeSpec`) or property (`PropertySpec`); see Pulumi's package schema. */
export interface Spec {
  type?: string;
  $ref?: string;
  items?: Spec;
  additionalProperties?: Spec;
  oneOf?: Spec[];
  description?: string;
  secret?: boolean;
  replaceOnChanges?: boolean;
  defaultInfo?: { environment: string[] };
}

/** An object's members, as object types, resources and function results hold them. */
interface Members {
  properties: Record<string, Spec>;
  required: string[];
}

/** A `types` entry: an object type or a string enumeration. */
type TypeEntry = { description?: string; type: string } & (
  | Members
  | { enum: { value: string }[]; properties?: never }
);

const ref = (name: string): Spec => ({ $ref: `#/types/${PACKAGE}:index:${name}` });
/** `spec` with `description` first, when there is one. */
const documented = <T extends object>(description: string | undefined, spec: T) =>
  description ? { description, ...spec } : spec;
/** The name a type reference uses: `Input` for `pulumi.Input<T>`. */
const referenceName = (node: ts.TypeReferenceNode) =>
  ts.isQualifiedName(node.typeName) ? node.typeName.right.text : node.typeName.text;
/** An expression without its `as const` and `satisfies` clauses. */
function withoutAssertions(node: ts.Expression): ts.Expression {
  return ts.isAsExpression(node) || ts.isSatisfiesExpression(node)
    ? withoutAssertions(node.expression)
    : node;
}
/** `runAfter` -> `RunAfter`, `identity_function` -> `IdentityFunction`. */
const pascal = (s: string) => s.replace(/(?:^|_)([a-z])/g, (_, c: string) => c.toUpperCase());

/** Every node under `root` that passes `test`, in source order. */
function findAll<T extends ts.Node>(root: ts.Node, test: (n: ts.Node) => n is T): T[] {
  const found: T[] = [];
  const visit = (n: ts.Node) => {
    if (test(n)) found.push(n);
    ts.forEachChild(n, visit);
  };
  visit(root);
  return found;
}

/** The program the schema is read from: the source files and what they import, as tsconfig.json compiles them. */
export function schemaProgram(root: string): ts.Program {
  const { config } = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const files = [
    ...Object.values(RESOURCE_FILES),
    ...Object.values(RESOURCE_FILES).map(classFile),
    LOOKUPS_FILE,
    CONFIG_FILE,
    CLIENT_TYPES_FILE,
  ];
  return ts.createProgram(
    files.map((f) => path.join(root, f)),
    options,
  );
}

/** Reads declarations of the project at `root` into schema parts. */
class SchemaReader {
  readonly types: Record<string, TypeEntry> = {};
  private readonly program: ts.Program;
  private readonly checker: ts.TypeChecker;
  private readonly root: string;

  constructor(root: string, program: ts.Program) {
    this.root = root;
    this.program = program;
    this.checker = program.getTypeChecker();
  }

  source(file: string): ts.SourceFile {
    const found = this.program.getSourceFile(path.join(this.root, file));
    if (!found) throw new Error(`${file} is not part of the program`);
    return found;
  }

  /** The exported declaration `name` of `file`, of the kind `test` accepts. */
  declaration<T extends ts.Declaration>(file: string, name: string, test: (n: ts.Node) => n is T): T {
    const module = this.checker.getSymbolAtLocation(this.source(file));
    const symbol = module && this.checker.getExportsOfModule(module).find((s) => s.name === name);
    const declaration = symbol && this.resolve(symbol).declarations?.find(test);
    if (!declaration) throw new Error(`${file} exports no ${name} of the expected kind`);
    return declaration;
  }

  /** TSDoc text without tags; `{@link X}` becomes `X` in code. */
  doc(node: ts.Node): string | undefined {
    const symbol = this.checker.getSymbolAtLocation(ts.getNameOfDeclaration(node as ts.Declaration) ?? node);
    const text = symbol ? ts.displayPartsToString(symbol.getDocumentationComment(this.checker)) : "";
    return text === "" ? undefined : text.replace(/\{@link\s+([^}\s]+)\s*\}/g, "`$1`");
  }

  /** The members of an interface (inherited ones included) or a type literal, named `owner`. */
  membersOf(node: ts.InterfaceDeclaration | ts.TypeLiteralNode, owner: string): Members {
    const type = this.checker.getTypeAtLocation(node);
    const out: Members = { properties: {}, required: [] };
    for (const symbol of this.checker.getPropertiesOfType(type)) {
      const declaration = symbol.valueDeclaration;
      if (!declaration || !ts.isPropertySignature(declaration))
        throw new Error(`${owner}.${symbol.name}: not a property signature`);
      this.addMember(out, declaration, owner);
    }
    return out;
  }

  /** Adds a property signature or declaration to `members`. */
  addMember(members: Members, node: ts.PropertySignature | ts.PropertyDeclaration, owner: string): void {
    const name = node.name.getText();
    if (!node.type) throw new Error(`${owner}.${name} has no type annotation`);
    // An open map's interface documents its keys, which the schema cannot list: its doc joins the member's.
    const { description: keys, ...type } = this.typeSpec(node.type, owner, name);
    const description = [this.doc(node), keys].filter((d) => d !== undefined).join("\n\n");
    members.properties[name] = documented(description, type);
    if (!node.questionToken && !admitsUndefined(node.type)) members.required.push(name);
  }

  /** The schema type of a TypeScript type; `owner` and `property` name inline object types. */
  typeSpec(node: ts.TypeNode, owner: string, property: string): Spec {
    const where = `${owner}.${property}`;
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: "string" };
      case ts.SyntaxKind.NumberKeyword:
        return { type: "number" };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: "boolean" };
      case ts.SyntaxKind.UnknownKeyword:
        return { ...ANY };
    }
    if (ts.isParenthesizedTypeNode(node)) return this.typeSpec(node.type, owner, property);
    if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.ReadonlyKeyword)
      return this.typeSpec(node.type, owner, property);
    if (ts.isArrayTypeNode(node))
      return { type: "array", items: this.typeSpec(node.elementType, owner, property.replace(/s$/, "")) };
    if (ts.isUnionTypeNode(node)) {
      const members = node.types.filter((t) => !isUndefinedOrNull(t));
      const [only] = members;
      if (members.length === 1 && only) return this.typeSpec(only, owner, property);
      return { oneOf: members.map((t) => this.typeSpec(t, owner, property)) };
    }
    if (ts.isTypeLiteralNode(node)) {
      const name = owner + pascal(property);
      this.types[name] ??= { description: `\`${where}\`.`, type: "object", ...this.membersOf(node, name) };
      return ref(name);
    }
    if (ts.isTypeReferenceNode(node)) return this.referenceSpec(node, owner, property);
    throw new Error(`${where}: no schema type for \`${node.getText()}\``);
  }

  /** A named type: a wrapper, `Record`, an interface, a type alias or a type parameter. */
  private referenceSpec(node: ts.TypeReferenceNode, owner: string, property: string): Spec {
    const name = referenceName(node);
    const [first, second] = node.typeArguments ?? [];
    if (WRAPPERS.has(name) && first) return this.typeSpec(first, owner, property);
    if (name === "Record" && second)
      return { type: "object", additionalProperties: this.typeSpec(second, owner, property) };
    const symbol = this.checker.getSymbolAtLocation(node.typeName);
    const declaration = symbol && this.resolve(symbol).declarations?.[0];
    if (declaration && ts.isTypeParameterDeclaration(declaration) && declaration.constraint)
      return this.typeSpec(declaration.constraint, owner, property);
    if (declaration && ts.isInterfaceDeclaration(declaration)) return this.interfaceSpec(declaration);
    if (declaration && ts.isTypeAliasDeclaration(declaration)) {
      const values = this.enumValues(declaration);
      if (values) {
        this.types[name] ??= documented(this.doc(declaration), {
          type: "string",
          enum: values.map((value) => ({ value })),
        });
        return ref(name);
      }
      // A generic alias's shape depends on an argument the schema cannot carry (ConfigurationOf<T>).
      if (declaration.typeParameters) return { type: "object", additionalProperties: { ...ANY } };
      return this.typeSpec(declaration.type, owner, property);
    }
    throw new Error(`${owner}.${property}: no schema type for \`${node.getText()}\``);
  }

  /**
   * An interface as an object type. One with an index signature takes any keys, so it is a map of
   * anything, documented by the interface's TSDoc.
   */
  private interfaceSpec(declaration: ts.InterfaceDeclaration): Spec {
    const description = this.doc(declaration);
    if (declaration.members.some(ts.isIndexSignatureDeclaration))
      return documented(description, { type: "object", additionalProperties: { ...ANY } });
    const name = declaration.name.text;
    if (!this.types[name]) {
      // Registered before its members are read, so a type that refers to itself terminates.
      this.types[name] = { type: "object", properties: {}, required: [] };
      this.types[name] = documented(description, { type: "object", ...this.membersOf(declaration, name) });
    }
    return ref(name);
  }

  /**
   * The values of a string-literal union alias in their declared order: `(typeof LIST)[number]` reads
   * the `as const` list, `"a" | "b"` the union; undefined for any other alias.
   */
  private enumValues(alias: ts.TypeAliasDeclaration): string[] | undefined {
    const type = this.checker.getTypeFromTypeNode(alias.type);
    if (!type.isUnion() || !type.types.every((t) => t.isStringLiteral())) return undefined;
    const node = alias.type;
    if (ts.isIndexedAccessTypeNode(node)) {
      const list = this.checker.getTypeFromTypeNode(node.objectType) as ts.TypeReference;
      return this.checker.getTypeArguments(list).map((t) => (t as ts.StringLiteralType).value);
    }
    if (ts.isUnionTypeNode(node))
      return node.types.map((t) => (this.checker.getTypeFromTypeNode(t) as ts.StringLiteralType).value);
    throw new Error(`${alias.name.text}: cannot read the enumeration's order`);
  }

  private resolve(symbol: ts.Symbol): ts.Symbol {
    return symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
  }
}

function isUndefinedOrNull(node: ts.TypeNode): boolean {
  return (
    node.kind === ts.SyntaxKind.UndefinedKeyword ||
    (ts.isLiteralTypeNode(node) && node.literal.kind === ts.SyntaxKind.NullKeyword)
  );
}

/** Whether a type (under its wrappers) lets the value be undefined, e.g. `Output<string[] | undefined>`. */
function admitsUndefined(node: ts.TypeNode): boolean {
  if (ts.isUnionTypeNode(node)) return node.types.some(isUndefinedOrNull);
  if (ts.isParenthesizedTypeNode(node)) return admitsUndefined(node.type);
  const [wrapped] = (ts.isTypeReferenceNode(node) && node.typeArguments) || [];
  return (
    wrapped !== undefined &&
    WRAPPERS.has(referenceName(node as ts.TypeReferenceNode)) &&
    admitsUndefined(wrapped)
  );
}

/** The string literals of an array literal (through `as const`), or of the constant it names. */
function stringList(node: ts.Expression, file: ts.SourceFile): string[] {
  const expression = withoutAssertions(node);
  if (ts.isIdentifier(expression)) {
    const name = expression.text;
    const constant = findAll(file, ts.isVariableDeclaration).find((d) => d.name.getText() === name);
    if (!constant?.initializer) throw new Error(`${file.fileName}: no constant ${name}`);
    return stringList(constant.initializer, file);
  }
  if (!ts.isArrayLiteralExpression(expression)) throw new Error(`not a list: ${node.getText()}`);
  return expression.elements.filter(ts.isStringLiteral).map((e) => e.text);
}

/** Properties the dynamic provider replaces on: the fourth argument of the file's `diffProps` call. */
function replaceOn(file: ts.SourceFile): string[] {
  const call = findAll(file, ts.isCallExpression).find((c) => c.expression.getText() === "diffProps");
  const list = call?.arguments[3];
  if (!list) throw new Error(`${file.fileName}: no diffProps(olds, news, compared, replaceOn) call`);
  return stringList(list, file);
}

/** Outputs the resource class makes secret (`additionalSecretOutputs` in its constructor). */
function secretOutputs(declaration: ts.ClassDeclaration): string[] {
  const option = findAll(declaration, ts.isPropertyAssignment).find(
    (p) => p.name.getText() === "additionalSecretOutputs",
  );
  return option ? stringList(option.initializer, declaration.getSourceFile()) : [];
}

/** Marks the property at `at` (through object types) with `mark`. */
function markAt(members: Members, at: readonly string[], mark: Spec, types: Record<string, TypeEntry>): void {
  const [head, ...rest] = at;
  const property = head === undefined ? undefined : members.properties[head];
  if (!property) throw new Error(`no property ${at.join(".")}`);
  if (rest.length === 0) {
    Object.assign(property, mark);
    return;
  }
  const nested = types[property.$ref?.split(":").pop() ?? ""];
  if (!nested || !("properties" in nested) || !nested.properties) throw new Error(`${head} is not an object`);
  markAt(nested as Members, rest, mark, types);
}

/** A resource's schema entry. */
function resourceSpec(reader: SchemaReader, name: string, file: string) {
  const args = reader.declaration(file, `${name}Args`, ts.isInterfaceDeclaration);
  const resource = reader.declaration(classFile(file), name, ts.isClassDeclaration);
  const inputs = reader.membersOf(args, name);
  for (const key of Object.keys(inputs.properties)) if (isInternal(key)) delete inputs.properties[key];
  inputs.required = inputs.required.filter((key) => !isInternal(key));
  const outputs: Members = { properties: {}, required: [...inputs.required] };
  for (const member of resource.members)
    if (ts.isPropertyDeclaration(member) && ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Ambient)
      reader.addMember(outputs, member, name);
  // Every input is echoed as an output; the class's own declaration of it wins (its output type and doc).
  outputs.properties = { ...structuredClone(inputs.properties), ...outputs.properties };
  outputs.required = [...new Set(outputs.required)].sort();
  for (const key of secretOutputs(resource))
    for (const members of [inputs, outputs]) markAt(members, [key], { secret: true }, reader.types);
  for (const key of replaceOn(reader.source(file))) {
    const at = STANDS_FOR[key] ?? [key];
    for (const members of [inputs, outputs]) markAt(members, at, { replaceOnChanges: true }, reader.types);
  }
  return documented(reader.doc(resource), {
    properties: outputs.properties,
    required: outputs.required,
    inputProperties: inputs.properties,
    requiredInputs: inputs.required,
  });
}

/** A lookup function's schema entry: its parameters as inputs, its result as outputs. */
function functionSpec(reader: SchemaReader, declaration: ts.FunctionDeclaration) {
  const name = declaration.name?.text ?? "";
  const inputs: Members = { properties: {}, required: [] };
  for (const parameter of declaration.parameters) {
    const type = parameter.type;
    if (!type) throw new Error(`${name}: parameter ${parameter.name.getText()} has no type`);
    const parts = ts.isIntersectionTypeNode(type) ? type.types : [type];
    for (const part of parts) {
      if (ts.isTypeReferenceNode(part) && part.typeName.getText() === LOOKUP_SETTINGS) continue;
      if (ts.isTypeLiteralNode(part)) {
        for (const member of part.members.filter(ts.isPropertySignature))
          reader.addMember(inputs, member, name);
        continue;
      }
      const key = parameter.name.getText();
      inputs.properties[key] = reader.typeSpec(part, name, key);
      if (!parameter.questionToken && !parameter.initializer) inputs.required.push(key);
    }
  }
  const [result] =
    (declaration.type && ts.isTypeReferenceNode(declaration.type) && declaration.type.typeArguments) || [];
  if (!result) throw new Error(`${name} does not return a Promise`);
  let outputs: Members;
  if (ts.isArrayTypeNode(result)) {
    // A list is wrapped in an object (function results are objects), named for the function: getTargetFields -> fields.
    const key = (name.match(/[A-Z][a-z]*$/)?.[0] ?? "items").toLowerCase();
    outputs = { properties: { [key]: reader.typeSpec(result, name, key) }, required: [key] };
  } else {
    const named = reader.declaration(LOOKUPS_FILE, result.getText(), ts.isInterfaceDeclaration);
    outputs = reader.membersOf(named, named.name.text);
  }
  return documented(reader.doc(declaration), { inputs, outputs });
}

/** Provider configuration from `SETTINGS`: typed and documented by `ClientSettings`, else by its resolver. */
function configSpec(reader: SchemaReader): Record<string, Spec> {
  const config = reader.source(CONFIG_FILE);
  const settings = findAll(config, ts.isVariableDeclaration).find((d) => d.name.getText() === "SETTINGS");
  const literal = settings?.initializer && withoutAssertions(settings.initializer);
  if (!literal || !ts.isObjectLiteralExpression(literal)) throw new Error(`${CONFIG_FILE}: no SETTINGS`);
  const clientSettings = reader.membersOf(
    reader.declaration(CLIENT_TYPES_FILE, "ClientSettings", ts.isInterfaceDeclaration),
    "ClientSettings",
  );
  const variables: Record<string, Spec> = {};
  for (const setting of literal.properties) {
    if (!ts.isPropertyAssignment(setting) || !ts.isObjectLiteralExpression(setting.initializer))
      throw new Error(`${CONFIG_FILE}: SETTINGS.${setting.name?.getText()} is not an object literal`);
    const fields = new Map(
      setting.initializer.properties
        .filter(ts.isPropertyAssignment)
        .map((p) => [p.name.getText(), p.initializer]),
    );
    const configKey = fields.get("configKey");
    const envVar = fields.get("envVar");
    if (!configKey || !ts.isStringLiteral(configKey) || !envVar || !ts.isStringLiteral(envVar))
      throw new Error(`${CONFIG_FILE}: SETTINGS.${setting.name.getText()} lacks configKey or envVar`);
    const key = configKey.text.replace(`${PACKAGE}:`, "");
    variables[key] = {
      ...(clientSettings.properties[key] ?? resolverSpec(reader, config, key)),
      ...(fields.get("secret")?.kind === ts.SyntaxKind.TrueKeyword ? { secret: true } : {}),
      defaultInfo: { environment: [envVar.text] },
    };
  }
  return variables;
}

/** A setting outside `ClientSettings`: typed by the return type of the function of its name. */
function resolverSpec(reader: SchemaReader, config: ts.SourceFile, key: string): Spec {
  const resolver = findAll(config, ts.isFunctionDeclaration).find((f) => f.name?.text === key);
  if (!resolver?.type)
    throw new Error(
      `${CONFIG_FILE}: setting ${key} is neither in ClientSettings nor resolved by a function ${key}()`,
    );
  const description = reader.doc(resolver);
  return documented(description, reader.typeSpec(resolver.type, "config", key));
}

/** The package schema of the project at `root` (read from `program`, which tests share). */
export function generateSchema(root: string, program = schemaProgram(root)): Record<string, unknown> {
  const reader = new SchemaReader(root, program);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    version: string;
    license: string;
  };
  const variables = configSpec(reader);
  const resources = Object.fromEntries(
    Object.entries(RESOURCE_FILES).map(([name, file]) => [
      `${PACKAGE}:index:${name}`,
      resourceSpec(reader, name, file),
    ]),
  );
  // Every exported lookup is a function of the provider.
  const lookups = reader
    .source(LOOKUPS_FILE)
    .statements.filter(ts.isFunctionDeclaration)
    .filter((f) => ts.getCombinedModifierFlags(f) & ts.ModifierFlags.Export);
  const functions = Object.fromEntries(
    lookups.map((f) => [`${PACKAGE}:index:${f.name?.text}`, functionSpec(reader, f)]),
  );
  const types = Object.fromEntries(
    Object.keys(reader.types)
      .sort()
      .map((name) => [`${PACKAGE}:index:${name}`, reader.types[name]]),
  );
  return {
    name: PACKAGE,
    displayName: "Polytomic",
    description: "Manage Polytomic connections, models, model syncs and bulk syncs.",
    keywords: ["pulumi", PACKAGE, "category/utility"],
    license: pkg.license,
    version: pkg.version,
    meta: { moduleFormat: "(.*)" },
    // What the SDK generators need besides the types. Go: an import path; the SDK is published
    // nowhere, so it is a path under a `.local` prefix that a program points at its copy with a
    // replace directive (README, "Other languages"). Every SDK asks the engine for the plugin of the
    // schema's own version, not one derived from where the SDK was installed from.
    language: {
      go: { importBasePath: "pulumi-polytomic.local/sdk/go/polytomic", respectSchemaVersion: true },
      python: { respectSchemaVersion: true },
    },
    config: { variables },
    provider: { description: "The Polytomic provider.", inputProperties: structuredClone(variables) },
    resources,
    functions,
    types,
  };
}

function main(): void {
  const script = process.argv[1] ? path.resolve(process.argv[1]) : "";
  const root = path.resolve(path.dirname(script), "..", "..");
  const target = path.join(root, OUTPUT_PATH);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, `${JSON.stringify(generateSchema(root), null, 2)}\n`);
  const biome = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "biome.cmd" : "biome");
  const formatted = spawnSync(biome, ["format", "--write", OUTPUT_PATH], { cwd: root, encoding: "utf8" });
  if (formatted.status !== 0) throw new Error(`biome format failed: ${formatted.stderr || formatted.error}`);
  console.log(`wrote ${OUTPUT_PATH}`);
}

// Run as a script (`node scripts/codegen/schema.ts`), not when imported by a test.
if (/[\\/]scripts[\\/]codegen[\\/]schema\.ts$/.test(process.argv[1] ?? "")) main();
