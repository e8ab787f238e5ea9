/**
 * The report's tables, from the measurements of `npm run bench`.
 */
import { type BudgetCheck, checkBudgets } from "./budgets";
import { type CallTally, callsMatching } from "./calls";
import type { CrashRun } from "./crash";
import type { LifecycleMeasurement, Phase } from "./measure";
import type { UpTimeline } from "./native";
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

/** The columns of both lifecycle tables (dynamic and native), one row per graph and N. */
const LIFECYCLE_HEADER = [
  "graph",
  "N",
  "up",
  "preview (unchanged)",
  "refresh",
  "destroy",
  "provider RSS",
  "state after up (KiB)",
  "preview changes",
];

/** Wall times and provider memory of both graphs at every N. */
export function lifecycleTable(sizes: readonly SizeResult[]): ReportTable {
  return {
    title: "Lifecycle wall time (seconds) and dynamic-provider peak RSS (MiB)",
    note: `Each pipeline is two connections and a bulk sync that depends on both (3N resources). The floor is the same graph of no-op dynamic resources, measured in the same run. The emulator answers at once and fills schema caches at once, so the difference is this provider's own cost. The Polytomic graph is built from the package packed by \`npm pack\` and installed under node_modules in a project of its own, as users get it (Pulumi stores each resource's provider as a \`require\` of the package then). Times are medians of ${repeatNote(sizes)}, the graphs interleaved; RSS and state size are the largest seen.`,
    header: LIFECYCLE_HEADER,
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

/** Every graph at one N measured without the engine's intermediate checkpoints. */
export interface CheckpointDiagnostic {
  readonly n: number;
  readonly floor: LifecycleMeasurement;
  readonly ours: LifecycleMeasurement;
  readonly nativeFloor: LifecycleMeasurement;
  readonly native: LifecycleMeasurement;
}

/** The diagnostic's times and ratios next to each other. */
export function checkpointTable({ n, floor, ours, nativeFloor, native }: CheckpointDiagnostic): ReportTable {
  return {
    title: `Diagnostic: N = ${n} without intermediate checkpoints`,
    note: "`PULUMI_SKIP_CHECKPOINTS=true` makes the engine write the state once at the end instead of after every step (unsafe for real use: a crash loses the record of what was created). The engine's file backend rewrites the whole state after every step, so a graph whose state is larger pays more per step; this run shows how much of the ratio above that accounts for.",
    header: ["graph", ...PHASES, "state after up (KiB)"],
    rows: [
      ["engine floor", ...PHASES.map((p) => s(floor[p])), (floor.stateBytes / 1024).toFixed(0)],
      ["Polytomic", ...PHASES.map((p) => s(ours[p])), (ours.stateBytes / 1024).toFixed(0)],
      ["ratio", ...PHASES.map((p) => ratio(ours[p], floor[p])), ratio(ours.stateBytes, floor.stateBytes)],
      ["native floor", ...PHASES.map((p) => s(nativeFloor[p])), (nativeFloor.stateBytes / 1024).toFixed(0)],
      ["Polytomic plugin", ...PHASES.map((p) => s(native[p])), (native.stateBytes / 1024).toFixed(0)],
    ],
  };
}

/** The dynamic floor and both native graphs at every N. */
export function nativeLifecycleTable(sizes: readonly SizeResult[]): ReportTable {
  return {
    title: "Native front end: lifecycle wall time (seconds) and plugin peak RSS (MiB)",
    note: `The same graph by type token through the provider plugin \`pulumi-resource-polytomic\` of the installed package, and the native floor: the same graph of no-op resources of a plugin of the bench's own (bench/noopPlugin.ts, answering every RPC with no work), both loaded through the project's \`plugins.providers\` from launchers the bench writes. The dynamic floor is the row of the same name above, repeated for comparison. RSS is the plugin process's (the dynamic floor's: its dynamic-provider host). Times are medians of ${repeatNote(sizes)}, interleaved with the graphs above.`,
    header: LIFECYCLE_HEADER,
    rows: sizes.flatMap(({ n, floor, native, nativeFloor }) => [
      lifecycleRow("engine floor (dynamic)", n, floor),
      lifecycleRow("native floor", n, nativeFloor.lifecycle),
      lifecycleRow("Polytomic plugin", n, native.lifecycle),
    ]),
  };
}

/** The native graph against the dynamic floor (target at N = 50) and against its own floor. */
export function nativeRatioTable(sizes: readonly SizeResult[]): ReportTable {
  return {
    title: "Native front end: time over the floors (ratio)",
    note: "Target: the plugin's `up` at N = 50 at most 0.8 times the dynamic floor's `up` measured in the same run. The native floor over the dynamic floor is what the engine saves by itself when resources are native; the plugin over the native floor is what the Polytomic plugin costs beyond the engine.",
    header: [
      "N",
      "plugin up / dynamic floor up",
      "target met",
      "native floor up / dynamic floor up",
      ...PHASES.map((p) => `plugin / native floor: ${p}`),
    ],
    rows: sizes.map(({ n, floor, native, nativeFloor }) => [
      String(n),
      ratio(native.lifecycle.up, floor.up),
      n === 50 ? (native.lifecycle.up / floor.up <= 0.8 ? "yes" : "NO") : "(target is for N = 50)",
      ratio(nativeFloor.lifecycle.up, floor.up),
      ...PHASES.map((p) => ratio(native.lifecycle[p], nativeFloor.lifecycle[p])),
    ]),
  };
}

const routeList = (tally: CallTally) =>
  Object.entries(tally)
    .map(([key, count]) => `${key} ×${count}`)
    .join("<br>") || "none";

/** Refresh and unchanged preview calls of the plugin graph at every N, against their targets. */
export function nativeCallTable(sizes: readonly SizeResult[]): ReportTable {
  const rows = sizes.flatMap(({ n, native }) => {
    const refresh = native.calls?.refresh ?? {};
    const preview = native.calls?.preview ?? {};
    const gets = callsMatching(refresh, /^GET /);
    const refreshAll = callsMatching(refresh, /./);
    const previewAll = callsMatching(preview, /./);
    return [
      [
        String(n),
        "refresh",
        `at most ${3 * n} GETs, nothing else`,
        String(refreshAll),
        (gets / (3 * n)).toFixed(2),
        gets <= 3 * n && refreshAll === gets ? "yes" : "NO",
        routeList(refresh),
      ],
      [
        String(n),
        "preview (unchanged)",
        "0",
        String(previewAll),
        (previewAll / (3 * n)).toFixed(2),
        previewAll === 0 ? "yes" : "NO",
        routeList(preview),
      ],
    ];
  });
  return {
    title: "Native front end: API calls of refresh and of an unchanged preview",
    note: "Targets: a refresh makes at most one GET per resource (3N: 2N connections, N bulk syncs); an unchanged preview makes no call at all. Overlapping reads of connections and of bulk syncs are answered by one list call each (provider/internal/listedReads.ts); each bulk sync's schema selection is a GET of its own, which no list carries. From the emulator's request log; keys are method, route and status.",
    header: [
      "N",
      "phase",
      "target",
      "calls",
      "per resource",
      "met",
      "routes (method, route, status × count)",
    ],
    rows,
  };
}

/** One graph's `up` timeline as a row. */
function timeRow(graph: string, n: number, t: UpTimeline, checkpoints: number | undefined): string[] {
  const rpc = (method: string) => {
    const r = t.rpcs[method];
    return r ? `${s(r.busy)} (${r.count})` : "-";
  };
  return [
    graph,
    String(n),
    s(t.total),
    s(t.programStart),
    s(t.pluginStart),
    s(t.pluginListening),
    s(t.firstRpc),
    rpc("check"),
    rpc("diff"),
    rpc("create"),
    s(t.anyRpcBusy),
    s(t.lastRpcEnd),
    s(t.total - t.lastRpcEnd),
    checkpoints === undefined ? "-" : s(checkpoints),
  ];
}

/** Where the time of `up` goes for both native graphs. */
export function nativeTimeTable(
  sizes: readonly SizeResult[],
  withoutCheckpoints: CheckpointDiagnostic | undefined,
): ReportTable {
  const saved = (n: number, graph: "native" | "nativeFloor", up: number) =>
    withoutCheckpoints?.n === n ? up - withoutCheckpoints[graph].up : undefined;
  return {
    title: "Native front end: where the time of `up` goes (seconds)",
    note: "Times after the `pulumi up` command started, of the run whose `up` was the median. *Program starts*: the inline program is called (the CLI, the engine and the language host are up). *Plugin starts* and *listens*: the plugin process's start (Node's time origin) and its gRPC server bound. *First RPC*: the engine's first call to the plugin. For check, diff and create: the wall time during which at least one such call was in the plugin (how many calls in brackets), timed inside the plugin by a wrapper its launcher loads (bench/rpcTimes.ts), so the engine's own gRPC, queueing and step bookkeeping are outside them. *All RPCs*: wall time with any call in the plugin. *After the last RPC*: the engine's end of the update (final checkpoint, outputs, shutdown) and the CLI's exit. *Checkpoints*: `up` minus `up` of the same graph with `PULUMI_SKIP_CHECKPOINTS=true` (one run, largest N only), the time the engine spends rewriting the state after each step.",
    header: [
      "graph",
      "N",
      "up",
      "program starts",
      "plugin starts",
      "plugin listens",
      "first RPC",
      "check",
      "diff",
      "create",
      "all RPCs",
      "last RPC ends",
      "after the last RPC",
      "checkpoints",
    ],
    rows: sizes.flatMap(({ n, native, nativeFloor }) => [
      timeRow("native floor", n, nativeFloor.up, saved(n, "nativeFloor", nativeFloor.lifecycle.up)),
      timeRow("Polytomic plugin", n, native.up, saved(n, "native", native.lifecycle.up)),
    ]),
  };
}
