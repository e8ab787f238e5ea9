/**
 * One way to run the real Pulumi engine with no network, shared by the tests, the demo and the
 * benchmarks: the CLI and language host that `scripts/setup-engine.sh` provides, a file backend and an
 * isolated `PULUMI_HOME` in a fresh temporary directory, the passphrase secrets provider, and every
 * automatic download or update check switched off.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { type LocalWorkspaceOptions, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";

/** Options of {@link startOfflineEngine}. */
export interface OfflineEngineOptions {
  /** Parent directory for the temporary backend and `PULUMI_HOME`; default: the OS temp directory. */
  readonly tmpRoot?: string;
  /** Passphrase of the stacks' secrets provider; default: a fixed test passphrase. */
  readonly passphrase?: string;
  /** Extra environment for every engine process (for example `POLYTOMIC_BASE_URL`). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Per-workspace additions to {@link OfflineEngine.workspaceOptions}. */
export interface WorkspaceExtras {
  /** Project name of an inline program; when set, project settings with the file backend are added. */
  readonly projectName?: string;
  /**
   * Directory the engine starts an inline program's providers in (the project's `main`). The dynamic
   * provider shim resolves `@pulumi/pulumi` from there. Default: `process.cwd()`.
   */
  readonly programDir?: string;
  /** Extra environment for this workspace's engine processes. */
  readonly env?: Readonly<Record<string, string>>;
}

/** A ready offline engine: pass {@link OfflineEngine.workspaceOptions} to `LocalWorkspace`. */
export interface OfflineEngine {
  /** The `pulumi` CLI the Automation API drives. */
  readonly command: PulumiCommand;
  /** Directory holding `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`. */
  readonly binDir: string;
  /** The file backend's URL (`file://...`). */
  readonly backendUrl: string;
  /** Environment every engine process gets. */
  readonly envVars: Readonly<Record<string, string>>;
  /**
   * Workspace options for `LocalWorkspace.create`/`createOrSelectStack`: the engine, `PULUMI_HOME`, the
   * environment, and (for inline programs, when `projectName` is given) project settings that use the
   * file backend.
   */
  workspaceOptions(extra?: WorkspaceExtras): LocalWorkspaceOptions;
  /** Deletes the backend and `PULUMI_HOME`. */
  cleanup(): Promise<void>;
}

/** Version of `@pulumi/pulumi` this package is built with; the engine must match it exactly. */
export function pulumiSdkVersion(): string {
  return (require("@pulumi/pulumi/package.json") as { version: string }).version;
}

/** Where `scripts/setup-engine.sh` puts the engine for the pinned version. */
export function engineBinDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PULUMI_POLYTOMIC_ENGINE_BIN) return env.PULUMI_POLYTOMIC_ENGINE_BIN;
  const cacheRoot =
    env.PULUMI_POLYTOMIC_CACHE ??
    path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-polytomic");
  return path.join(cacheRoot, "engine", `v${pulumiSdkVersion()}`, "bin");
}

/** Starts nothing long-lived: prepares a temporary backend and resolves the engine binaries. */
export async function startOfflineEngine(options: OfflineEngineOptions = {}): Promise<OfflineEngine> {
  const binDir = engineBinDir();
  let command: PulumiCommand;
  try {
    // PulumiCommand.get({ root }) runs `<root>/bin/pulumi version` and checks it against `version`.
    command = await PulumiCommand.get({ root: path.dirname(binDir), version: undefined });
  } catch (err) {
    throw new Error(
      `Pulumi engine not found in ${binDir} (${(err as Error).message}). Run "npm run setup -- --engine" first.`,
    );
  }
  const dir = await mkdtemp(path.join(options.tmpRoot ?? os.tmpdir(), "pulumi-polytomic-"));
  const backendDir = path.join(dir, "backend");
  const home = path.join(dir, "home");
  await Promise.all([mkdir(backendDir), mkdir(home)]);
  const backendUrl = `file://${backendDir}`;
  const nodeDir = path.dirname(process.execPath);
  const envVars: Record<string, string> = {
    PULUMI_BACKEND_URL: backendUrl,
    PULUMI_CONFIG_PASSPHRASE: options.passphrase ?? "pulumi-polytomic-offline",
    PULUMI_HOME: home,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    // The engine, the language host and the dynamic-provider shim all start `node` from PATH: make it
    // the Node this process runs on (>= 22), not an older one the machine may have.
    PATH: [binDir, nodeDir, process.env.PATH ?? ""].join(path.delimiter),
    ...options.env,
  };
  return {
    command,
    binDir,
    backendUrl,
    envVars,
    workspaceOptions(extra = {}) {
      return {
        pulumiCommand: command,
        pulumiHome: home,
        envVars: { ...envVars, ...extra.env },
        ...(extra.projectName
          ? {
              projectSettings: {
                name: extra.projectName,
                runtime: "nodejs",
                main: extra.programDir ?? process.cwd(),
                backend: { url: backendUrl },
              },
            }
          : {}),
      };
    },
    async cleanup() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The stack's state exactly as the backend stores it, secrets still encrypted. (`Stack.exportStack`
 * runs `pulumi stack export --show-secrets`, so it cannot tell whether a secret is stored in plaintext.)
 */
export async function storedState(stack: Stack): Promise<string> {
  const { workspace } = stack;
  const { stdout } = await promisify(execFile)(
    workspace.pulumiCommand.command,
    ["stack", "export", "--stack", stack.name, "--non-interactive"],
    { cwd: workspace.workDir, env: { ...process.env, ...workspace.envVars }, maxBuffer: 256 * 1024 * 1024 },
  );
  return stdout;
}
