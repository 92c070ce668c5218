/**
 * One call of the `cycle` script for one queue: the outcomes to write and how many jobs to claim,
 * and the reply read back into lost reports and newly leased jobs.
 */
import type { BackoffSpec } from '../backoff';
import type { QueueKeys } from '../keys';
import { CLAIM_FIELDS } from '../scripts';
import type { Outcome } from './reports';
import { RunningJob } from './running-job';

export const PROMOTE_PER_CLAIM = 100;

export interface CycleParams {
  workerName: string;
  leaseMs: number;
  resultTtl: number;
  failureTtl: number;
}

export interface CycleCall {
  queue: string;
  outcomes: Outcome[];
  /** jobs to claim (0: only write outcomes) */
  want: number;
}

export interface CycleResult {
  nextDue: number;
  remaining: number;
  serverNow: number;
  lost: Set<string>;
  jobs: RunningJob[];
}

export function cycleArgs(keys: QueueKeys, p: CycleParams, call: CycleCall): (string | number)[] {
  const args: (string | number)[] = [keys.jobPrefix, p.resultTtl, p.failureTtl, p.workerName, p.leaseMs, call.want, PROMOTE_PER_CLAIM];
  for (const o of call.outcomes) {
    if (o.kind === 'complete') args.push('c', o.job.id, o.job.token, o.result, '');
    else if (o.kind === 'fail') args.push('f', o.job.id, o.job.token, o.error, '');
    else args.push('r', o.job.id, o.job.token, o.error, o.delay);
  }
  return args;
}

export function readCycle(queue: string, reply: (string | number | null)[]): CycleResult {
  const lostCount = Number(reply[3]);
  const lost = new Set<string>();
  for (let i = 4; i < 4 + lostCount; i++) lost.add(String(reply[i]));
  const jobs: RunningJob[] = [];
  for (let i = 4 + lostCount; i < reply.length; i += CLAIM_FIELDS.length) jobs.push(toRunningJob(queue, reply, i));
  return { nextDue: Number(reply[0]), remaining: Number(reply[1]), serverNow: Number(reply[2]), lost, jobs };
}

function toRunningJob(queue: string, r: (string | number | null)[], i: number): RunningJob {
  const timeout = r[i + 5] ? Number(r[i + 5]) : 0;
  const maxAttempts = r[i + 6] ? Number(r[i + 6]) : 1;
  const backoff = r[i + 7] ? (JSON.parse(String(r[i + 7])) as BackoffSpec) : undefined;
  return new RunningJob(queue, String(r[i]), String(r[i + 1]), Number(r[i + 2]), String(r[i + 3]), String(r[i + 4]), timeout, maxAttempts, backoff);
}

const MAX_IDLE_BLOCK_MS = 5000;

/**
 * How long an idle worker blocks for a wake-up: until the earliest scheduled job of its queues
 * is due (server clock ms, -1 for none), never longer than 5 s nor shorter than 10 ms. In s.
 */
export function idleBlockSeconds(nextDue: Iterable<number>, serverNow: number): number {
  let wait = MAX_IDLE_BLOCK_MS;
  for (const due of nextDue) if (due >= 0) wait = Math.min(wait, due - serverNow);
  return Math.max(10, wait) / 1000;
}
