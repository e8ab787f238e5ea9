/**
 * examples/ci-preview: the script previews a pull request's program against the embedded emulator,
 * with the base branch's program deployed first, and writes a Markdown summary of the changes; a
 * program with bad input fails the preview with the resource and field in the summary. No secret value
 * appears in any summary.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { repoRoot } from "./harness";

const fixtures = path.join(repoRoot, "test/fixtures/ci-preview");
const { runPreview } = createRequire(__filename)(
  path.join(repoRoot, "dist/examples/ci-preview/preview.js"),
) as typeof import("../../examples/ci-preview/preview");
const SECRETS = ["sk_live_ci_preview_fixture", "ci-preview-aws-secret", "ci-sf-secret"];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "ci-preview-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = () => {
  const { POLYTOMIC_API_KEY: _k, POLYTOMIC_BASE_URL: _u, ...rest } = process.env;
  return rest;
};

it("summarizes what a pull request changes: one create, one update with the changed properties", async () => {
  const out = path.join(dir, "summary.md");
  const { markdown, ok } = await runPreview(
    { project: path.join(fixtures, "head"), baseline: path.join(fixtures, "base"), stack: "ci", out },
    env(),
  );
  expect(ok).toBe(true);
  expect(readFileSync(out, "utf8")).toBe(markdown);
  expect(markdown).toContain("### Polytomic preview (the embedded Polytomic emulator)");
  expect(markdown).toContain("1 to create, 1 to update, 0 to replace, 0 to delete, 4 unchanged");
  expect(markdown).toContain("| create | `crm` | `polytomic:Connection` |  |");
  expect(markdown).toMatch(
    /\| update \| `billing-to-lake` \| `polytomic:BulkSync` \| `schedule`, `schemas` \||\| update \| `billing-to-lake` \| `polytomic:BulkSync` \| `schemas`, `schedule` \|/,
  );
  for (const secret of SECRETS) expect(markdown).not.toContain(secret);
});

it("fails the preview of bad input and says which resource and field", async () => {
  const { markdown, ok } = await runPreview(
    { project: path.join(fixtures, "broken"), stack: "ci", out: path.join(dir, "broken.md") },
    env(),
  );
  expect(ok).toBe(false);
  expect(markdown).toContain("**Preview failed.**");
  expect(markdown).toContain(
    'BulkSync "billing-to-lake": mode must be one of snapshot, replicate (got "mirror")',
  );
  for (const secret of SECRETS) expect(markdown).not.toContain(secret);
});
