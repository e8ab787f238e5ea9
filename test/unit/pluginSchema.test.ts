/**
 * The provider plugin's package schema (provider/plugin/schema.json) is generated from the resources'
 * TypeScript by scripts/codegen/schema.ts. The committed file must be what the sources give now, the
 * Pulumi CLI must accept it, its enumerations must be the provider's lists, and its inputs must be the
 * resources' Args, read here independently of the generator.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { API_VERSIONS } from "../../provider/client/types";
import * as enums from "../../provider/resources/enums";
import { generateSchema, OUTPUT_PATH, type Spec, schemaProgram } from "../../scripts/codegen/schema";

const root = path.resolve(__dirname, "../..");
/** The parts of the schema file the tests read. */
interface SchemaFile {
  resources: Record<
    string,
    { inputProperties: Record<string, Spec>; requiredInputs: string[]; properties: Record<string, Spec> }
  >;
  types: Record<string, { enum?: { value: string }[]; properties?: Record<string, Spec> }>;
}
const committed = JSON.parse(fs.readFileSync(path.join(root, OUTPUT_PATH), "utf8")) as SchemaFile;

/** Each enumeration of the schema and the list the provider checks values against. */
const ENUM_LISTS: Record<string, readonly string[]> = {
  ApiVersion: API_VERSIONS,
  ScheduleFrequency: enums.SCHEDULE_FREQUENCIES,
  BulkSyncMode: enums.BULK_SYNC_MODES,
  BulkDiscover: enums.BULK_DISCOVER,
  BulkNormalizeNames: enums.BULK_NORMALIZE_NAMES,
  BulkSelectiveMode: enums.BULK_SELECTIVE_MODES,
  ModelSyncMode: enums.MODEL_SYNC_MODES,
  SchemaIdentityFunction: enums.IDENTITY_FUNCTIONS,
  FilterFunction: enums.FILTER_FUNCTIONS,
  FilterFieldReferenceType: enums.FILTER_FIELD_TYPES,
};

/**
 * Inputs a native provider gets from the request, not the program (stated here, not taken from the
 * generator, so a generator that drops an input fails).
 */
const isInternal = (key: string) =>
  key === "resourceUrn" || key === "targetConnectionId" || key.startsWith("__");

const RESOURCES = ["Connection", "Model", "ModelSync", "BulkSync", "SchemaReady"] as const;
const baseName = (resource: string) => `${resource.charAt(0).toLowerCase()}${resource.slice(1)}`;
/** A kind's implementation (with its Args), and its dynamic resource class (with its outputs). */
const fileOf = (resource: string) => path.join(root, "provider/resources", `${baseName(resource)}.ts`);
const classFileOf = (resource: string) =>
  path.join(root, "provider/dynamic", `${baseName(resource)}Resource.ts`);

/** The generator's program (parsing is most of the cost); read here with code of the test's own. */
const program = schemaProgram(root);

/** The resources' Args members (required ones apart) and declared outputs, as the compiler reads them. */
function declaredMembers(): Record<string, { inputs: string[]; required: string[]; outputs: string[] }> {
  const checker = program.getTypeChecker();
  const membersOf = (file: string, name: string) => {
    const module = checker.getSymbolAtLocation(program.getSourceFile(file) as ts.SourceFile);
    const found = module && checker.getExportsOfModule(module).find((s) => s.name === name);
    if (!found) throw new Error(`${file} exports no ${name}`);
    const symbol = found.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(found) : found;
    return checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol));
  };
  const declared = (p: ts.Symbol) =>
    p.valueDeclaration !== undefined &&
    ts.isPropertyDeclaration(p.valueDeclaration) &&
    (p.valueDeclaration.modifiers ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
  return Object.fromEntries(
    RESOURCES.map((resource) => {
      const args = membersOf(fileOf(resource), `${resource}Args`);
      return [
        resource,
        {
          inputs: args.map((p) => p.name),
          required: args.filter((p) => !(p.flags & ts.SymbolFlags.Optional)).map((p) => p.name),
          outputs: membersOf(classFileOf(resource), resource)
            .filter(declared)
            .map((p) => p.name),
        },
      ];
    }),
  );
}

/** Every input property of the schema's resources and object types, as `owner.property` with its spec. */
function everyInputProperty(schema: SchemaFile): [string, Spec][] {
  const out: [string, Spec][] = [];
  for (const [token, resource] of Object.entries(schema.resources))
    for (const [key, spec] of Object.entries(resource.inputProperties)) out.push([`${token}.${key}`, spec]);
  for (const [token, type] of Object.entries(schema.types))
    for (const [key, spec] of Object.entries(type.properties ?? {})) out.push([`${token}.${key}`, spec]);
  return out;
}

/** The Pulumi CLI scripts/run.sh puts first on PATH, when the engine is built. */
const engineBin = process.env.PULUMI_POLYTOMIC_ENGINE_BIN;
const pulumiCli =
  engineBin && fs.existsSync(path.join(engineBin, "pulumi")) ? path.join(engineBin, "pulumi") : undefined;

describe("plugin package schema", () => {
  it(`${OUTPUT_PATH} is what the sources give (run npm run codegen:schema when this fails)`, () => {
    // Compared as data: the file's formatting is biome's.
    expect(committed, `${OUTPUT_PATH} is stale: run npm run codegen:schema and commit it`).toEqual(
      JSON.parse(JSON.stringify(generateSchema(root, program))),
    );
  });

  it.skipIf(!pulumiCli)(
    "the Pulumi CLI finds no error in it (needs the engine: npm run setup -- --engine)",
    () => {
      const home = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-schema-"));
      try {
        const result = spawnSync(pulumiCli as string, ["schema", "check", path.join(root, OUTPUT_PATH)], {
          cwd: home,
          env: {
            ...process.env,
            PULUMI_HOME: path.join(home, ".pulumi"),
            PULUMI_SKIP_UPDATE_CHECK: "1",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
          },
          encoding: "utf8",
          timeout: 60_000,
        });
        const output = `${result.stdout}${result.stderr}`;
        expect(output).not.toMatch(/error|warning/i);
        expect(result.status, output).toBe(0);
      } finally {
        fs.rmSync(home, { recursive: true, force: true });
      }
    },
  );

  it("every enumeration is the provider's list of its values, in order", () => {
    const schemaEnums = Object.fromEntries(
      Object.entries(committed.types)
        .filter(([, type]) => type.enum !== undefined)
        .map(([token, type]) => [token.replace("polytomic:index:", ""), type.enum?.map((e) => e.value)]),
    );
    expect(Object.keys(schemaEnums).sort()).toEqual(Object.keys(ENUM_LISTS).sort());
    for (const [name, list] of Object.entries(ENUM_LISTS)) expect(schemaEnums[name], name).toEqual([...list]);
  });

  it("every resource's inputs are its Args (less the internal ones) and its outputs include them", () => {
    const members = declaredMembers();
    for (const resource of RESOURCES) {
      const entry = committed.resources[`polytomic:index:${resource}`];
      const { inputs, required, outputs } = members[resource] ?? { inputs: [], required: [], outputs: [] };
      expect(entry, resource).toBeDefined();
      if (!entry) continue;
      expect(inputs.length, resource).toBeGreaterThan(0);
      const external = (keys: string[]) => keys.filter((k) => !isInternal(k)).sort();
      expect(Object.keys(entry.inputProperties).sort(), `${resource} inputs`).toEqual(external(inputs));
      expect([...entry.requiredInputs].sort(), `${resource} required inputs`).toEqual(external(required));
      expect(Object.keys(entry.properties).sort(), `${resource} outputs`).toEqual(
        [...new Set([...external(inputs), ...outputs])].sort(),
      );
    }
  });

  it("a property replaces exactly when its description says so", () => {
    const says = (spec: Spec) => /Changing this forces replacement/.test(spec.description ?? "");
    const replacing = everyInputProperty(committed).filter(([, spec]) => spec.replaceOnChanges);
    expect(replacing.length).toBeGreaterThan(0);
    expect(replacing.filter(([, spec]) => !says(spec)).map(([at]) => at)).toEqual([]);
    const saying = everyInputProperty(committed).filter(([, spec]) => says(spec));
    expect(saying.filter(([, spec]) => !spec.replaceOnChanges).map(([at]) => at)).toEqual([]);
  });
});
