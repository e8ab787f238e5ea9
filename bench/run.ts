/**
 * `npm run bench`: for N = 10, 50 and 200 pipelines (two connections and a bulk sync each), the
 * lifecycle wall times, dynamic-provider memory and API calls of the Polytomic graph against the engine
 * floor (the same graph of no-op resources), `pulumi up` with 100 ms of added API latency, the call
 * budgets, the same graph through the provider plugin against a floor of native no-op resources (with
 * where its `up` time goes), and 20 crash runs. Writes bench/results.md and bench/results.svg. Not part
 * of the tests: the machines are noisy, so numbers belong in a report, never in assertions.
 *
 * Environment: BENCH_SIZES (default "10,50,200"), BENCH_CRASH_RUNS (default 20), BENCH_REPEATS (runs
 * per graph and size; default 3 up to N = 50, 1 above; times are medians).
 */
import * as path from "node:path";
import { type OfflineEngine, pulumiSdkVersion, startOfflineEngine } from "../scripts/engine/offlineEngine";
import { createInstalledProject, type InstalledProject } from "../scripts/package/installedProject";
import { type CrashRun, crashPlan, crashRun } from "./crash";
import { floorProgram } from "./floor";
import { type LifecycleMeasurement, measureLifecycle } from "./measure";
import { measureNative, measureNativeFloor, type NativeMeasurement } from "./native";
import { type NativePlugins, writePluginLaunchers } from "./nativePlugins";
import { measureOurs, measureUpWithLatency, type OurMeasurement } from "./ours";
import { type PlotPoint, plotTimes } from "./plot";
import { median, medianLifecycle, medianNative, repeatsFor } from "./repeat";
import { describeMachine, writeReport } from "./report";
import {
  budgetTable,
  type CheckpointDiagnostic,
  callTable,
  checkpointTable,
  crashTable,
  latencyTable,
  lifecycleTable,
  nativeCallTable,
  nativeLifecycleTable,
  nativeRatioTable,
  nativeTimeTable,
  ratioTable,
} from "./tables";

const repoRoot = path.resolve(__dirname, "../..");
const benchDir = path.join(repoRoot, "bench");
/** Added latency of the latency run, and the engine's default `--parallel` it is divided by. */
const LATENCY_MS = 100;
const ENGINE_PARALLELISM = 8;

function envList(name: string, fallback: string): number[] {
  return (process.env[name] ?? fallback)
    .split(",")
    .map((s) => Number.parseInt(s, 10))
    .filter((n) => n > 0);
}

const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);

/** Everything measured at one N. */
export interface SizeResult {
  readonly n: number;
  /** Runs per graph; the times are their medians. */
  readonly repeats: number;
  readonly floor: LifecycleMeasurement;
  readonly ours: OurMeasurement;
  readonly latencyUp: number;
  /** The same graph through the provider plugin, and its floor of native no-op resources. */
  readonly native: NativeMeasurement;
  readonly nativeFloor: NativeMeasurement;
}

/**
 * Diagnostic: both graphs at N without the engine's intermediate checkpoints, to tell how much of the
 * difference is the engine rewriting a larger state after every step.
 */
async function measureWithoutCheckpoints(
  engine: OfflineEngine,
  installed: InstalledProject,
  plugins: NativePlugins,
  n: number,
): Promise<CheckpointDiagnostic> {
  log(`N=${n}: every graph without intermediate checkpoints (diagnostic)`);
  const env = { PULUMI_SKIP_CHECKPOINTS: "true" };
  const floor = await measureLifecycle(engine, `floor-nocp-${n}`, floorProgram(n), {}, repoRoot, { env });
  const ours = await measureOurs(engine, installed, n, env);
  const nativeFloor = await measureNativeFloor(engine, plugins, n, repoRoot, env);
  const native = await measureNative(engine, installed, plugins, n, env);
  return { n, floor, ours: ours.lifecycle, nativeFloor: nativeFloor.lifecycle, native: native.lifecycle };
}

async function main(): Promise<void> {
  const engine = await startOfflineEngine();
  log("packing and installing the package into a project of its own");
  const installed = await createInstalledProject(path.join(repoRoot, ".cache", "bench-project"));
  const plugins = await writePluginLaunchers(installed.dir);
  const sizes: SizeResult[] = [];
  const crashes: CrashRun[] = [];
  let withoutCheckpoints: CheckpointDiagnostic | undefined;
  try {
    for (const n of envList("BENCH_SIZES", "10,50,200")) {
      const repeats = repeatsFor(n);
      const floors: LifecycleMeasurement[] = [];
      const ours: OurMeasurement[] = [];
      const latencyUps: number[] = [];
      const natives: NativeMeasurement[] = [];
      const nativeFloors: NativeMeasurement[] = [];
      for (let run = 1; run <= repeats; run++) {
        const of = repeats > 1 ? ` (run ${run}/${repeats})` : "";
        log(`N=${n}: engine floor${of}`);
        floors.push(await measureLifecycle(engine, `floor-${n}`, floorProgram(n), {}, repoRoot));
        log(`N=${n}: Polytomic graph${of}`);
        ours.push(await measureOurs(engine, installed, n));
        log(`N=${n}: Polytomic graph, up with ${LATENCY_MS} ms latency${of}`);
        latencyUps.push(await measureUpWithLatency(engine, installed, n, LATENCY_MS));
        log(`N=${n}: native floor${of}`);
        nativeFloors.push(await measureNativeFloor(engine, plugins, n, repoRoot));
        log(`N=${n}: Polytomic graph through the provider plugin${of}`);
        natives.push(await measureNative(engine, installed, plugins, n));
      }
      const [first] = ours;
      if (!first) throw new Error("no measurement");
      sizes.push({
        n,
        repeats,
        floor: medianLifecycle(floors),
        ours: { lifecycle: medianLifecycle(ours.map((o) => o.lifecycle)), calls: first.calls },
        latencyUp: median(latencyUps),
        native: medianNative(natives),
        nativeFloor: medianNative(nativeFloors),
      });
    }
    const largest = sizes.at(-1);
    if (largest) withoutCheckpoints = await measureWithoutCheckpoints(engine, installed, plugins, largest.n);
    // 0 is allowed (a quick run of the sizes alone).
    const runs = Math.max(0, Number.parseInt(process.env.BENCH_CRASH_RUNS ?? "20", 10) || 0);
    for (let run = 1; run <= runs; run++) {
      log(`crash run ${run}/${runs}`);
      crashes.push(await crashRun({ engine, repoRoot, run, groups: 3, ...crashPlan(run) }));
    }
  } finally {
    await engine.cleanup();
    await plugins.cleanup();
  }
  const points: PlotPoint[] = sizes.flatMap(({ n, floor, ours, latencyUp, native, nativeFloor }) => [
    { n, seconds: floor.up, series: "engine floor (no-op resources)" },
    { n, seconds: ours.lifecycle.up, series: "Polytomic, no added latency" },
    { n, seconds: latencyUp, series: `Polytomic, ${LATENCY_MS} ms added latency` },
    { n, seconds: nativeFloor.lifecycle.up, series: "native floor (no-op plugin)" },
    { n, seconds: native.lifecycle.up, series: "Polytomic plugin, no added latency" },
  ]);
  // A run of the crash runs alone (BENCH_SIZES= ) writes its own report and leaves the plot alone.
  if (points.length > 0)
    await plotTimes(points, "pulumi up: wall time against N", path.join(benchDir, "results.svg"));
  const largest = sizes.at(-1);
  const report = path.resolve(repoRoot, process.env.BENCH_REPORT ?? path.join("bench", "results.md"));
  await writeReport(
    report,
    describeMachine(pulumiSdkVersion()),
    [
      ...(largest
        ? [
            lifecycleTable(sizes),
            ratioTable(sizes),
            latencyTable(sizes, LATENCY_MS, ENGINE_PARALLELISM),
            callTable(largest),
            budgetTable(sizes),
          ]
        : []),
      ...(withoutCheckpoints ? [checkpointTable(withoutCheckpoints)] : []),
      ...(largest
        ? [
            nativeLifecycleTable(sizes),
            nativeRatioTable(sizes),
            nativeCallTable(sizes),
            nativeTimeTable(sizes, withoutCheckpoints),
          ]
        : []),
      ...(crashes.length > 0 ? [crashTable(crashes)] : []),
    ],
    points.length > 0 ? "results.svg" : undefined,
  );
  log(`wrote ${report}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
