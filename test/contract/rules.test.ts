/**
 * The emulator's rule registry (emulator/rules.ts) and the table "Rules and their sources" of
 * emulator/README.md list the same rules with the same status, message, condition and source; every
 * rule has a source; and no emulator module answers an error except through a rule.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../emulator/rules";

const root = join(__dirname, "..", "..");
const HEADING = "## Rules and their sources";

interface Row {
  id: string;
  status: string;
  message: string;
  condition: string;
  source: string;
}

/** A table cell: pipes escaped, the message in code. */
const cell = (text: string) => text.replaceAll("|", "\\|");

/** The README row of a registry rule. */
function rowOf(id: string): string {
  const rule = RULES[id as keyof typeof RULES];
  const cells = [`\`${id}\``, String(rule.status), `\`${rule.message}\``, rule.condition, rule.source];
  return `| ${cells.map(cell).join(" | ")} |`;
}

/** The rows of the README's rule table. */
function readmeRows(): Row[] {
  const readme = readFileSync(join(root, "emulator", "README.md"), "utf8");
  const start = readme.indexOf(HEADING);
  expect(start, `emulator/README.md has a section "${HEADING}"`).toBeGreaterThanOrEqual(0);
  const section = readme.slice(start + HEADING.length).split(/\n## /)[0] ?? "";
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => {
      const cells = line
        .slice(2, -2)
        .split(/ (?<!\\)\| /)
        .map((c) => c.replaceAll("\\|", "|").trim());
      const [id = "", status = "", message = "", condition = "", source = ""] = cells;
      return {
        id: id.replaceAll("`", ""),
        status,
        message: message.replace(/^`|`$/g, ""),
        condition,
        source,
      };
    });
}

describe("rules and their sources", () => {
  it("every rule of the registry has a source, a condition and a message", () => {
    for (const [id, rule] of Object.entries(RULES)) {
      expect(rule.source.trim(), `${id}: source`).not.toBe("");
      expect(rule.condition.trim(), `${id}: condition`).not.toBe("");
      expect(rule.message.trim(), `${id}: message`).not.toBe("");
      expect(rule.status, `${id}: status`).toBeGreaterThanOrEqual(400);
    }
  });

  it("the README's table and the registry list the same rules", () => {
    const rows = readmeRows();
    const inReadme = rows.map((r) => r.id);
    const inCode = Object.keys(RULES);
    expect(
      inCode.filter((id) => !inReadme.includes(id)),
      "rules missing from the README table",
    ).toEqual([]);
    expect(
      inReadme.filter((id) => !inCode.includes(id)),
      "README rows with no rule in emulator/rules.ts",
    ).toEqual([]);
    expect(new Set(inReadme).size, "a rule listed twice").toBe(inReadme.length);
    for (const row of rows) expect(row.source, `${row.id}: source in the README`).not.toBe("");
  });

  it("each README row says what the registry says", () => {
    const readme = readFileSync(join(root, "emulator", "README.md"), "utf8");
    for (const id of Object.keys(RULES)) expect(readme, `row of ${id}`).toContain(rowOf(id));
  });

  it("no emulator module answers an error but through a rule", () => {
    const dirs = ["emulator", join("emulator", "routes")];
    const offenders: string[] = [];
    for (const dir of dirs) {
      for (const file of readdirSync(join(root, dir)).filter((f) => f.endsWith(".ts"))) {
        const path = join(dir, file);
        if (["emulator/rules.ts", "emulator/errors.ts"].includes(path)) continue;
        const text = readFileSync(join(root, path), "utf8");
        if (/new ApiError\(|\.code\(4|\.code\(5|statusCode = [45]/.test(text)) offenders.push(path);
      }
    }
    expect(offenders).toEqual([]);
  });
});
