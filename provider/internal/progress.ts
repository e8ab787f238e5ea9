/**
 * Progress of a long wait (a schema cache filling, an OAuth authorization), shown on the waiting
 * resource's row by `pulumi up`: without it a wait of minutes says nothing until it ends or times out.
 */
import { info } from "./diagnostics";

/** How often a wait that is still on the same step says so again. */
const REPEAT_MS = 30_000;

/** Says what a wait is waiting for: each new step at once, the same step again every 30 s. */
export class WaitProgress {
  private step?: string;
  private saidAt = 0;
  private readonly started = Date.now();

  /**
   * @param urn - the URN of the waiting resource.
   * @param label - how messages start, e.g. `SchemaReady "crm-schemas"`.
   * @param deadline - when the wait gives up (epoch ms), for the time left.
   */
  constructor(
    private readonly urn: string,
    private readonly label: string,
    private readonly deadline: number,
  ) {}

  /**
   * Notes that the wait is (still) at `step`, e.g. `the schema cache of connection abc is "refreshing"`.
   * Never throws and never waits for delivery: progress must not slow the wait down.
   */
  note(step: string): void {
    const now = Date.now();
    const repeated = step === this.step;
    if (repeated && now - this.saidAt < REPEAT_MS) return;
    this.step = step;
    this.saidAt = now;
    const waited = Math.round((now - this.started) / 1000);
    const left = Math.max(0, Math.round((this.deadline - now) / 1000));
    const timing = repeated ? `still waiting after ${waited}s, ${left}s left` : `waiting up to ${left}s`;
    void info(this.urn, `${this.label}: ${step}; ${timing}`, repeated);
  }
}
