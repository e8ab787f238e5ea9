/**
 * Measures the Polytomic graph of N pipelines against a fresh in-process emulator: the lifecycle with the
 * API calls of each phase, and separately `pulumi up` alone with a fixed latency added to every request.
 * The graph is built from the package as users install it (packed, under node_modules), since Pulumi
 * stores a serialized provider per resource whose form depends on where the package lives.
 */
import { type Emulator, startEmulator } from "../emulator";
import type { OfflineEngine } from "../scripts/engine/offlineEngine";
import type { InstalledProject } from "../scripts/package/installedProject";
import { type PhaseCalls, tallyCalls } from "./calls";
import { type LifecycleMeasurement, type MeasureOptions, measureLifecycle } from "./measure";
import { pipelinesProgram } from "./pipelines";

/**
 * The bench's emulator fills schema caches at once: how long Polytomic takes to cache a source is the
 * server's time, like latency, and the floor has no counterpart, so the ratio would measure Polytomic
 * rather than this provider. (The provider polls the cache status from 100 ms, growing by 1.6.)
 */
export const BENCH_SCHEMA_CACHE_DELAY_MS = 0;

/** A lifecycle of the Polytomic graph and its calls by phase. */
export interface OurMeasurement {
  readonly lifecycle: LifecycleMeasurement;
  readonly calls: PhaseCalls;
}

type Config = Record<string, { value: string; secret?: boolean }>;

/** The lifecycle of N pipelines built from the package in `installed`, run from its directory. */
function measureInstalled(
  engine: OfflineEngine,
  installed: InstalledProject,
  stackName: string,
  n: number,
  config: Config,
  options: MeasureOptions,
): Promise<LifecycleMeasurement> {
  return measureLifecycle(
    engine,
    stackName,
    pipelinesProgram(installed.load(), n),
    config,
    installed.dir,
    options,
  );
}

/** Runs `work` against a fresh emulator with `faults`, with the stack config that points at it. */
export async function withEmulator<T>(
  faults: string,
  work: (config: Config, emulator: Emulator) => Promise<T>,
) {
  const emulator = await startEmulator({ port: 0, schemaCacheDelayMs: BENCH_SCHEMA_CACHE_DELAY_MS, faults });
  try {
    return await work(
      {
        "polytomic:apiKey": { value: emulator.apiKey, secret: true },
        "polytomic:baseUrl": { value: emulator.url },
      },
      emulator,
    );
  } finally {
    await emulator.close();
  }
}

/** Up, unchanged preview, refresh and destroy of N pipelines, with the calls of each phase. */
export async function measureOurs(
  engine: OfflineEngine,
  installed: InstalledProject,
  n: number,
  env?: Readonly<Record<string, string>>,
): Promise<OurMeasurement> {
  return withEmulator("", async (config, emulator) => {
    const calls: PhaseCalls = {};
    const lifecycle = await measureInstalled(engine, installed, `ours-${n}`, n, config, {
      hooks: tallyCalls(emulator, calls),
      ...(env ? { env } : {}),
    });
    return { lifecycle, calls };
  });
}

/** Wall time of `pulumi up` of N pipelines with `latencyMs` added to every request (seconds). */
export async function measureUpWithLatency(
  engine: OfflineEngine,
  installed: InstalledProject,
  n: number,
  latencyMs: number,
): Promise<number> {
  return withEmulator(`*:latency=${latencyMs}-${latencyMs}`, async (config, emulator) => {
    // Only `up` is measured: the latency goes once it is done, so the rest of the lifecycle is quick.
    const lifecycle = await measureInstalled(engine, installed, `latency-${n}`, n, config, {
      hooks: {
        after: (phase) => {
          if (phase === "up") emulator.faults.clear();
        },
      },
    });
    return lifecycle.up;
  });
}
