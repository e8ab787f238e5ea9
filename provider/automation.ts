/**
 * Inline Automation API programs. The engine runs dynamic resources in its `pulumi-resource-pulumi-nodejs`
 * plugin, a shell script that runs `node -e "require.resolve('@pulumi/pulumi/cmd/dynamic-provider')"`
 * in the program's directory, and that host then loads each resource's provider (for an installed
 * package, `require("pulumi-polytomic/dist/provider/dynamic/...")`) from the same directory. For an
 * inline program that directory is `projectSettings.main`: the Automation API defaults it to the
 * working directory of the process that creates the workspace, and without `main` it is the
 * workspace's temporary directory. Neither need hold node_modules (a service started from `/`, a
 * process manager, a container whose working directory is not the application's), and then every
 * dynamic resource fails with "Cannot find module '@pulumi/pulumi/cmd/dynamic-provider'".
 * {@link inlineProgramOptions} adds the directories this package and its `@pulumi/pulumi` are installed
 * in to the engine's `NODE_PATH`, which Node searches only after the program directory's node_modules.
 */
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import type { LocalWorkspaceOptions } from "@pulumi/pulumi/automation";

/** The module the engine's dynamic-provider plugin script resolves before anything of ours runs. */
const PROVIDER_HOST = "@pulumi/pulumi/cmd/dynamic-provider";

/** This package's root (the compiled file is `dist/provider/automation.js`). */
const PACKAGE_ROOT = path.resolve(__dirname, "..", "..");

/** Whether {@link inlineProgramOptions} ran in this process: its workspaces need no warning. */
let optionsApplied = false;

/**
 * Directories that let Node resolve, from anywhere, what the dynamic-provider host needs: the one
 * holding the `@pulumi/pulumi` this package runs with and, when installed as a package, the one holding
 * this package (the stored providers `require` it by name).
 */
function packageDirectories(): string[] {
  // <dir>/@pulumi/pulumi/package.json, symlinks resolved (pnpm keeps each package's dependencies there).
  const pulumiPackage = require.resolve("@pulumi/pulumi/package.json");
  const dirs = [path.resolve(path.dirname(pulumiPackage), "..", "..")];
  if (path.basename(PACKAGE_ROOT) === "pulumi-polytomic") dirs.push(path.dirname(PACKAGE_ROOT));
  return dirs;
}

/**
 * Options for `LocalWorkspace.create`/`createOrSelectStack` of an inline program that declares this
 * package's resources: `options` (kept as given) with the directories this package and its
 * `@pulumi/pulumi` are installed in appended to `envVars.NODE_PATH`, so that the engine's dynamic-provider
 * host finds them whatever the project's `main` (the program directory) is. Node searches `NODE_PATH`
 * only after the program directory's node_modules, so a program directory that resolves them still
 * wins; a `NODE_PATH` in `options.envVars` (or else in this process's environment) comes first.
 *
 * @example
 * ```ts
 * const stack = await LocalWorkspace.createOrSelectStack(
 *   { stackName: "dev", projectName: "tenants", program },
 *   inlineProgramOptions({ envVars: { PULUMI_BACKEND_URL: "file:///var/lib/tenants" } }),
 * );
 * ```
 *
 * @param options The workspace options the program would use otherwise; default none.
 */
export function inlineProgramOptions(options: LocalWorkspaceOptions = {}): LocalWorkspaceOptions {
  optionsApplied = true;
  const given = options.envVars?.NODE_PATH ?? process.env.NODE_PATH ?? "";
  const entries = [...given.split(path.delimiter), ...packageDirectories()].filter((d) => d !== "");
  return {
    ...options,
    envVars: { ...options.envVars, NODE_PATH: [...new Set(entries)].join(path.delimiter) },
  };
}

/** What Node cannot resolve from `dir` of what the dynamic-provider host needs, if anything. */
function unresolvable(dir: string, installedAsPackage: boolean): string | undefined {
  const needed = [PROVIDER_HOST, ...(installedAsPackage ? ["pulumi-polytomic/package.json"] : [])];
  for (const specifier of needed) {
    try {
      require.resolve(specifier, { paths: [dir] });
    } catch {
      return specifier.replace(/\/package\.json$/, "");
    }
  }
  return undefined;
}

/** Stack resources (one per program run) whose run has been checked. */
const checkedRuns = new WeakSet<object>();

/**
 * Warns, once per program run, when the engine's dynamic-provider host is bound to fail: the program
 * was not given {@link inlineProgramOptions} and Node cannot resolve what the host needs from this
 * process's working directory, which is the program directory of a normal `pulumi up` and, by default,
 * of an inline program. (A workspace whose `projectSettings.main` points elsewhere may not fail; the
 * engine's program directory is not visible from the program.) The engine's own error follows.
 *
 * @internal
 */
export function warnIfProviderHostUnresolvable(installedAsPackage: boolean): void {
  if (optionsApplied) return;
  const runtime = require("@pulumi/pulumi") as typeof pulumi;
  const run = runtime.runtime.getStackResource();
  if (!run || checkedRuns.has(run)) return;
  checkedRuns.add(run);
  const missing = unresolvable(process.cwd(), installedAsPackage);
  if (!missing) return;
  void runtime.log.warn(
    `Node cannot resolve "${missing}" from ${process.cwd()}, where the Pulumi engine starts the host of ` +
      `dynamic resources for this program unless the workspace's projectSettings.main names another ` +
      `directory, so it will fail with "Cannot find module". In an Automation API program, pass the ` +
      `workspace options through inlineProgramOptions() from pulumi-polytomic: ` +
      `LocalWorkspace.createOrSelectStack({ stackName, projectName, program }, inlineProgramOptions({ ... })). ` +
      `Otherwise run the program from a directory whose node_modules hold pulumi-polytomic and @pulumi/pulumi.`,
  );
}
