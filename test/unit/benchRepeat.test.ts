/** The bench's medians over repeated runs (bench/repeat.ts). */
import { describe, expect, it } from "vitest";
import type { LifecycleMeasurement } from "../../bench/measure";
import { median, medianLifecycle, repeatsFor } from "../../bench/repeat";

const run = (up: number, rss: number, changes: Record<string, number> = {}): LifecycleMeasurement => ({
  up,
  preview: up / 2,
  refresh: 1,
  destroy: up / 3,
  providerPeakRssMiB: rss,
  stateBytes: rss * 10,
  previewChanges: changes,
});

describe("bench medians", () => {
  it("takes the middle value, or the mean of the middle two", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  it("reports median times, the worst memory and state, and any planned change", () => {
    const m = medianLifecycle([run(3.9, 150), run(2.6, 170), run(3.1, 160, { update: 2 })]);
    expect(m).toMatchObject({
      up: 3.1,
      preview: 1.55,
      refresh: 1,
      providerPeakRssMiB: 170,
      stateBytes: 1700,
    });
    expect(m.previewChanges).toEqual({ update: 2 });
  });

  it("repeats small sizes by default", () => {
    const saved = process.env.BENCH_REPEATS;
    delete process.env.BENCH_REPEATS;
    try {
      expect([repeatsFor(10), repeatsFor(50), repeatsFor(200)]).toEqual([3, 3, 1]);
      process.env.BENCH_REPEATS = "5";
      expect(repeatsFor(200)).toBe(5);
    } finally {
      if (saved === undefined) delete process.env.BENCH_REPEATS;
      else process.env.BENCH_REPEATS = saved;
    }
  });
});
