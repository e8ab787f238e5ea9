/**
 * A counting semaphore: at most `capacity` tasks run at once, the rest wait in arrival order.
 * Holds no timers or handles, so it can sit on per-process state shared by every provider.
 */

interface Waiter {
  readonly start: () => void;
  readonly cancel: (reason: unknown) => void;
}

/** Limits concurrent work; {@link Semaphore.run} is the only way in. */
export class Semaphore {
  /** Most tasks allowed to run at once. */
  readonly capacity: number;
  private active = 0;
  private readonly waiting: Waiter[] = [];

  /** @param capacity - most tasks allowed to run at once (at least 1). */
  constructor(capacity: number) {
    this.capacity = Math.max(1, Math.floor(capacity));
  }

  /** Tasks running now. */
  get running(): number {
    return this.active;
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Runs `work` once a slot is free.
   * @param signal - gives up waiting (rejecting with the signal's reason) when it aborts; running work is not interrupted.
   */
  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.active < this.capacity) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => waiter.cancel(signal?.reason);
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        cancel: (reason) => {
          const index = this.waiting.indexOf(waiter);
          if (index >= 0) this.waiting.splice(index, 1);
          reject(reason);
        },
      };
      this.waiting.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next waiter, so a newcomer cannot overtake the queue.
    if (next) next.start();
    else this.active--;
  }
}
