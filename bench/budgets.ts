/**
 * Call budgets for N pipelines (2N connections and N bulk syncs): what each phase may cost in API calls.
 * - An unchanged preview makes no mutating call.
 * - A refresh makes at most one GET per resource: overlapping reads of connections and of bulk syncs
 *   share one list call each, and each bulk sync's schemas are one GET.
 * - A create is one POST per resource and one GET of the object it was answered with (a replay of a
 *   deleted object is sent again), plus the GETs of the source's schema status a bulk sync polls until
 *   the cache is filled (GETs reported, not budgeted: the polls depend on how long caching takes).
 */
import { type CallTally, callsMatching, MUTATING, type PhaseCalls } from "./calls";

/** One budget, its limit and what was measured. */
export interface BudgetCheck {
  readonly budget: string;
  readonly allowed: number;
  readonly measured: number;
  readonly met: boolean;
}

const check = (budget: string, allowed: number, measured: number): BudgetCheck => ({
  budget,
  allowed,
  measured,
  met: measured <= allowed,
});

/** Checks the budgets of `calls`, measured for `n` pipelines. */
export function checkBudgets(n: number, calls: PhaseCalls): BudgetCheck[] {
  const up: CallTally | undefined = calls.up;
  return [
    check("unchanged preview: mutating calls", 0, callsMatching(calls.preview, MUTATING)),
    check("refresh: GETs (at most one per resource)", 3 * n, callsMatching(calls.refresh, /^GET /)),
    check("refresh: mutating calls", 0, callsMatching(calls.refresh, MUTATING)),
    check("up: POSTs (one per resource)", 3 * n, callsMatching(up, /^POST /)),
    check("up: PUTs, PATCHes and DELETEs", 0, callsMatching(up, /^(PUT|PATCH|DELETE) /)),
    check("destroy: DELETEs (one per resource)", 3 * n, callsMatching(calls.destroy, /^DELETE /)),
  ];
}
