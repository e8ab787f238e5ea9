/**
 * API calls by phase, from the emulator's request log: how many requests each route got, so the report
 * can show calls per resource by kind and check the call budgets.
 */
import type { Emulator } from "../emulator";
import type { Phase, PhaseHooks } from "./measure";

/** Requests of one phase, keyed `METHOD /route/:pattern status`. */
export type CallTally = Readonly<Record<string, number>>;

/** Tallies of every phase. */
export type PhaseCalls = Partial<Record<Phase, CallTally>>;

/** Hooks for {@link measureLifecycle} that tally each phase's requests into `into`. */
export function tallyCalls(emulator: Emulator, into: PhaseCalls): PhaseHooks {
  return {
    before: () => emulator.clearRequestLog(),
    after: (phase) => {
      const tally: Record<string, number> = {};
      for (const entry of emulator.requestLog) {
        const key = `${entry.method} ${entry.route || entry.path} ${entry.status}`;
        tally[key] = (tally[key] ?? 0) + 1;
      }
      into[phase] = tally;
    },
  };
}

/** Sum of the tally's entries whose key matches `pattern`. */
export function callsMatching(tally: CallTally | undefined, pattern: RegExp): number {
  return Object.entries(tally ?? {}).reduce((sum, [key, count]) => sum + (pattern.test(key) ? count : 0), 0);
}

/** Requests that change something: POST, PUT, PATCH and DELETE. */
export const MUTATING = /^(POST|PUT|PATCH|DELETE) /;
