/**
 * Crashes: five runs that SIGKILL `pulumi up` of a 20-resource fleet at spread-out points (the CLI, the
 * language host and the dynamic provider at once), recover the documented way (clear pending creates
 * with `pulumi refresh`, or export, drop pending operations and import) and run `pulumi up` again. Each
 * run converges to exactly the declared objects with zero duplicates and an empty preview. `npm run
 * bench` runs twenty. A kill can also cut the backend's state file (or its `.attrs` sidecar) short; the
 * restore from the backend's backup that recovery then needs is tested on its own, deterministically.
 */

import { readdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CrashRun, crashPlan, crashRun, restoreStateBackup } from "../../bench/crash";
import { floorProgram } from "../../bench/floor";
import { type OfflineEngine, startOfflineEngine } from "../../scripts/engine/offlineEngine";
import { repoRoot } from "../integration/harness";

let engine: OfflineEngine;
const runs: CrashRun[] = [];

beforeAll(async () => {
  engine = await startOfflineEngine();
});
afterAll(async () => {
  await engine?.cleanup();
  const mid = runs.filter((r) => r.midRequest).length;
  process.stdout.write(`crash runs: ${runs.length}, killed mid-request: ${mid}\n`);
});

describe("pulumi up killed with SIGKILL, recovered, and run again", () => {
  it.each([1, 2, 3, 4, 5])("run %i converges to exactly the declared objects", async (run) => {
    const result = await crashRun({ engine, repoRoot, run, groups: 3, ...crashPlan(run) });
    runs.push(result);
    expect(result.killed).toBe(true);
    expect(result.problem).toBeUndefined();
    expect(result.converged).toBe(true);
    expect(result.extraObjects).toBe(0);
    expect(result.previewEmpty).toBe(true);
  });
});

describe("a state file the kill cut short", () => {
  it.each(["tr.json", "tr.json.attrs"])(
    "is restored from the backend's backup when %s is empty",
    async (file) => {
      const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: "tr", projectName: "truncated", program: floorProgram(2) },
        engine.workspaceOptions({ projectName: "truncated", programDir: repoRoot }),
      );
      await stack.up();
      await stack.up(); // a second update, so the backup holds a complete checkpoint
      const stacks = path.join(new URL(engine.backendUrl).pathname, ".pulumi", "stacks");
      const target = (await readdir(stacks, { recursive: true })).find((f) => path.basename(f) === file);
      expect(target).toBeDefined();
      await writeFile(path.join(stacks, target ?? ""), "");
      await expect(stack.exportStack()).rejects.toThrow(/failed to load checkpoint/);
      await restoreStateBackup(engine.backendUrl, "tr");
      expect((await stack.exportStack()).deployment.resources).toHaveLength(8);
      await stack.destroy();
      await stack.workspace.removeStack("tr");
    },
  );
});
