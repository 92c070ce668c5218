/**
 * Measurement process: the probe of the schedule scenario, beside a running schedule worker.
 * With BUSY it first fills every slot of the worker with a hold job. Then it schedules
 * SCHED_JOBS jobs with `enqueueAt`, due times spread evenly over SCHED_SECONDS, reads each job's
 * due time as the engine stored it, waits until none is scheduled any more, and reads when each
 * became queued. Lag = enqueuedAt - dueAt: the enqueue script writes `due` and the promotion
 * writes `enqueued`, both from Redis TIME, so both sides are on the server's clock.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from '../../engine/index';
import { ownPackageVersion } from '../lib/package-version';
import { median } from '../lib/stats';
import { childSettings, emit, runMeasurement, type ChildSettings } from './common';
import { latencySummary } from './latency-summary';
import type { HoldData } from './schedule-worker';

/** From the scheduling calls to the first due time: room to schedule and read every job first. */
const LEAD_MS = 1000;
/**
 * How long the holds outlast the last due time. A job promoted later than this would find a
 * free slot, so the probe then stops waiting and counts it as not promoted (lag at least that).
 */
const HOLD_SLACK_MS = 3000;
const POLL_MS = 50;

interface Scheduled {
  id: string;
  /** the time asked for (client clock) */
  at: number;
  /** the due time the engine stored (server clock) */
  due: number;
}

/** Enqueues one hold job per slot and waits until the worker has started them all. */
async function fillSlots(queue: Queue, slots: number, until: number): Promise<void> {
  const data: HoldData = { until };
  await queue.enqueueMany(Array.from({ length: slots }, () => ({ task: 'hold', data })));
  while ((await queue.getCounts()).started < slots) {
    if (Date.now() >= until) throw new Error(`the worker did not start ${slots} hold jobs`);
    await sleep(10);
  }
}

/** Schedules the jobs (all calls in flight at once) and reads the due time each got. */
async function scheduleJobs(queue: Queue, s: ChildSettings, firstDue: number): Promise<Scheduled[]> {
  const step = (s.SCHED_SECONDS * 1000) / s.SCHED_JOBS;
  const asked = Array.from({ length: s.SCHED_JOBS }, (_, i) => firstDue + Math.round(i * step));
  const results = await Promise.all(asked.map((at, i) => queue.enqueueAt(at, 'noop', { i })));
  const stored = new Map((await queue.getJobSummaries(results.map((r) => r.id))).map((j) => [j.id, j]));
  return results.map(({ id }, i) => {
    const job = stored.get(id);
    // Promotion deletes `due`: a job promoted before this read has no due time to measure from.
    if (job?.state !== 'scheduled' || job.dueAt === undefined) throw new Error(`job ${id} was ${job?.state ?? 'gone'} before its due time was read: scheduling took longer than ${LEAD_MS} ms`);
    return { id, at: asked[i], due: job.dueAt };
  });
}

/** Waits until no job is scheduled, or until `deadline` (epoch ms). */
async function waitPromoted(queue: Queue, deadline: number): Promise<void> {
  while ((await queue.getCounts()).scheduled > 0 && Date.now() < deadline) await sleep(POLL_MS);
}

/**
 * Lag per job. A job still scheduled counts with the lag it has reached so far (now on this
 * process's clock, which is the server's: one machine).
 */
async function readLags(queue: Queue, jobs: Scheduled[], busy: boolean): Promise<{ lags: number[]; unpromoted: number }> {
  const now = Date.now();
  const stored = new Map((await queue.getJobSummaries(jobs.map((j) => j.id))).map((j) => [j.id, j]));
  let unpromoted = 0;
  const lags = jobs.map((j) => {
    const job = stored.get(j.id);
    if (job?.state === 'scheduled') {
      unpromoted++;
      return now - j.due;
    }
    if (job?.enqueuedAt === undefined) throw new Error(`job ${j.id}: ${job ? `${job.state} without an enqueued time` : 'gone'}`);
    // Busy slots must have stayed busy: a claimed job means a claim could have promoted it.
    if (busy && job.state !== 'queued') throw new Error(`job ${j.id} was ${job.state} while every slot should have been busy`);
    return job.enqueuedAt - j.due;
  });
  return { lags, unpromoted };
}

runMeasurement(async () => {
  const s = childSettings();
  const queue = new Queue(s.QUEUE, { connection: s.REDIS_URL });
  const holdUntil = Date.now() + LEAD_MS + s.SCHED_SECONDS * 1000 + HOLD_SLACK_MS;
  if (s.BUSY) await fillSlots(queue, s.CONCURRENCY, holdUntil);
  const jobs = await scheduleJobs(queue, s, Date.now() + LEAD_MS);
  // Read before the holds end, so that every lag measured is the promotion tick's.
  await waitPromoted(queue, holdUntil - 200);
  const { lags, unpromoted } = await readLags(queue, jobs, s.BUSY);
  await queue.close();
  emit({
    kind: 'schedule',
    system: 'conveyor',
    version: ownPackageVersion('conveyor', import.meta.url),
    concurrency: s.CONCURRENCY,
    busy: s.BUSY,
    jobs: s.SCHED_JOBS,
    seconds: s.SCHED_SECONDS,
    ...latencySummary(lags),
    min_ms: Math.min(...lags),
    unpromoted,
    // stored due time minus the time asked: the two clocks' offset plus one trip to Redis
    due_skew_ms: median(jobs.map((j) => j.due - j.at)),
  });
});
