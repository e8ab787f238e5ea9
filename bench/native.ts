/**
 * The native front end in the bench: the N-pipeline graph by type token through the Polytomic plugin,
 * and the same graph of native no-op resources (its floor), each through the lifecycle, with the API
 * calls of each phase and where the time of `up` goes: when the program starts, when the plugin process
 * starts and listens, and how long the plugin spends in each kind of RPC (timed inside the plugin by
 * rpcTimes.ts, on the same wall clock as the phases).
 */
import { rm } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import type { PulumiFn } from "@pulumi/pulumi/automation";
import type { OfflineEngine } from "../scripts/engine/offlineEngine";
import type { InstalledProject } from "../scripts/package/installedProject";
import { type PhaseCalls, tallyCalls } from "./calls";
import { type LifecycleMeasurement, measureLifecycle, type Phase, type PhaseHooks } from "./measure";
import { type NativePlugins, nativeFloorProgram, nativePipelinesProgram } from "./nativePlugins";
import { withEmulator } from "./ours";
import { type RpcRecord, readRpcRecords } from "./rpcTimes";

/** Where the time of one `up` went; times in seconds after the command started. */
export interface UpTimeline {
  /** Wall time of the command. */
  readonly total: number;
  /** The inline program is called (the engine and the language host are up). */
  readonly programStart: number;
  /** The plugin process starts, and listens (its handshake is due). */
  readonly pluginStart: number;
  readonly pluginListening: number;
  /** The engine's first RPC to the plugin, and the last RPC's end. */
  readonly firstRpc: number;
  readonly lastRpcEnd: number;
  /** Per RPC method: how many, and the wall time during which at least one was in flight. */
  readonly rpcs: Readonly<Record<string, { readonly count: number; readonly busy: number }>>;
  /** Wall time during which any RPC was in flight. */
  readonly anyRpcBusy: number;
}

/** A lifecycle of a native graph, the calls of each phase (Polytomic only), and where `up`'s time went. */
export interface NativeMeasurement {
  readonly lifecycle: LifecycleMeasurement;
  readonly calls?: PhaseCalls;
  readonly up: UpTimeline;
}

/** Total length of the union of `intervals` (milliseconds). */
function unionMs(intervals: readonly (readonly [number, number])[]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [from, to] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const [start, end] of sorted) {
    if (start > to) {
      if (to > from) total += to - from;
      [from, to] = [start, end];
    } else to = Math.max(to, end);
  }
  if (to > from) total += to - from;
  return total;
}

/** The timeline of the phase that ran from `begin` to `end` (epoch ms). */
function timeline(
  records: readonly RpcRecord[],
  programStarts: readonly number[],
  begin: number,
  end: number,
) {
  const inside = records.filter((r) => r.start >= begin - 1000 && r.end <= end + 1000);
  const rpcs = inside.filter((r) => !r.method.startsWith("<"));
  const at = (ms: number | undefined) => (ms === undefined ? Number.NaN : (ms - begin) / 1000);
  const first = (method: string) => inside.find((r) => r.method === method);
  const byMethod: Record<string, { count: number; busy: number }> = {};
  for (const method of new Set(rpcs.map((r) => r.method))) {
    const of = rpcs.filter((r) => r.method === method);
    byMethod[method] = { count: of.length, busy: unionMs(of.map((r) => [r.start, r.end])) / 1000 };
  }
  return {
    total: (end - begin) / 1000,
    programStart: at(programStarts.find((t) => t >= begin && t <= end)),
    pluginStart: at(first("<start>")?.start),
    pluginListening: at(first("<listening>")?.end),
    firstRpc: at(Math.min(...rpcs.map((r) => r.start))),
    lastRpcEnd: at(Math.max(...rpcs.map((r) => r.end))),
    rpcs: byMethod,
    anyRpcBusy: unionMs(rpcs.map((r) => [r.start, r.end])) / 1000,
  } satisfies UpTimeline;
}

let logs = 0;

/**
 * Runs the lifecycle of `program` with the plugin timed: the program's calls and the phases' windows
 * recorded here, the plugin's RPCs in a log file of their own.
 */
async function timedLifecycle(
  run: (program: PulumiFn, hooks: PhaseHooks, env: Record<string, string>) => Promise<LifecycleMeasurement>,
  program: PulumiFn,
  extraHooks: PhaseHooks = {},
): Promise<{ lifecycle: LifecycleMeasurement; up: UpTimeline }> {
  const log = path.join(os.tmpdir(), `polytomic-bench-rpc-${process.pid}-${++logs}.jsonl`);
  const programStarts: number[] = [];
  const windows: Partial<Record<Phase, [number, number]>> = {};
  const timed: PulumiFn = async () => {
    programStarts.push(Date.now());
    return program();
  };
  const hooks: PhaseHooks = {
    before(phase) {
      extraHooks.before?.(phase);
      windows[phase] = [Date.now(), Number.NaN];
    },
    after(phase) {
      const window = windows[phase];
      if (window) window[1] = Date.now();
      extraHooks.after?.(phase);
    },
  };
  try {
    const lifecycle = await run(timed, hooks, { BENCH_RPC_LOG: log });
    const [begin, end] = windows.up ?? [Number.NaN, Number.NaN];
    return { lifecycle, up: timeline(readRpcRecords(log), programStarts, begin, end) };
  } finally {
    await rm(log, { force: true });
  }
}

/** Up, unchanged preview, refresh and destroy of N pipelines through the Polytomic plugin. */
export async function measureNative(
  engine: OfflineEngine,
  installed: InstalledProject,
  plugins: NativePlugins,
  n: number,
  env: Readonly<Record<string, string>> = {},
): Promise<NativeMeasurement> {
  return withEmulator("", async (config, emulator) => {
    const calls: PhaseCalls = {};
    const measured = await timedLifecycle(
      (program, hooks, timing) =>
        measureLifecycle(engine, `native-${n}`, program, config, installed.dir, {
          hooks,
          env: { ...env, ...timing },
          plugins: [plugins.polytomic],
          providerCommand: "pulumi-resource-polytomic",
        }),
      nativePipelinesProgram(n),
      tallyCalls(emulator, calls),
    );
    return { ...measured, calls };
  });
}

/** The same lifecycle of the graph of native no-op resources. */
export function measureNativeFloor(
  engine: OfflineEngine,
  plugins: NativePlugins,
  n: number,
  programDir: string,
  env: Readonly<Record<string, string>> = {},
): Promise<NativeMeasurement> {
  return timedLifecycle(
    (program, hooks, timing) =>
      measureLifecycle(engine, `native-floor-${n}`, program, {}, programDir, {
        hooks,
        env: { ...env, ...timing },
        plugins: [plugins.noop],
        providerCommand: `pulumi-resource-${plugins.noop.name}`,
      }),
    nativeFloorProgram(n),
  );
}
