/**
 * Two small schedulers: at most N stack operations at once across tenants, and one at a time per
 * tenant (a stack cannot run two updates at once; the second would fail on the stack lock).
 */

/** Runs tasks with at most `limit` in flight; reports the peak for monitoring. */
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** The most tasks that ran at once. */
  peak = 0;

  constructor(private readonly limit: number) {}

  /** Runs `task` when a slot is free; `onQueued` is called if it has to wait. */
  async run<T>(task: () => Promise<T>, onQueued: () => void = () => {}): Promise<T> {
    if (this.running >= this.limit) {
      onQueued();
      // A finishing task hands its slot straight to us, so a newcomer cannot take it in between.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    this.peak = Math.max(this.peak, this.running);
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** Serializes tasks per key. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every earlier task of `key`. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
