/**
 * Fault injection: the infrastructure in front of the API (load balancer, rate limiter) misbehaving.
 * A faulted request is answered before authentication, idempotency and the handlers, so it is neither
 * processed nor recorded, except `drop-after`, which processes and commits the request and then
 * loses the response (the case idempotency keys exist for), and `slow`, which admits the request
 * (authentication, idempotency bookkeeping) and then delays its processing, so a retry with the same
 * key meets it in flight.
 *
 * Spec grammar (CLI `--faults`), rules separated by `;`:
 *   `<route>:<fault>[:p=<probability>][:n=<count>]`
 *   route: `*` or `<METHOD> <path prefix>` (e.g. `POST /api/connections`)
 *   fault: `latency=<min>-<max>` (ms) | `slow=<ms>` | `status=<code>[,retry-after=<s>]` | `drop` | `drop-after`
 * Example: `*:status=429,retry-after=1:p=0.2;POST /api/bulk/syncs:drop-after:n=1;*:latency=0-200`
 */

/** One fault and where and how often it applies. */
export interface FaultRule {
  /** `*` or `METHOD /path/prefix`. */
  readonly route: string;
  readonly fault:
    | { readonly kind: "latency"; readonly minMs: number; readonly maxMs: number }
    | { readonly kind: "slow"; readonly ms: number }
    | { readonly kind: "status"; readonly status: number; readonly retryAfterSeconds?: number }
    | { readonly kind: "drop" }
    | { readonly kind: "drop-after" };
  /** Chance per matching request, default 1. */
  readonly probability?: number;
  /** Apply to the next `count` matching requests only. */
  readonly count?: number;
}

/** What the server must do for one request. */
export interface FaultDecision {
  latencyMs: number;
  /** Delay after admission, before the handler. */
  processingMs: number;
  status?: { status: number; retryAfterSeconds?: number };
  drop: boolean;
  dropAfter: boolean;
}

/** Parses the CLI grammar above. */
export function parseFaultSpec(spec: string): FaultRule[] {
  return spec
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((text) => {
      const parts = text.split(":");
      const [route, fault, ...options] = parts;
      if (!route || !fault) throw new Error(`fault rule "${text}": expected <route>:<fault>`);
      const [kind, value = ""] = fault.split("=", 2);
      let parsed: FaultRule["fault"];
      if (kind === "latency") {
        const [min = "0", max = min] = value.split("-");
        parsed = { kind: "latency", minMs: Number(min), maxMs: Number(max) };
      } else if (kind === "slow") {
        parsed = { kind: "slow", ms: Number(value) };
      } else if (kind === "status") {
        const [code, retry] = fault.slice("status=".length).split(",retry-after=");
        parsed = {
          kind: "status",
          status: Number(code),
          ...(retry ? { retryAfterSeconds: Number(retry) } : {}),
        };
      } else if (kind === "drop" || kind === "drop-after") {
        parsed = { kind };
      } else {
        throw new Error(`fault rule "${text}": unknown fault "${kind}"`);
      }
      const option = (name: string) => options.find((o) => o.startsWith(`${name}=`))?.slice(name.length + 1);
      const p = option("p");
      const n = option("n");
      return {
        route,
        fault: parsed,
        ...(p ? { probability: Number(p) } : {}),
        ...(n ? { count: Number(n) } : {}),
      };
    });
}

/**
 * mulberry32, Tommy Ettinger's public-domain 32-bit PRNG (the one in bryc's "PRNGs in JavaScript"
 * collection): floats in [0, 1) fully determined by `seed`, so a test that prints its seed can be
 * replayed. Not for anything that needs unpredictability.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many times each kind of fault was injected, for tests and benchmarks to prove faults happened. */
export type FaultTally = Record<FaultRule["fault"]["kind"], number>;

/** Seed of a {@link FaultController} built without one. */
export const DEFAULT_FAULT_SEED = 42;

/**
 * The live set of rules. Every random choice (whether a rule with a probability applies, the length of
 * a latency) is drawn from one mulberry32 stream seeded with `seed`, in the order requests reach
 * {@link decide}: the same seed gives the same sequence of draws, and, when requests arrive in the same
 * order, the same faults on the same requests.
 */
export class FaultController {
  private rules: { rule: FaultRule; remaining: number }[] = [];
  private readonly random: () => number;
  /** The seed of the random choices, to print so that a run can be replayed. */
  readonly seed: number;
  /** Injections so far, by kind (a status fault counts once per request it answered). */
  readonly injected: FaultTally = { latency: 0, slow: 0, status: 0, drop: 0, "drop-after": 0 };

  constructor(rules: readonly FaultRule[] = [], seed = DEFAULT_FAULT_SEED) {
    if (!Number.isSafeInteger(seed)) throw new Error(`fault seed must be an integer, got ${seed}`);
    this.seed = seed;
    this.random = mulberry32(seed);
    for (const rule of rules) this.add(rule);
  }

  /** Adds a rule. */
  add(rule: FaultRule): void {
    this.rules.push({ rule, remaining: rule.count ?? Number.POSITIVE_INFINITY });
  }

  /** Applies `fault` to the next `count` requests on `route`. */
  failNext(route: string, fault: FaultRule["fault"], count = 1): void {
    this.add({ route, fault, count });
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** Decides the faults of one request. */
  decide(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0, processingMs: 0, drop: false, dropAfter: false };
    for (const entry of this.rules) {
      if (entry.remaining <= 0 || !matches(entry.rule.route, method, path)) continue;
      if (this.random() >= (entry.rule.probability ?? 1)) continue;
      entry.remaining--;
      const { fault } = entry.rule;
      if (fault.kind !== "status" || !decision.status) this.injected[fault.kind]++;
      if (fault.kind === "latency")
        decision.latencyMs += fault.minMs + this.random() * (fault.maxMs - fault.minMs);
      else if (fault.kind === "slow") decision.processingMs += fault.ms;
      else if (fault.kind === "status") decision.status ??= fault;
      else if (fault.kind === "drop") decision.drop = true;
      else decision.dropAfter = true;
    }
    return decision;
  }
}

function matches(route: string, method: string, path: string): boolean {
  if (route === "*") return true;
  const [m, prefix = ""] = route.split(" ", 2);
  return m === method && path.startsWith(prefix);
}
