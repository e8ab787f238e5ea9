/**
 * Programs that use the provider plugin (`pulumi-resource-polytomic`, bin/) through the real engine:
 * resources declared by type token, as an SDK generated from the schema declares them, and stacks whose
 * project names the plugin in `plugins.providers`, as a user's Pulumi.yaml would.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, type ProjectSettings, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";
import type { Emulator } from "../../emulator";
import type { OfflineEngine } from "../../scripts/engine/offlineEngine";
import { repoRoot } from "./harness";

/** Any custom resource by token, as generated SDKs declare theirs. */
class NativeResource extends pulumi.CustomResource {}

/** A provider instance of the plugin (what `new polytomic.Provider(...)` of a generated SDK is). */
export class PolytomicProvider extends pulumi.ProviderResource {
  constructor(name: string, args: Record<string, pulumi.Input<unknown>>) {
    super("polytomic", name, args);
  }
}

/** A native resource with its outputs as a record. */
export type Native = pulumi.CustomResource & Record<string, pulumi.Output<unknown>>;

/**
 * A native Polytomic resource of kind `token` (`Connection`, ...), declared by token; `outputs` are
 * the outputs the program reads. With `opts.id`, the existing object is read (a static `get`).
 */
export function native(
  token: string,
  name: string,
  inputs: Record<string, pulumi.Input<unknown>>,
  outputs: readonly string[],
  opts: pulumi.CustomResourceOptions = {},
): Native {
  const props: Record<string, unknown> = { ...inputs };
  for (const key of outputs) if (!(key in props)) props[key] = undefined;
  return new NativeResource(`polytomic:index:${token}`, name, props, opts) as Native;
}

/** An inline-program stack whose project loads the plugin from bin/, configured for `emulator`. */
export async function pluginStack(
  engine: OfflineEngine,
  emulator: Emulator,
  stackName: string,
  program: PulumiFn,
): Promise<Stack> {
  const projectName = "polytomic-plugin";
  const options = engine.workspaceOptions({ projectName, programDir: repoRoot });
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName, projectName, program },
    {
      ...options,
      projectSettings: {
        ...(options.projectSettings ?? { name: projectName, runtime: "nodejs" }),
        plugins: { providers: [{ name: "polytomic", path: path.join(repoRoot, "bin") }] },
        // As a user's Pulumi.yaml names it; the Automation API's ProjectSettings type lacks `plugins`.
      } as ProjectSettings,
    },
  );
  await stack.setConfig("polytomic:apiKey", { value: emulator.apiKey, secret: true });
  await stack.setConfig("polytomic:baseUrl", { value: emulator.url });
  return stack;
}
