/**
 * Issue 16, "Done when": a program declaring one connection of each of the 226 types, with the valid
 * configuration generated from the data (secrets included), type-checks against the generated
 * interfaces. The program is written out as TypeScript (each configuration a literal, so excess and
 * missing properties are checked) and compiled with the project's compiler options.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { expect, it } from "vitest";
import { configurationOf, EXCLUDED, TYPES } from "../fixtures/connectionSamples";

const root = path.resolve(__dirname, "../..");
const dir = path.join(root, ".cache", "every-type-program");

/** The program: `new Connection<"<type>">(...)` with a literal configuration, for every type. */
function program(): string {
  const lines = TYPES.filter((t) => !(t.id in EXCLUDED)).map(
    (type) =>
      `new Connection<${JSON.stringify(type.id)}>(${JSON.stringify(`every-${type.id}`)}, { type: ${JSON.stringify(type.id)}, configuration: ${JSON.stringify(configurationOf(type))} });`,
  );
  return [`import { Connection } from "../../index";`, "", ...lines, ""].join("\n");
}

it("every type's generated interface accepts the configuration generated from its schema", () => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "program.ts"), program());
  writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: "../../tsconfig.json",
      include: ["program.ts"],
      compilerOptions: { noEmit: true },
    }),
  );
  const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
  const result = spawnSync(process.execPath, [tsc, "-p", dir, "--pretty", "false"], {
    cwd: root,
    encoding: "utf8",
    timeout: 240_000,
  });
  expect(result.stdout + result.stderr).toBe("");
  expect(result.status).toBe(0);
}, 300_000);
