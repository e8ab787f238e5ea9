/**
 * The typed connection configurations are generated from data/connection-types.json by
 * scripts/codegen/connectionConfigs.ts: the committed file must be what the data (and the hand-written
 * TSDoc overlay) gives, so CI fails on a stale file, and the output must type and document every type.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  type ConnectionTypeData,
  generateConnectionConfigs,
  interfaceName,
  isServerSet,
  OUTPUT_PATH,
  readInputs,
  renderConnectionConfigs,
  type SchemaNode,
  SECRET_NOTE,
} from "../../scripts/codegen/connectionConfigs";

const root = path.resolve(__dirname, "../..");
const committed = fs.readFileSync(path.join(root, OUTPUT_PATH), "utf8");
const { types, overlay } = readInputs(root);

/** The text of `export interface <name> { ... }` (or the type alias) with the TSDoc above it. */
function declaration(name: string): string | undefined {
  const lines = committed.split("\n");
  const start = lines.findIndex(
    (l) => l.startsWith(`export interface ${name} {`) || l.startsWith(`export type ${name} =`),
  );
  if (start < 0) return undefined;
  let docStart = start;
  if (lines[start - 1]?.trim() === "*/")
    while (docStart > 0 && !lines[docStart]?.startsWith("/**")) docStart--;
  let end = start;
  if (lines[start]?.endsWith("{")) while (end < lines.length && lines[end] !== "}") end++;
  return lines.slice(docStart, end + 1).join("\n");
}

/** TSDoc text as one line: comment markers removed, whitespace collapsed. */
function plain(doc: string): string {
  return doc
    .split("\n")
    .map((l) =>
      l
        .trim()
        .replace(/^\/\*\*|\*\/$/g, "")
        .replace(/^\*\/?/, ""),
    )
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The interface's own TSDoc, and each member declaration `key` with the TSDoc right above it. */
function members(block: string): { doc: string; properties: { key: string; doc: string }[] } {
  const lines = block.split("\n");
  const head = lines.findIndex((l) => l.startsWith("export "));
  const properties: { key: string; doc: string }[] = [];
  lines.forEach((line, i) => {
    const match = /^\s*readonly ("[^"]+"|[A-Za-z_$][\w$]*)\??:/.exec(line);
    if (!match?.[1] || i <= head) return;
    let j = i - 1;
    const doc: string[] = [];
    if (lines[j]?.trim().endsWith("*/")) {
      while (j > head && !lines[j]?.trim().startsWith("/**")) doc.unshift(lines[j--] ?? "");
      doc.unshift(lines[j] ?? "");
    }
    properties.push({ key: match[1].replace(/"/g, ""), doc: plain(doc.join("\n")) });
  });
  return { doc: plain(lines.slice(0, head).join("\n")), properties };
}

/** Every sensitive property at any depth, as [path, key, node] (array items transparent). */
function sensitiveProperties(schema: SchemaNode, prefix = ""): [string, string, SchemaNode][] {
  const out: [string, string, SchemaNode][] = [];
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const at = prefix === "" ? key : `${prefix}.${key}`;
    if (child.sensitive) out.push([at, key, child]);
    out.push(...sensitiveProperties(child, at));
    if (child.items) out.push(...sensitiveProperties(child.items, at));
  }
  return out;
}

describe("generated connection configurations", () => {
  it(`${OUTPUT_PATH} is what the data gives (run npm run codegen when this fails)`, () => {
    const fresh = renderConnectionConfigs(root);
    expect(fresh === committed, `${OUTPUT_PATH} is stale: run npm run codegen and commit it`).toBe(true);
  });

  it("generation is deterministic and independent of the data's order", () => {
    const once = generateConnectionConfigs(types, overlay);
    expect(generateConnectionConfigs([...types].reverse(), overlay)).toBe(once);
  });

  it("every type of the data has an interface and an entry in ConnectionConfigurations", () => {
    expect(types.length).toBe(226);
    const map = declaration("ConnectionConfigurations");
    expect(map).toBeDefined();
    const missing = types.filter((t: ConnectionTypeData) => {
      const name = interfaceName(t.id, overlay.types[t.id]);
      return declaration(name) === undefined || !map?.includes(`  readonly ${t.id}: ${name};`);
    });
    expect(missing.map((t) => t.id)).toEqual([]);
    const entries = committed.match(/^ {2}readonly [a-z0-9_]+: [A-Za-z0-9]+Configuration;$/gm) ?? [];
    expect(entries.length).toBe(types.length);
  });

  it("every sensitive property is documented as secret", () => {
    const undocumented: string[] = [];
    let checked = 0;
    for (const type of types) {
      const block = declaration(interfaceName(type.id, overlay.types[type.id])) ?? "";
      const { doc, properties } = members(block);
      for (const [at, key, node] of sensitiveProperties(type.schema)) {
        checked++;
        const topLevel = at === key;
        const ok =
          topLevel && isServerSet(node)
            ? // Not settable: named in the interface's TSDoc as a secret.
              new RegExp(`\`${key}\` \\([^)]*secret\\)`).test(doc)
            : properties.some((p) => p.key === key && p.doc.includes(SECRET_NOTE));
        if (!ok) undocumented.push(`${type.id}.${at}`);
      }
    }
    expect(checked).toBeGreaterThan(300);
    expect(undocumented).toEqual([]);
  });

  it("required, server-set and defaulted properties are documented and typed as the flags say", () => {
    const problems: string[] = [];
    for (const type of types) {
      const docs = overlay.types[type.id];
      const { doc, properties } = members(declaration(interfaceName(type.id, docs)) ?? "");
      const declared = new Set(properties.map((p) => p.key));
      for (const [key, node] of Object.entries(type.schema.properties ?? {})) {
        const member = properties.find((p) => p.key === key);
        if (isServerSet(node)) {
          if (declared.has(key)) problems.push(`${type.id}.${key} is server-set but settable`);
          if (!doc.includes(`\`${key}\` (`)) problems.push(`${type.id}.${key} is server-set but not named`);
          continue;
        }
        if (!member) {
          problems.push(`${type.id}.${key} is missing`);
          continue;
        }
        const required =
          (type.schema.required ?? []).includes(key) &&
          node.default === undefined &&
          docs?.optional?.[key] === undefined;
        if (required !== member.doc.includes("Required.")) problems.push(`${type.id}.${key}: Required.`);
        if (
          node.default !== undefined &&
          !member.doc.includes(`Default: \`${JSON.stringify(node.default)}\`.`)
        )
          problems.push(`${type.id}.${key}: default`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("keeps the hand-written TSDoc of the overlay", () => {
    const lost: string[] = [];
    for (const [id, docs] of Object.entries(overlay.types)) {
      const text = plain(declaration(interfaceName(id, docs)) ?? "");
      for (const [at, written] of Object.entries(docs.properties ?? {}))
        if (!text.includes(plain(written).replace(/\.$/, ""))) lost.push(`${id}.${at}`);
      if (docs.summary && !text.includes(plain(docs.summary))) lost.push(`${id} (summary)`);
    }
    expect(lost).toEqual([]);
  });
});
