/**
 * The floor graph: for each of N pipelines, two no-op "connections" and a no-op "bulk sync" that
 * depends on both, the same shape (resources and edges) as the Polytomic graph the benchmark measures.
 */
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { NoOp } from "./noop";

/** A program of `n` no-op pipelines. */
export function floorProgram(n: number): PulumiFn {
  return async () => {
    for (let i = 0; i < n; i++) {
      const source = new NoOp(`source-${i}`, { key: `source-${i}` });
      const destination = new NoOp(`destination-${i}`, { key: `destination-${i}` });
      new NoOp(`sync-${i}`, { key: `sync-${i}`, dependsOn: [source.key, destination.key] });
    }
    return {};
  };
}
