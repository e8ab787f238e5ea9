/**
 * `npm run bench`: lifecycle wall times, provider memory and the engine floor for N = 10, 50 and 200
 * pipelines, written to bench/results.md with a plot. Not part of the tests: the machines are noisy, so
 * numbers belong in a report, never in assertions.
 *
 * Set BENCH_SIZES (e.g. "10,50") to measure fewer sizes.
 */
import * as path from "node:path";
import { pulumiSdkVersion, startOfflineEngine } from "../scripts/engine/offlineEngine";
import { floorProgram } from "./floor";
import { type LifecycleMeasurement, measureLifecycle } from "./measure";
import { type PlotPoint, plotTimes } from "./plot";
import { describeMachine, type ReportTable, writeReport } from "./report";

const repoRoot = path.resolve(__dirname, "../..");
const benchDir = path.join(repoRoot, "bench");

function sizes(): number[] {
  const raw = process.env.BENCH_SIZES ?? "10,50,200";
  return raw
    .split(",")
    .map((s) => Number.parseInt(s, 10))
    .filter((n) => n > 0);
}

const fmt = (s: number) => s.toFixed(2);

function lifecycleRow(label: string, n: number, m: LifecycleMeasurement): string[] {
  const changes = Object.keys(m.previewChanges).length === 0 ? "none" : JSON.stringify(m.previewChanges);
  return [
    label,
    String(n),
    fmt(m.up),
    fmt(m.preview),
    fmt(m.refresh),
    fmt(m.destroy),
    m.providerPeakRssMiB.toFixed(0),
    changes,
  ];
}

async function main(): Promise<void> {
  const engine = await startOfflineEngine();
  const rows: string[][] = [];
  const points: PlotPoint[] = [];
  try {
    for (const n of sizes()) {
      process.stdout.write(`floor, N=${n}\n`);
      const floor = await measureLifecycle(engine, `floor-${n}`, floorProgram(n), {}, repoRoot);
      rows.push(lifecycleRow("engine floor (no-op resources)", n, floor));
      points.push({ n, seconds: floor.up, series: "floor: pulumi up" });
    }
  } finally {
    await engine.cleanup();
  }
  const lifecycle: ReportTable = {
    title: "Lifecycle wall time (seconds) and dynamic-provider peak RSS (MiB)",
    note: "Each pipeline is two connections and one bulk sync that depends on both (3N resources).",
    header: [
      "graph",
      "N",
      "up",
      "preview (unchanged)",
      "refresh",
      "destroy",
      "provider RSS",
      "preview changes",
    ],
    rows,
  };
  await plotTimes(points, "pulumi up: wall time against N", path.join(benchDir, "results.svg"));
  await writeReport(
    path.join(benchDir, "results.md"),
    describeMachine(pulumiSdkVersion()),
    [lifecycle],
    "results.svg",
  );
  process.stdout.write(`wrote ${path.join(benchDir, "results.md")}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
