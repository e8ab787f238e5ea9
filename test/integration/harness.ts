/**
 * Harness for integration tests: the emulator in-process, the offline engine, and inline programs that
 * use the COMPILED package (dist/), loaded with Node's own require. Vitest-transformed modules cannot
 * be serialized by Pulumi's closure serializer, and users run the compiled CommonJS anyway.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import { LocalWorkspace, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";
import { type Emulator, type EmulatorOptions, startEmulator } from "../../emulator";
import { type OfflineEngine, startOfflineEngine } from "../../scripts/engine/offlineEngine";

/** Repository root: the inline programs' directory, from which the provider shim resolves packages. */
export const repoRoot = path.resolve(__dirname, "../..");

/** The compiled package, as a user's program would import it. */
export function loadPackage(): typeof import("../../index") {
  return createRequire(__filename)(path.join(repoRoot, "dist/index.js")) as typeof import("../../index");
}

/** An emulator plus an offline engine configured to talk to it. */
export interface TestRig {
  readonly emulator: Emulator;
  readonly engine: OfflineEngine;
  /** Creates (or selects) an inline-program stack wired to the emulator through stack config. */
  stack(name: string, program: PulumiFn, config?: Readonly<Record<string, string>>): Promise<Stack>;
  close(): Promise<void>;
}

/** Options of {@link startRig}: the emulator's, and where the programs run. */
export interface RigOptions extends EmulatorOptions {
  /** The inline programs' directory, where the engine starts their providers; default the repository. */
  readonly programDir?: string;
}

/** Starts an emulator and an offline engine; the API key reaches the provider as secret stack config. */
export async function startRig({ programDir = repoRoot, ...options }: RigOptions = {}): Promise<TestRig> {
  const emulator = await startEmulator({ port: 0, schemaCacheDelayMs: 300, ...options });
  const engine = await startOfflineEngine();
  return {
    emulator,
    engine,
    async stack(name, program, config = {}) {
      const projectName = "polytomic-it";
      const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: name, projectName, program },
        engine.workspaceOptions({ projectName, programDir }),
      );
      await stack.setConfig("polytomic:apiKey", { value: emulator.apiKey, secret: true });
      await stack.setConfig("polytomic:baseUrl", { value: emulator.url });
      for (const [key, value] of Object.entries(config)) await stack.setConfig(key, { value });
      return stack;
    },
    async close() {
      await engine.cleanup();
      await emulator.close();
    },
  };
}
