/**
 * Outcomes of finished handlers wait here until the worker's next round trip, which writes all
 * of them at once: one script call per queue and kind, however many jobs finished meanwhile.
 */
import type { ChainableCommander } from 'ioredis';
import type { QueueKeys } from '../keys';
import { runScript, type ScriptName } from '../scripts';
import type { RunningJob } from './running-job';

export type Outcome =
  | { kind: 'complete'; job: RunningJob; result: string; value: unknown }
  | { kind: 'fail'; job: RunningJob; error: string; cause: unknown }
  | { kind: 'retry'; job: RunningJob; delay: number; error: string; cause: unknown };

export interface RetentionDefaults {
  resultTtl: number;
  failureTtl: number;
}

/** One queued script call and the outcomes it carries, to match its reply. */
export interface ReportCall {
  script: ScriptName;
  outcomes: Outcome[];
}

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

/** Queues the script calls that write `outcomes` (all of one queue) on `pipe`. */
export function queueReports(
  pipe: ChainableCommander,
  keys: QueueKeys,
  outcomes: Outcome[],
  defaults: RetentionDefaults,
): ReportCall[] {
  const complete: Outcome[] = [];
  const fail: Outcome[] = [];
  const retry: Outcome[] = [];
  const completeArgs: (string | number)[] = [keys.jobPrefix, defaults.resultTtl];
  const failArgs: (string | number)[] = [keys.jobPrefix, defaults.failureTtl];
  const retryArgs: (string | number)[] = [keys.jobPrefix];
  for (const o of outcomes) {
    if (o.kind === 'complete') {
      complete.push(o);
      completeArgs.push(o.job.id, o.job.token, o.result);
    } else if (o.kind === 'fail') {
      fail.push(o);
      failArgs.push(o.job.id, o.job.token, o.error);
    } else {
      retry.push(o);
      retryArgs.push(o.job.id, o.job.token, o.delay, o.error);
    }
  }
  const calls: ReportCall[] = [];
  if (complete.length) calls.push({ script: 'complete', outcomes: complete });
  if (fail.length) calls.push({ script: 'fail', outcomes: fail });
  if (retry.length) calls.push({ script: 'retry', outcomes: retry });
  for (const call of calls) {
    const args = call.script === 'complete' ? completeArgs : call.script === 'fail' ? failArgs : retryArgs;
    runScript(pipe, call.script, keys, args);
  }
  return calls;
}
