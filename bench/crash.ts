/**
 * Crash runs: `pulumi up` of the fleet is SIGKILLed (the CLI, the language host and the dynamic
 * provider, as a machine losing power would) when the emulator has received a chosen number of requests
 * plus a random delay, then recovered the documented way and deployed again. A run passes when the
 * emulator ends up holding exactly the declared objects and a preview plans nothing.
 *
 * The project lives on disk under `.cache/crash/` (inside the repository, so the program and the
 * dynamic-provider shim resolve `@pulumi/pulumi` from its node_modules) and the CLI is started directly,
 * in its own process group, because the Automation API's inline programs run inside the caller.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { copyFile, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import type { OfflineEngine } from "../scripts/engine/offlineEngine";
import { fleetInventory } from "./fleet";
import { emulatorInventory } from "./inventory";

/** How a run recovers the stack after the kill. */
export type Recovery = "refresh" | "export-import";

/** What one crash run did and found. */
export interface CrashRun {
  /** The run's number, which also seeds its kill point. */
  readonly run: number;
  /** The kill came when the emulator had received this many requests ... */
  readonly killAtRequest: number;
  /** ... plus this delay. */
  readonly killDelayMs: number;
  /** Whether `pulumi up` was still running at the kill (false: it finished first). */
  readonly killed: boolean;
  /** Whether a request was unanswered at the kill (the provider died waiting for a response). */
  readonly midRequest: boolean;
  /** Processes killed at once: the CLI, the language host, the dynamic provider and their wrappers. */
  readonly processesKilled: number;
  /** Requests the emulator had received when the kill came (or in all, when `up` finished first). */
  readonly requestsAtKill: number;
  /**
   * Whether the kill cut the state file short (it landed while the engine rewrote it) so that the
   * previous checkpoint, `<stack>.json.bak`, had to be restored first.
   */
  readonly stateRestored: boolean;
  /** Stale lock files the killed update left in the backend, released with `pulumi cancel`. */
  readonly locksRemoved: number;
  /** Pending operations the killed update left in the state. */
  readonly pendingOperations: number;
  readonly recovery: Recovery;
  /** Whether the emulator held exactly the declared objects after the second `pulumi up`. */
  readonly converged: boolean;
  /** Objects beyond the declared ones (duplicates or orphans), counted across kinds. */
  readonly extraObjects: number;
  /** Whether a preview after recovery planned no change. */
  readonly previewEmpty: boolean;
  /** What differed, when something did. */
  readonly problem?: string;
}

/** Options of {@link crashRun}. */
export interface CrashRunOptions {
  readonly engine: OfflineEngine;
  readonly repoRoot: string;
  readonly run: number;
  /** Fleet groups (6 resources each, plus 2). */
  readonly groups: number;
  /** Kill when the emulator has received this many requests... */
  readonly killAtRequest: number;
  /** ...and this many more milliseconds have passed. */
  readonly killDelayMs: number;
  readonly recovery: Recovery;
}

interface Exit {
  readonly code: number | null;
  readonly output: string;
}

function pulumiProcess(engine: OfflineEngine, cwd: string, args: string[], env: Record<string, string>) {
  return spawn(path.join(engine.binDir, "pulumi"), [...args, "--non-interactive"], {
    cwd,
    env: { ...process.env, ...engine.envVars, ...env },
    // Out of this process's group, so the kill reaches only the update (see killTree).
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function exited(child: ChildProcess): Promise<Exit> {
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, output })));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pids of `root` and every process descended from it, from /proc. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i] ?? -1) ?? []));
  return tree;
}

/**
 * Kills the CLI and every process under it at once. The engine starts its plugins (language host,
 * dynamic provider) in process groups of their own, so killing the CLI's group alone would leave a
 * provider running on, still calling the API, which a real crash would not.
 * @returns how many processes were killed.
 */
function killTree(child: ChildProcess): number {
  if (!child.pid) return 0;
  const tree = processTree(child.pid);
  for (const pid of tree) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  return tree.length;
}

/** Counts objects in `actual` beyond those `expected` lists, kind by kind. */
function extraCount(expected: Record<string, readonly string[]>, actual: Record<string, readonly string[]>) {
  return Object.keys(expected).reduce(
    (sum, kind) => sum + Math.max(0, (actual[kind]?.length ?? 0) - (expected[kind]?.length ?? 0)),
    0,
  );
}

/** One crash run in a fresh emulator and a fresh stack; everything is destroyed afterwards. */
export async function crashRun(options: CrashRunOptions): Promise<CrashRun> {
  const { engine, run, groups } = options;
  // Latency like a real API's, so kills land while requests are on the wire as well as between them.
  const emulator = await startEmulator({ port: 0, schemaCacheDelayMs: 300, faults: "*:latency=10-120" });
  const dir = path.join(options.repoRoot, ".cache", "crash", `run-${run}`);
  const stackName = `crash-${run}`;
  const env = { POLYTOMIC_API_KEY: emulator.apiKey, POLYTOMIC_BASE_URL: emulator.url };
  const pulumi = async (...args: string[]) => {
    const result = await exited(pulumiProcess(engine, dir, args, env));
    if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed:\n${result.output.slice(-4000)}`);
    return result.output;
  };
  try {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeProject(dir, options.repoRoot, engine.backendUrl, groups);
    await pulumi("stack", "init", stackName);

    const child = pulumiProcess(engine, dir, ["up", "--yes", "--skip-preview"], env);
    const done = exited(child);
    let finished = false;
    void done.then(() => {
      finished = true;
    });
    while (!finished && emulator.traffic.received < options.killAtRequest) await sleep(5);
    if (!finished) await sleep(options.killDelayMs);
    const killed = !finished;
    const midRequest = killed && emulator.traffic.inFlight > 0;
    const requestsAtKill = emulator.traffic.received;
    const processesKilled = killed ? killTree(child) : 0;
    await done;

    // A kill during the backend's rewrite of the state can leave it unreadable: restore the backup.
    let stateRestored = false;
    const pendingOperations = await pendingCount(pulumi).catch(async (err: unknown) => {
      if (!/failed to load checkpoint/.test(String(err))) throw err;
      await restoreStateBackup(engine.backendUrl, stackName);
      stateRestored = true;
      return pendingCount(pulumi);
    });
    const locksRemoved = await staleLocks(engine.backendUrl);
    if (locksRemoved > 0) await pulumi("cancel", "--yes");
    if (options.recovery === "refresh") {
      await pulumi("refresh", "--yes", "--skip-preview", "--clear-pending-creates");
    } else {
      await exportWithoutPending(pulumi, dir);
    }
    await pulumi("up", "--yes", "--skip-preview");
    const expected = fleetInventory(groups);
    const actual = emulatorInventory(emulator);
    const converged = JSON.stringify(actual) === JSON.stringify(expected);
    const previewEmpty = await pulumi("preview", "--expect-no-changes").then(
      () => true,
      () => false,
    );
    await pulumi("destroy", "--yes", "--skip-preview");
    await pulumi("stack", "rm", "--yes");
    return {
      run,
      killAtRequest: options.killAtRequest,
      killDelayMs: options.killDelayMs,
      killed,
      midRequest,
      requestsAtKill,
      processesKilled,
      stateRestored,
      locksRemoved,
      pendingOperations,
      recovery: options.recovery,
      converged,
      extraObjects: extraCount({ ...expected }, { ...actual }),
      previewEmpty,
      ...(converged
        ? {}
        : { problem: `expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)}` }),
    };
  } finally {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeProject(dir: string, repoRoot: string, backendUrl: string, groups: number) {
  const dist = path.join(repoRoot, "dist");
  await writeFile(
    path.join(dir, "Pulumi.yaml"),
    `name: polytomic-crash\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\nbackend:\n  url: ${backendUrl}\n`,
  );
  await writeFile(
    path.join(dir, "index.js"),
    [
      `const polytomic = require(${JSON.stringify(path.join(dist, "index.js"))});`,
      `const { fleetProgram } = require(${JSON.stringify(path.join(dist, "bench", "fleet.js"))});`,
      `module.exports = fleetProgram(polytomic, ${groups})();`,
      "",
    ].join("\n"),
  );
}

async function pendingCount(pulumi: (...args: string[]) => Promise<string>): Promise<number> {
  const state = JSON.parse(await pulumi("stack", "export")) as {
    deployment?: { pending_operations?: unknown[] };
  };
  return state.deployment?.pending_operations?.length ?? 0;
}

/**
 * Lock files a killed update left in the file backend (`.pulumi/locks/...`). `pulumi cancel` releases
 * them, with a file backend as with Pulumi Cloud.
 */
async function staleLocks(backendUrl: string): Promise<number> {
  const locks = path.join(new URL(backendUrl).pathname, ".pulumi", "locks");
  const files = await readdir(locks, { recursive: true }).catch(() => [] as string[]);
  return files.filter((f) => f.endsWith(".json")).length;
}

/**
 * A kill that lands while the file backend rewrites `<stack>.json` (or its `.attrs` sidecar) can leave
 * it unreadable ("failed to load checkpoint: EOF"). The backend keeps the previous checkpoint beside it
 * as `<stack>.json.bak`: restore that. Whatever the lost step had created is answered back by its
 * idempotency key when the next `up` creates it again.
 */
export async function restoreStateBackup(backendUrl: string, stackName: string): Promise<void> {
  const stacks = path.join(new URL(backendUrl).pathname, ".pulumi", "stacks");
  const files = await readdir(stacks, { recursive: true });
  const state = files.find((f) => path.basename(f) === `${stackName}.json`);
  if (!state) throw new Error(`no state file for stack ${stackName} under ${stacks}`);
  const file = path.join(stacks, state);
  await copyFile(`${file}.bak`, file);
  if (files.some((f) => path.basename(f) === `${stackName}.json.bak.attrs`)) {
    await copyFile(`${file}.bak.attrs`, `${file}.attrs`);
  }
}

/** The other documented recovery: export the state, drop its pending operations, import it back. */
async function exportWithoutPending(pulumi: (...args: string[]) => Promise<string>, dir: string) {
  const state = JSON.parse(await pulumi("stack", "export")) as { deployment?: Record<string, unknown> };
  if (state.deployment) delete state.deployment.pending_operations;
  const file = path.join(dir, "state.json");
  await writeFile(file, JSON.stringify(state));
  await pulumi("stack", "import", "--file", file);
}

/** A clean `up` of a 3-group fleet makes about 45 requests: kill points are drawn below that. */
const KILL_WINDOW = 40;

/**
 * The kill point and recovery of run `run`: pseudo-random but repeatable (a hash of the run number),
 * spread over the whole deployment, alternating the two recoveries.
 */
export function crashPlan(run: number): Pick<CrashRunOptions, "killAtRequest" | "killDelayMs" | "recovery"> {
  let h = Math.imul(run ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return {
    killAtRequest: 1 + (h % KILL_WINDOW),
    killDelayMs: (h >>> 8) % 150,
    recovery: run % 2 === 0 ? "export-import" : "refresh",
  };
}
