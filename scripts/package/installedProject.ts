/**
 * A project directory where this package is installed the way users get it: the tarball `npm pack`
 * makes (only the published files) extracted into `node_modules/pulumi-polytomic`. Pulumi's closure
 * serializer writes a provider that lives under node_modules as one `require` of the package and
 * serializes anything else by value, so whatever measures or tests what users get (state size, the
 * serialized provider) must run from such a directory.
 *
 * Dependencies are not copied: the directory sits inside this repository, so Node finds them by walking
 * up to the repository's node_modules. That keeps one `@pulumi/pulumi` for the Automation API and the
 * program, as an inline program requires (two copies cannot share the engine's gRPC messages).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The repository root: the nearest directory above this file (source or compiled) with package.json. */
function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}
const REPO_ROOT = repositoryRoot();

/** A project with the packed package installed. */
export interface InstalledProject {
  /** The project directory: run programs (and the engine's providers) from here. */
  readonly dir: string;
  /** Loads the installed package, as `import "pulumi-polytomic"` would in the project. */
  load(): typeof import("../../index");
}

/**
 * Creates (or recreates) `dir`, packs this repository's compiled package into it and installs it.
 * `dir` must be inside the repository, whose node_modules then serve the other dependencies.
 */
export async function createInstalledProject(dir: string): Promise<InstalledProject> {
  const absolute = path.resolve(dir);
  if (path.relative(REPO_ROOT, absolute).startsWith("..")) {
    throw new Error(`installed project ${absolute} must be inside the repository ${REPO_ROOT}`);
  }
  await fs.rm(absolute, { recursive: true, force: true });
  const modules = path.join(absolute, "node_modules");
  const packageDir = path.join(modules, "pulumi-polytomic");
  await fs.mkdir(packageDir, { recursive: true });
  // A package.json of its own: without it, Node would resolve "pulumi-polytomic" inside this directory
  // to the repository itself (a package may require itself by name), not to the installed copy.
  await fs.writeFile(
    path.join(absolute, "package.json"),
    `${JSON.stringify({ name: path.basename(absolute), private: true }, null, 2)}\n`,
  );
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", absolute], {
    cwd: REPO_ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (!packed) throw new Error(`npm pack reported no tarball: ${stdout}`);
  const tarball = path.join(absolute, packed.filename);
  await run("tar", ["-xzf", tarball, "-C", packageDir, "--strip-components=1"]);
  await fs.rm(tarball);
  return {
    dir: absolute,
    load: () => require(packageDir) as typeof import("../../index"),
  };
}
