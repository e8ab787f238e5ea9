/**
 * Repeated measurements. At small N a whole `pulumi up` takes about 3 s, of which the engine's own
 * start-up varies by half a second from run to run on these 2-core machines, so one sample per graph
 * decides a ratio by chance. Small sizes are measured several times, interleaved, and reported as
 * medians.
 */
import type { LifecycleMeasurement } from "./measure";
import type { NativeMeasurement } from "./native";

/** Runs per graph at size `n`: BENCH_REPEATS if set, else 3 up to N = 50 and 1 above. */
export function repeatsFor(n: number): number {
  const configured = Number.parseInt(process.env.BENCH_REPEATS ?? "", 10);
  if (configured > 0) return configured;
  return n <= 50 ? 3 : 1;
}

/** The median (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Medians of the wall times; the largest peak RSS and state (worst case); the preview changes of the
 * first run that planned any (so a single bad run still shows).
 */
export function medianLifecycle(runs: readonly LifecycleMeasurement[]): LifecycleMeasurement {
  const of = (pick: (m: LifecycleMeasurement) => number) => median(runs.map(pick));
  const first = runs[0];
  if (!first) throw new Error("no runs");
  return {
    up: of((m) => m.up),
    preview: of((m) => m.preview),
    refresh: of((m) => m.refresh),
    destroy: of((m) => m.destroy),
    providerPeakRssMiB: Math.max(...runs.map((m) => m.providerPeakRssMiB)),
    stateBytes: Math.max(...runs.map((m) => m.stateBytes)),
    previewChanges:
      runs.find((m) => Object.keys(m.previewChanges).length > 0)?.previewChanges ?? first.previewChanges,
  };
}

/**
 * A native graph's runs: the medians of {@link medianLifecycle}, the first run's calls, and the timeline
 * of the run whose `up` took the median time (a timeline of medians would mix runs).
 */
export function medianNative(runs: readonly NativeMeasurement[]): NativeMeasurement {
  const byUp = [...runs].sort((a, b) => a.lifecycle.up - b.lifecycle.up);
  const middle = byUp[Math.floor((byUp.length - 1) / 2)];
  if (!middle) throw new Error("no runs");
  return {
    lifecycle: medianLifecycle(runs.map((r) => r.lifecycle)),
    ...(runs[0]?.calls ? { calls: runs[0].calls } : {}),
    up: middle.up,
  };
}
