/**
 * The concurrency limit itself: capacity, first-come order, failures release their slot, and a
 * waiter whose signal aborts leaves the queue.
 */
import { describe, expect, it } from "vitest";
import { Semaphore } from "../../../provider/client/semaphore";

/** A promise with its resolve exposed. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("Semaphore", () => {
  it("runs at most `capacity` tasks, then the waiters in arrival order", async () => {
    const limit = new Semaphore(2);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      limit.run(async () => {
        started.push(i);
        await g.promise;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect([limit.running, limit.queued]).toEqual([2, 2]);
    gates[1]?.open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect([limit.running, limit.queued]).toEqual([0, 0]);
  });

  it("releases the slot when the task fails", async () => {
    const limit = new Semaphore(1);
    await expect(limit.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(limit.run(async () => "next")).resolves.toBe("next");
  });

  it("drops a waiter whose signal aborts, and refuses an already aborted one", async () => {
    const limit = new Semaphore(1);
    const hold = gate();
    const first = limit.run(() => hold.promise);
    const controller = new AbortController();
    let ran = false;
    const waiting = limit.run(async () => {
      ran = true;
    }, controller.signal);
    await tick();
    expect(limit.queued).toBe(1);
    controller.abort(new Error("gave up"));
    await expect(waiting).rejects.toThrow("gave up");
    expect(limit.queued).toBe(0);
    await expect(limit.run(async () => 1, controller.signal)).rejects.toThrow("gave up");
    hold.open();
    await first;
    expect(ran).toBe(false);
    expect(limit.running).toBe(0);
  });

  it("has a capacity of at least one", () => {
    expect(new Semaphore(0).capacity).toBe(1);
    expect(new Semaphore(3.7).capacity).toBe(3);
  });
});
