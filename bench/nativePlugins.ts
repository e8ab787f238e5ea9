/**
 * The native graphs of the bench: the Polytomic plugin and the no-op plugin (noopPlugin.ts), each
 * started by the engine from a directory this module writes, as a user's Pulumi.yaml `plugins.providers`
 * names one. The launchers load rpcTimes.ts first, so every RPC of either plugin is timed from inside
 * the plugin process.
 */
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { pipelineInputs } from "./pipelines";

/** A plugin the engine loads from a directory (`plugins.providers` of the project). */
export interface PluginPath {
  readonly name: string;
  readonly path: string;
}

/** The two plugins' directories; `cleanup()` removes them. */
export interface NativePlugins {
  readonly polytomic: PluginPath;
  readonly noop: PluginPath;
  cleanup(): Promise<void>;
}

/** The package of the no-op plugin: its resources are `benchnoop:index:NoOp`. */
export const NOOP_PACKAGE = "benchnoop";

/**
 * Writes `pulumi-resource-polytomic` (the plugin of the package installed in `installedDir`, as users
 * get it) and `pulumi-resource-benchnoop` launchers into a temporary directory each.
 */
export async function writePluginLaunchers(installedDir: string): Promise<NativePlugins> {
  const root = await mkdtemp(path.join(os.tmpdir(), "polytomic-bench-plugins-"));
  const timing = require.resolve("./rpcTimes");
  const launcher = async (name: string, main: string): Promise<PluginPath> => {
    const dir = path.join(root, name);
    await mkdir(dir);
    const file = path.join(dir, `pulumi-resource-${name}`);
    await writeFile(
      file,
      [
        "#!/usr/bin/env node",
        `require(${JSON.stringify(timing)}).recordRpcTimes(process.env.BENCH_RPC_LOG);`,
        `require(${JSON.stringify(main)});`,
        "",
      ].join("\n"),
    );
    await chmod(file, 0o755);
    return { name, path: dir };
  };
  return {
    polytomic: await launcher(
      "polytomic",
      path.join(installedDir, "node_modules/pulumi-polytomic/dist/provider/plugin/main.js"),
    ),
    noop: await launcher(NOOP_PACKAGE, require.resolve("./noopPlugin")),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** Any custom resource by token, as generated SDKs declare theirs. */
class NativeResource extends pulumi.CustomResource {}

type Native = pulumi.CustomResource & Record<string, pulumi.Output<unknown>>;

/** A resource of type `token`; `outputs` are declared so the program can read them. */
function native(
  token: string,
  name: string,
  inputs: Record<string, unknown>,
  outputs: readonly string[],
): Native {
  const props: Record<string, unknown> = { ...inputs };
  for (const key of outputs) if (!(key in props)) props[key] = undefined;
  return new NativeResource(token, name, props) as Native;
}

/** The bench's pipelines (pipelines.ts) by type token, served by the Polytomic plugin. */
export function nativePipelinesProgram(n: number): PulumiFn {
  return async () => {
    for (let i = 0; i < n; i++) {
      const inputs = pipelineInputs(i);
      const source = native("polytomic:index:Connection", `source-${i}`, inputs.source, ["connectionId"]);
      const destination = native("polytomic:index:Connection", `destination-${i}`, inputs.destination, [
        "connectionId",
      ]);
      native("polytomic:index:BulkSync", `sync-${i}`, inputs.sync(source.id, destination.id), ["bulkSyncId"]);
    }
    return {};
  };
}

/** The floor graph (floor.ts) of native no-op resources. */
export function nativeFloorProgram(n: number): PulumiFn {
  const noop = (name: string, dependsOn: pulumi.Input<string>[] = []) =>
    native(`${NOOP_PACKAGE}:index:NoOp`, name, { key: name, dependsOn }, []);
  return async () => {
    for (let i = 0; i < n; i++) {
      const source = noop(`source-${i}`);
      const destination = noop(`destination-${i}`);
      noop(`sync-${i}`, [source.key as pulumi.Output<string>, destination.key as pulumi.Output<string>]);
    }
    return {};
  };
}
