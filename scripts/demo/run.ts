/**
 * `npm run demo`: the project's main job on its embedded default. Starts the Polytomic emulator (unless
 * POLYTOMIC_BASE_URL points at a real deployment), runs `pulumi up` of the root Pulumi project
 * (Pulumi.yaml, program in scripts/demo/program.ts) with the offline engine, prints the outputs, shows
 * that a second `pulumi preview` has no changes, then destroys the stack and cleans up.
 */
import * as path from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { startEmulator } from "../../emulator";
import { startOfflineEngine } from "../engine/offlineEngine";

const repoRoot = path.resolve(__dirname, "../../..");
const stackName = "demo";

function say(line: string): void {
  process.stdout.write(`\n== ${line}\n`);
}

async function target(): Promise<{ baseUrl: string; apiKey: string; close(): Promise<void> }> {
  const baseUrl = process.env.POLYTOMIC_BASE_URL;
  if (baseUrl) {
    const apiKey = process.env.POLYTOMIC_API_KEY;
    if (!apiKey) throw new Error("POLYTOMIC_BASE_URL is set, so POLYTOMIC_API_KEY must be set too");
    say(`using the Polytomic API at ${baseUrl}`);
    return { baseUrl, apiKey, close: async () => {} };
  }
  const emulator = await startEmulator({ port: 0 });
  say(`started the Polytomic emulator at ${emulator.url}`);
  return { baseUrl: emulator.url, apiKey: emulator.apiKey, close: () => emulator.close() };
}

async function run(stack: Stack): Promise<void> {
  say("pulumi up");
  const up = await stack.up({ onOutput: (out) => process.stdout.write(out) });
  say("outputs");
  for (const [key, output] of Object.entries(up.outputs)) {
    process.stdout.write(`  ${key}: ${output.secret ? "[secret]" : JSON.stringify(output.value)}\n`);
  }
  say("pulumi preview (expecting no changes)");
  const preview = await stack.preview({ onOutput: (out) => process.stdout.write(out) });
  const changed = Object.entries(preview.changeSummary).filter(([op, n]) => op !== "same" && n > 0);
  if (changed.length > 0) throw new Error(`the second preview wants changes: ${JSON.stringify(changed)}`);
  process.stdout.write(`  no changes (${preview.changeSummary.same ?? 0} resources unchanged)\n`);
}

async function main(): Promise<void> {
  const api = await target();
  const engine = await startOfflineEngine();
  let stack: Stack | undefined;
  try {
    stack = await LocalWorkspace.createOrSelectStack(
      { stackName, workDir: repoRoot },
      engine.workspaceOptions(),
    );
    await stack.setConfig("polytomic:apiKey", { value: api.apiKey, secret: true });
    await stack.setConfig("polytomic:baseUrl", { value: api.baseUrl });
    await run(stack);
  } finally {
    if (stack) {
      say("pulumi destroy");
      await stack.destroy({ onOutput: (out) => process.stdout.write(out) });
      await stack.workspace.removeStack(stackName);
    }
    await engine.cleanup();
    await api.close();
  }
  say("done");
}

main().catch((err: unknown) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
