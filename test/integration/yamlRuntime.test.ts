/**
 * The Pulumi YAML language host (`pulumi-language-yaml`, built by `scripts/setup-yaml-host.sh` into the
 * engine's bin directory) runs a `runtime: yaml` program offline: up, an unchanged preview, destroy.
 * The program uses only what YAML has built in (config, variables, `fn::join`, `fn::secret`,
 * `${pulumi.stack}`): no provider plugin can be downloaded here. Without the host the engine has no
 * language plugin for the project and the first `up` fails.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OfflineEngine, startOfflineEngine, storedState } from "../../scripts/engine/offlineEngine";

const program = `name: yaml-runtime
runtime: yaml
description: Built-in YAML features only, for the offline YAML language host test.
config:
  greeting:
    type: string
    default: hello
  token:
    type: string
    secret: true
variables:
  message:
    fn::join:
      - " "
      - - \${greeting}
        - from
        - \${pulumi.stack}
outputs:
  literal: a plain literal
  count: 3
  message: \${message}
  wrapped:
    fn::secret: wrapped by fn::secret
  token: \${token}
`;

let engine: OfflineEngine;
let workDir: string;
beforeAll(async () => {
  engine = await startOfflineEngine();
  workDir = await mkdtemp(path.join(os.tmpdir(), "yaml-runtime-"));
  await writeFile(path.join(workDir, "Pulumi.yaml"), program);
});
afterAll(async () => {
  await engine?.cleanup();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("Pulumi YAML language host", () => {
  it("runs a runtime: yaml program offline: up, unchanged preview, destroy", async () => {
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "yaml", workDir },
      engine.workspaceOptions(),
    );
    await stack.setConfig("greeting", { value: "hi" });
    await stack.setConfig("token", { value: "yaml-s3cr3t", secret: true });

    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.summary.resourceChanges).toEqual({ create: 1 }); // the stack itself
    expect(up.outputs).toEqual({
      literal: { value: "a plain literal", secret: false },
      count: { value: 3, secret: false },
      message: { value: "hi from yaml", secret: false },
      wrapped: { value: "wrapped by fn::secret", secret: true },
      token: { value: "yaml-s3cr3t", secret: true },
    });
    const stored = await storedState(stack);
    expect(stored).toContain("a plain literal");
    expect(stored).not.toContain("wrapped by fn::secret");
    expect(stored).not.toContain("yaml-s3cr3t");

    const preview = await stack.preview();
    expect(preview.changeSummary).toEqual({ same: 1 });

    const destroy = await stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect(destroy.summary.resourceChanges).toEqual({ delete: 1 });
    await stack.workspace.removeStack(stack.name);
  });
});
