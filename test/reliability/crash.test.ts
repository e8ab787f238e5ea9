/**
 * Crashes: five runs that SIGKILL `pulumi up` of a 20-resource fleet at spread-out points (the CLI, the
 * language host and the dynamic provider at once), recover the documented way (clear pending creates
 * with `pulumi refresh`, or export, drop pending operations and import) and run `pulumi up` again. Each
 * run converges to exactly the declared objects with zero duplicates and an empty preview. `npm run
 * bench` runs twenty.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CrashRun, crashPlan, crashRun } from "../../bench/crash";
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
