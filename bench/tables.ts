/**
 * The report's tables, from the measurements of `npm run bench`.
 */
import { type BudgetCheck, checkBudgets } from "./budgets";
import type { CallTally } from "./calls";
import type { CrashRun } from "./crash";
import type { LifecycleMeasurement, Phase } from "./measure";
import type { ReportTable } from "./report";
import type { SizeResult } from "./run";

const s = (seconds: number) => seconds.toFixed(2);
const ratio = (ours: number, floor: number) => (ours / floor).toFixed(2);
const PHASES: readonly Phase[] = ["up", "preview", "refresh", "destroy"];

function lifecycleRow(graph: string, n: number, m: LifecycleMeasurement): string[] {
  const changes = Object.keys(m.previewChanges).length === 0 ? "none" : JSON.stringify(m.previewChanges);
  return [
    graph,
    String(n),
    ...PHASES.map((p) => s(m[p])),
    m.providerPeakRssMiB.toFixed(0),
    (m.stateBytes / 1024).toFixed(0),
    changes,
  ];
}

/** How many runs each median is of, e.g. "3 runs at N = 10 and 50, 1 run at N = 200". */
function repeatNote(sizes: readonly SizeResult[]): string {
  const byCount = new Map<number, number[]>();
  for (const { n, repeats } of sizes) byCount.set(repeats, [...(byCount.get(repeats) ?? []), n]);
  return [...byCount]
    .map(([count, ns]) => `${count} run${count === 1 ? "" : "s"} at N = ${ns.join(" and ")}`)
    .join(", ");
}

/** Wall times and provider memory of both graphs at every N. */
export function lifecycleTable(sizes: readonly SizeResult[]): ReportTable {
  return {
    title: "Lifecycle wall time (seconds) and dynamic-provider peak RSS (MiB)",
    note: `Each pipeline is two connections and a bulk sync that depends on both (3N resources). The floor is the same graph of no-op dynamic resources, measured in the same run. The emulator answers at once and fills schema caches at once, so the difference is this provider's own cost. The Polytomic graph is built from the package packed by \`npm pack\` and installed under node_modules in a project of its own, as users get it (Pulumi stores each resource's provider as a \`require\` of the package then). Times are medians of ${repeatNote(sizes)}, the graphs interleaved; RSS and state size are the largest seen.`,
    header: [
      "graph",
      "N",
      "up",
      "preview (unchanged)",
      "refresh",
      "destroy",
      "provider RSS",
      "state after up (KiB)",
      "preview changes",
    ],
    rows: sizes.flatMap(({ n, floor, ours }) => [
      lifecycleRow("engine floor", n, floor),
      lifecycleRow("Polytomic", n, ours.lifecycle),
    ]),
  };
}

/** Our time over the floor's, per operation; the target is at most 1.2 for `up` at N = 200. */
export function ratioTable(sizes: readonly SizeResult[]): ReportTable {
  return {
    title: "Time over the engine floor (ratio)",
    note: "Target: `up` at most 1.2 times the floor at N = 200, with no added latency.",
    header: ["N", ...PHASES, "up target met"],
    rows: sizes.map(({ n, floor, ours }) => [
      String(n),
      ...PHASES.map((p) => ratio(ours.lifecycle[p], floor[p])),
      n === 200 ? (ours.lifecycle.up / floor.up <= 1.2 ? "yes" : "NO") : "(target is for N = 200)",
    ]),
  };
}

/** `up` with added latency against 1.5 × (floor + N × latency / parallelism). */
export function latencyTable(
  sizes: readonly SizeResult[],
  latencyMs: number,
  parallelism: number,
): ReportTable {
  return {
    title: `pulumi up with ${latencyMs} ms added to every API request`,
    note: `Target: at most 1.5 × (floor + N × ${latencyMs} ms / ${parallelism}), ${parallelism} being the engine's default \`--parallel\` (the provider's own request limit is also 8).`,
    header: ["N", "floor up (s)", "bound (s)", "Polytomic up (s)", "met"],
    rows: sizes.map(({ n, floor, latencyUp }) => {
      const bound = 1.5 * (floor.up + (n * latencyMs) / 1000 / parallelism);
      return [String(n), s(floor.up), s(bound), s(latencyUp), latencyUp <= bound ? "yes" : "NO"];
    }),
  };
}

/**
 * The resource a call serves: bulk-sync routes, and the source's bulk-sync schemas and schema status
 * that a bulk sync's check and create read (this graph has no SchemaReady).
 */
function kindOf(callKey: string): "Connection" | "BulkSync" {
  return /\/api\/bulk\/|\/bulksync\/|\/schemas\/status/.test(callKey) ? "BulkSync" : "Connection";
}

/** API calls of each phase at the largest N, by resource kind and route. */
export function callTable({ n, ours }: SizeResult): ReportTable {
  const counts = { Connection: 2 * n, BulkSync: n };
  const rows: string[][] = [];
  for (const phase of PHASES) {
    const tally: CallTally = ours.calls[phase] ?? {};
    for (const kind of ["Connection", "BulkSync"] as const) {
      const entries = Object.entries(tally).filter(([key]) => kindOf(key) === kind);
      const total = entries.reduce((sum, [, count]) => sum + count, 0);
      const routes = entries.map(([key, count]) => `${key} ×${count}`).join("<br>") || "none";
      rows.push([phase, kind, String(total), (total / counts[kind]).toFixed(2), routes]);
    }
  }
  return {
    title: `API calls per resource by kind (N = ${n}: ${2 * n} connections, ${n} bulk syncs)`,
    note: "From the emulator's request log. A connection's `check` reads its type's JSON Schema (once per type per provider process). A bulk sync's `check` reads the source's cached schemas to validate the selection, except when neither changed (the unchanged preview) or the source was created in the same `up` (here): its create then reads them instead, off the engine's serial `check` path, and POSTs; it polls the schema status only when that read finds no schemas yet.",
    header: ["phase", "kind", "calls", "per resource", "routes (method, route, status × count)"],
    rows,
  };
}

/** The call budgets at every N. */
export function budgetTable(sizes: readonly SizeResult[]): ReportTable {
  const rows = sizes.flatMap(({ n, ours }) =>
    checkBudgets(n, ours.calls).map((b: BudgetCheck) => [
      String(n),
      b.budget,
      String(b.allowed),
      String(b.measured),
      b.met ? "yes" : "NO",
    ]),
  );
  return { title: "Call budgets", header: ["N", "budget", "allowed", "measured", "met"], rows };
}

/** Every crash run and the totals. */
export function crashTable(runs: readonly CrashRun[]): ReportTable {
  const mid = runs.filter((r) => r.midRequest).length;
  const converged = runs.filter((r) => r.converged && r.previewEmpty && r.extraObjects === 0).length;
  return {
    title: "Crash runs (pulumi up SIGKILLed, recovered, run again)",
    note: `${runs.length} runs of a 20-resource fleet; ${converged} converged to exactly the declared objects with an empty preview; ${mid} kills landed mid-request; duplicates or orphans in all runs: ${runs.reduce((sum, r) => sum + r.extraObjects, 0)}.`,
    header: [
      "run",
      "kill at request",
      "+ delay (ms)",
      "requests at kill",
      "mid-request",
      "processes killed",
      "state restored",
      "stale locks",
      "pending ops",
      "recovery",
      "converged",
      "extra objects",
      "preview empty",
    ],
    rows: runs.map((r) => [
      String(r.run),
      String(r.killAtRequest),
      String(r.killDelayMs),
      String(r.requestsAtKill),
      r.midRequest ? "yes" : "no",
      String(r.processesKilled),
      r.stateRestored ? "yes" : "no",
      String(r.locksRemoved),
      String(r.pendingOperations),
      r.recovery,
      r.converged ? "yes" : "NO",
      String(r.extraObjects),
      r.previewEmpty ? "yes" : "NO",
    ]),
  };
}

/** Both graphs at one N measured without the engine's intermediate checkpoints. */
export interface CheckpointDiagnostic {
  readonly n: number;
  readonly floor: LifecycleMeasurement;
  readonly ours: LifecycleMeasurement;
}

/** The diagnostic's times and ratios next to each other. */
export function checkpointTable({ n, floor, ours }: CheckpointDiagnostic): ReportTable {
  return {
    title: `Diagnostic: N = ${n} without intermediate checkpoints`,
    note: "`PULUMI_SKIP_CHECKPOINTS=true` makes the engine write the state once at the end instead of after every step (unsafe for real use: a crash loses the record of what was created). The engine's file backend rewrites the whole state after every step, so a graph whose state is larger pays more per step; this run shows how much of the ratio above that accounts for.",
    header: ["graph", ...PHASES, "state after up (KiB)"],
    rows: [
      ["engine floor", ...PHASES.map((p) => s(floor[p])), (floor.stateBytes / 1024).toFixed(0)],
      ["Polytomic", ...PHASES.map((p) => s(ours[p])), (ours.stateBytes / 1024).toFixed(0)],
      ["ratio", ...PHASES.map((p) => ratio(ours[p], floor[p])), ratio(ours.stateBytes, floor.stateBytes)],
    ],
  };
}
