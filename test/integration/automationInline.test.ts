/**
 * An inline Automation API program set up as Pulumi's docs show (`LocalWorkspace.createOrSelectStack({
 * stackName, projectName, program })`, a file backend and the passphrase in `envVars`, no project
 * settings), run by a process whose working directory holds no node_modules, as a service started from
 * `/` or by a process manager is: the package is installed under node_modules (`npm pack`), and the
 * Automation API makes that working directory the engine's program directory, where the engine starts
 * the dynamic-provider host. Without `inlineProgramOptions` the engine fails with "Cannot find module
 * '@pulumi/pulumi/cmd/dynamic-provider'" and the program's warning says what to pass; with it, one
 * Connection settles (settle.ts) and is destroyed.
 */
import { mkdtemp, rm } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInstalledProject, type InstalledProject } from "../../scripts/package/installedProject";
import { repoRoot, startRig, type TestRig } from "./harness";
import { settledDestroy, settledUp } from "./settle";

const PASSWORD = "inline-pg-passw0rd";

function program(polytomic: ReturnType<InstalledProject["load"]>): PulumiFn {
  return async () => {
    const warehouse = new polytomic.Connection("warehouse", {
      type: "postgresql",
      configuration: {
        hostname: "db.internal",
        username: "loader",
        password: PASSWORD,
        database: "raw",
        port: 5432,
      },
    });
    return { connectionId: warehouse.id };
  };
}

describe("an inline Automation API program, set up as Pulumi's docs show", () => {
  let installed: InstalledProject;
  let rig: TestRig;
  let away: string;
  const startDir = process.cwd();

  beforeAll(async () => {
    installed = await createInstalledProject(path.join(repoRoot, ".cache", "it-automation-inline"));
    rig = await startRig();
    // The repository's node_modules would mask the problem: run from a directory that has none above it.
    away = await mkdtemp(path.join(os.tmpdir(), "polytomic-inline-cwd-"));
    process.chdir(away);
  }, 120_000);

  afterAll(async () => {
    process.chdir(startDir);
    await rig?.close();
    if (away) await rm(away, { recursive: true, force: true });
  });

  /** The docs' call; the offline engine's options hold only the CLI, PULUMI_HOME and envVars. */
  async function docsStack(stackName: string, withHelper: boolean): Promise<Stack> {
    const polytomic = installed.load();
    const options = rig.engine.workspaceOptions();
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName, projectName: "polytomic-inline", program: program(polytomic) },
      withHelper ? polytomic.inlineProgramOptions(options) : options,
    );
    await stack.setConfig("polytomic:apiKey", { value: rig.emulator.apiKey, secret: true });
    await stack.setConfig("polytomic:baseUrl", { value: rig.emulator.url });
    return stack;
  }

  // First: the helper, once called, silences the warning for the rest of the process.
  it("without inlineProgramOptions, the failure comes with a warning that says what to pass", async () => {
    expect(process.cwd()).toBe(away);
    const stack = await docsStack("bare", false);
    const failure = await stack.up().then(
      () => undefined,
      (err: unknown) => String(err),
    );
    expect(failure).toContain("Cannot find module '@pulumi/pulumi/cmd/dynamic-provider'");
    expect(failure).toContain(`Node cannot resolve "@pulumi/pulumi/cmd/dynamic-provider" from ${away}`);
    expect(failure).toContain("inlineProgramOptions({ ... })");
    expect(rig.emulator.store.count()).toBe(0);
  }, 300_000);

  it("with inlineProgramOptions, runs up, settles and destroys from a directory without node_modules", async () => {
    expect(process.cwd()).toBe(away);
    const stack = await docsStack("dev", true);
    const up = await settledUp(stack, rig.emulator, "up");
    expect(up.outputs.connectionId?.value).toMatch(/^[0-9a-f-]{36}$/);
    await settledDestroy(stack, rig.emulator, "destroy");
  }, 300_000);
});
