/**
 * A counting semaphore: at most `capacity` tasks run at once, the rest wait in arrival order.
 * Holds no timers or handles, so it can sit on per-process state shared by every provider.
 */

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  onAbort?: () => void;
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
    // Written without forward references inside closures: Pulumi's closure serializer rejects them
    // if a provider ever captures this module by value.
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      this.waiting.push(waiter);
      if (signal) {
        waiter.onAbort = () => this.cancel(waiter);
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
    });
  }

  private cancel(waiter: Waiter): void {
    const index = this.waiting.indexOf(waiter);
    if (index >= 0) this.waiting.splice(index, 1);
    waiter.reject(waiter.signal?.reason);
  }

  private release(): void {
    const next = this.waiting.shift();
    if (!next) {
      this.active--;
      return;
    }
    // The slot passes straight to the next waiter, so a newcomer cannot overtake the queue.
    if (next.onAbort) next.signal?.removeEventListener("abort", next.onAbort);
    next.resolve();
  }
}
