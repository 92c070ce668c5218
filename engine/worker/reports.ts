/**
 * Outcomes of finished handlers wait here until the worker's next round trip, which writes all
 * of them at once: one script call per queue, however many jobs finished meanwhile.
 */
import type { RunningJob } from './running-job';

export type Outcome =
  | { kind: 'complete'; job: RunningJob; result: string; value: unknown }
  | { kind: 'fail'; job: RunningJob; error: string; cause: unknown }
  | { kind: 'retry'; job: RunningJob; delay: number; error: string; cause: unknown };

export class ReportBuffer {
  private byQueue = new Map<string, Outcome[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(outcome: Outcome): void {
    const list = this.byQueue.get(outcome.job.queue);
    if (list) list.push(outcome);
    else this.byQueue.set(outcome.job.queue, [outcome]);
    this.count++;
  }

  take(): Map<string, Outcome[]> {
    const taken = this.byQueue;
    this.byQueue = new Map();
    this.count = 0;
    return taken;
  }

  /** Puts outcomes back after a failed round trip so they are written on the next one. */
  restore(taken: Map<string, Outcome[]>): void {
    for (const list of taken.values()) for (const o of list) this.add(o);
  }
}
