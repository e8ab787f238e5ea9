/**
 * Engine smoke test: the real Pulumi CLI, the Node.js language host and the dynamic-provider shim,
 * offline, on a trivial dynamic resource, both as a local program and as an inline program.
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, rm, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { LocalWorkspace, type OutputMap, type Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import packageJson from "../../package.json";
import { type OfflineEngine, startOfflineEngine, storedState } from "../../scripts/engine/offlineEngine";

const repoRoot = path.resolve(__dirname, "../..");
const fixtureDir = path.join(repoRoot, "test/fixtures/engine-smoke");

let engine: OfflineEngine;
beforeAll(async () => {
  engine = await startOfflineEngine();
});
afterAll(async () => {
  await engine?.cleanup();
});

/** Runs the whole lifecycle every engine path must support, and checks each step's result. */
async function lifecycle(
  stack: Stack,
  expectedMessage: string,
  checkOutputs: (outputs: OutputMap) => Promise<void> = async () => {},
): Promise<void> {
  const up = await stack.up();
  expect(up.summary.result).toBe("succeeded");
  await checkOutputs(up.outputs);
  expect(up.outputs.message?.value).toBe(expectedMessage);
  expect(up.outputs.length?.value).toBe(expectedMessage.length);
  expect(up.summary.resourceChanges?.create).toBe(2); // the stack and the Echo

  const preview = await stack.preview();
  expect(preview.changeSummary).toEqual({ same: 2 });

  const refresh = await stack.refresh();
  expect(refresh.summary.result).toBe("succeeded");
  expect(refresh.summary.resourceChanges?.same).toBe(2);

  const destroy = await stack.destroy();
  expect(destroy.summary.result).toBe("succeeded");
  expect(destroy.summary.resourceChanges?.delete).toBe(2);
}

describe("offline Pulumi engine", () => {
  it("reports exactly the @pulumi/pulumi version the package depends on", async () => {
    const { stdout } = await promisify(execFile)(path.join(engine.binDir, "pulumi"), ["version"], {
      env: { ...process.env, ...engine.envVars },
    });
    expect(stdout.trim()).toBe(`v${packageJson.dependencies["@pulumi/pulumi"]}`);
  });

  it("runs a local program through the language host: up, preview, refresh, destroy", async () => {
    // A copy, so the stack settings file the CLI writes does not land in the repository.
    const workDir = await mkdtemp(path.join(os.tmpdir(), "engine-smoke-"));
    try {
      await cp(fixtureDir, workDir, { recursive: true });
      await symlink(path.join(repoRoot, "node_modules"), path.join(workDir, "node_modules"), "dir");
      const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: "smoke", workDir },
        engine.workspaceOptions(),
      );
      await stack.setConfig("engine-smoke:message", { value: "configured message" });
      await stack.setConfig("engine-smoke:token", { value: "s3cr3t-token", secret: true });
      await lifecycle(stack, "configured message", async (outputs) => {
        expect(outputs.secretLength).toEqual({ value: 12, secret: true });
        const stored = await storedState(stack);
        expect(stored).toContain("engine-smoke:token"); // the secret config is in state, encrypted
        expect(stored).not.toContain("s3cr3t-token");
      });

      await stack.setConfig("engine-smoke:fail", { value: "true" });
      await expect(stack.up()).rejects.toThrow(/the smoke program was asked to fail/);
      await stack.workspace.removeStack(stack.name, { force: true });
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  });

  it("runs an inline program: up, preview, refresh, destroy", async () => {
    // Loaded with Node's own require, not vitest's transform: the closure serializer needs plain CommonJS.
    const { Echo } = createRequire(__filename)(path.join(fixtureDir, "echo.js")) as {
      Echo: new (name: string, args: { message: string }) => { message: unknown; length: unknown };
    };
    const stack = await LocalWorkspace.createOrSelectStack(
      {
        stackName: "inline-smoke",
        projectName: "engine-smoke-inline",
        program: async () => {
          const echo = new Echo("inline", { message: "hello from an inline program" });
          return { message: echo.message, length: echo.length };
        },
      },
      engine.workspaceOptions({ projectName: "engine-smoke-inline" }),
    );
    await lifecycle(stack, "hello from an inline program");
    await stack.workspace.removeStack(stack.name);
  });
});
