/**
 * The whole project, tests and examples type-check under `strict`: this also enforces the compile-time
 * cases in test/types (each `@ts-expect-error` must still be an error, or tsc fails).
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

it("tsc --noEmit over the project, tests and examples reports nothing", () => {
  const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json", "--noEmit", "--pretty", "false"], {
    cwd: root,
    encoding: "utf8",
    timeout: 240_000,
  });
  expect(result.stdout + result.stderr).toBe("");
  expect(result.status).toBe(0);
}, 300_000);
