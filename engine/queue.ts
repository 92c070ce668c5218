/**
 * Queue: the producer's handle on one queue, and the operator's verbs on it.
 */
import { randomUUID } from 'node:crypto';
import { JobNotFoundError, InvalidStateError, ValidationError } from './errors';
import { linkCrossQueueParents } from './dependencies';
import { QueueBase, unwrap } from './queue-base';
import { encodeJob, validateTaskName, type EncodedJob, type JobOptions } from './options';
import { toJson } from './payload';
import { cancelChannel, queuesKey, type JobState } from './keys';
import { DEFAULT_CANCELED_TTL_MS, runScript } from './scripts';
import { readEvents, waitUntilFinished, type QueueEvent } from './events';
import type { JobRecord } from './job';

export { QueueBase, MAX_PAGE_SIZE, readQueueSummary, unwrap } from './queue-base';
export type { QueueOptions, Page } from './queue-base';

export interface EnqueueResult {
  /** the new job's id; for a duplicate, the id of the job that already exists (or holds the unique key) */
  id: string;
  /** 'duplicate' when the id or unique key was taken; nothing was changed then */
  status: 'created' | 'duplicate';
}

export interface JobSpec {
  task: string;
  data: unknown;
  options?: JobOptions;
}

export type RequeueState = 'failed' | 'finished' | 'canceled';

/**
 * Jobs per enqueue script call. Small chunks let Redis run one while the next is serialized; a
 * batch with dependencies keeps the large ones, so a missing parent refuses up to 1,000 jobs
 * together (the script checks every parent before it writes anything).
 */
const ENQUEUE_CHUNK = 200;
const ENQUEUE_CHUNK_WITH_DEPS = 1000;
/** Jobs moved per call of a bulk operator script. */
const BULK_CHUNK = 1000;
const MAX_REASON = 1000;
/** How often enqueues (re)write the queue's name into the discovery set. */
const QUEUE_LISTING_MS = 10_000;

export class Queue extends QueueBase {
  /** Adds one job. Throws ValidationError / PayloadError on bad input; nothing is written then. */
  async enqueue(task: string, data: unknown, options?: JobOptions): Promise<EnqueueResult> {
    const [result] = await this.enqueueMany([{ task, data, options }]);
    return result;
  }

  /** Adds a job that runs no earlier than `at` (a Date or epoch ms). */
  async enqueueAt(at: Date | number, task: string, data: unknown, options: JobOptions = {}): Promise<EnqueueResult> {
    const ms = at instanceof Date ? at.getTime() : at;
    if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new ValidationError('enqueueAt takes a valid Date or epoch milliseconds', 'at');
    return this.enqueue(task, data, { ...options, delay: Math.max(0, ms - Date.now()) });
  }

  /** Adds a job that runs no earlier than `ms` milliseconds from now. */
  async enqueueIn(ms: number, task: string, data: unknown, options: JobOptions = {}): Promise<EnqueueResult> {
    return this.enqueue(task, data, { ...options, delay: ms });
  }

  /** Adds many jobs in one round trip. Every job is checked before anything is written. */
  async enqueueMany(jobs: readonly JobSpec[]): Promise<EnqueueResult[]> {
    if (!Array.isArray(jobs)) throw new ValidationError('enqueueMany takes an array of jobs', 'jobs');
    if (jobs.length === 0) return [];
    const encoded = jobs.map((job, i) => this.encode(job, i, jobs.length > 1));
    const crossQueue = encoded.some((j) => j.deps.some((d) => d.queue !== this.name));
    if (crossQueue) await this.checkParentsExist(encoded);
    const flat = (await this.writeJobs(encoded)).flat() as (number | string)[];
    const results = encoded.map((_, i): EnqueueResult => ({ id: String(flat[2 * i + 1]), status: flat[2 * i] === 1 ? 'created' : 'duplicate' }));
    if (crossQueue) await linkCrossQueueParents(this, encoded.filter((_, i) => results[i].status === 'created'));
    return results;
  }

  /**
   * Runs the enqueue script per chunk, each sent as soon as it is built, so Redis runs one chunk
   * while the next is serialized (a pipeline would hold them all until the last). The queue's
   * name goes into the discovery set now and then (another slot, so not in the script): every
   * QUEUE_LISTING_MS, so a set that was deleted is written again soon.
   */
  private async writeJobs(encoded: readonly EncodedJob[]): Promise<unknown[]> {
    const list = Date.now() - this.listedAt >= QUEUE_LISTING_MS;
    const calls: Promise<unknown>[] = list ? [this.client.sadd(queuesKey(this.prefix), this.name)] : [];
    const chunk = encoded.some((j) => j.deps.length > 0) ? ENQUEUE_CHUNK_WITH_DEPS : ENQUEUE_CHUNK;
    for (let i = 0; i < encoded.length; i += chunk) {
      calls.push(runScript(this.client, 'enqueue', this.keys, this.enqueueArgs(encoded.slice(i, i + chunk))));
    }
    const settled = await Promise.allSettled(calls);
    const replies = unwrapEnqueue(settled.map((r): [Error | null, unknown] => (r.status === 'fulfilled' ? [null, r.value] : [r.reason as Error, null])));
    if (list) this.listedAt = Date.now();
    return list ? replies.slice(1) : replies;
  }

  private listedAt = -Infinity;

  private encode(job: JobSpec, index: number, many: boolean): EncodedJob {
    try {
      if (typeof job !== 'object' || job === null) throw new ValidationError('a job must be an object {task, data, options}');
      const task = validateTaskName(job.task);
      return encodeJob(randomUUID(), task, toJson(job.data), job.options, this.name);
    } catch (e) {
      if (many && e instanceof Error) e.message = `job #${index}: ${e.message}`;
      throw e;
    }
  }

  private enqueueArgs(jobs: readonly EncodedJob[]): (string | number)[] {
    const args: (string | number)[] = [this.keys.jobPrefix, DEFAULT_CANCELED_TTL_MS];
    for (const job of jobs) {
      if (isPlain(job)) {
        args.push(job.id, 'p', job.fields.length / 2, ...job.fields);
        continue;
      }
      args.push(job.id, job.atFront ? '1' : '0', job.delay, job.priority, job.uniqueKey, job.uniqueWindowMs, job.deps.length, job.fields.length / 2);
      for (const d of job.deps) args.push(d.queue, d.id, d.allowFailure ? '1' : '0');
      args.push(...job.fields);
    }
    return args;
  }

  /** Parents in other queues cannot be checked inside the enqueue script (another slot). */
  private async checkParentsExist(jobs: readonly EncodedJob[]): Promise<void> {
    for (const job of jobs) {
      for (const d of job.deps) {
        if (d.queue === this.name) continue;
        const parent = new QueueBase(d.queue, { connection: this.client, prefix: this.prefix });
        if (!(await parent.exists(d.id))) throw new JobNotFoundError(d.queue, d.id);
      }
    }
  }

  /** Runs a failed, finished or canceled job again with a fresh attempt budget. */
  async retryJob(id: string): Promise<void> {
    const reply = await runScript<number | string>(this.client, 'retryJob', this.keys, [this.keys.jobPrefix, id]);
    if (reply === -1) throw new JobNotFoundError(this.name, id);
    if (reply !== 1) throw new InvalidStateError(id, String(reply), 'retry');
  }

  /** Deletes a job and every key it owns; its waiting dependents are canceled. Returns its state. */
  async deleteJob(id: string): Promise<JobState> {
    const reply = await runScript<number | string>(this.client, 'deleteJob', this.keys, [this.keys.jobPrefix, id, DEFAULT_CANCELED_TTL_MS]);
    if (reply === -1) throw new JobNotFoundError(this.name, id);
    return reply as JobState;
  }

  /**
   * Cancels a job that has not ended; a running handler is aborted (its signal's reason is a
   * CanceledError). Returns the state it was in. Ended jobs: InvalidStateError.
   */
  async cancelJob(id: string, reason = 'canceled by an operator'): Promise<JobState> {
    if (typeof reason !== 'string' || reason.length > MAX_REASON) {
      throw new ValidationError(`reason must be a string of at most ${MAX_REASON} characters`, 'reason');
    }
    const args = [this.keys.jobPrefix, id, reason, DEFAULT_CANCELED_TTL_MS, cancelChannel(this.prefix)];
    const reply = await runScript<number | string | string[]>(this.client, 'cancelJob', this.keys, args);
    if (reply === -1) throw new JobNotFoundError(this.name, id);
    if (Array.isArray(reply)) throw new InvalidStateError(id, reply[0], 'cancel');
    return reply as JobState;
  }

  /** Moves a scheduled job to queued now. */
  async runNow(id: string): Promise<void> {
    const reply = await runScript<number | string>(this.client, 'runNow', this.keys, [this.keys.jobPrefix, id]);
    if (reply === -1) throw new JobNotFoundError(this.name, id);
    if (reply !== 1) throw new InvalidStateError(id, String(reply), 'run now');
  }

  /** Workers stop claiming from this queue; running jobs go on. */
  async pause(): Promise<void> {
    await runScript(this.client, 'setPaused', this.keys, ['1']);
  }

  async resume(): Promise<void> {
    await runScript(this.client, 'setPaused', this.keys, ['0']);
  }

  /**
   * Requeues every job that was in `state` when the call began, in chunks of BULK_CHUNK so Redis
   * is never held long. Returns how many jobs were requeued.
   */
  async requeueAll(state: RequeueState): Promise<number> {
    if (state !== 'failed' && state !== 'finished' && state !== 'canceled') {
      throw new ValidationError("state must be 'failed', 'finished' or 'canceled'", 'state');
    }
    let snapshot = '';
    let total = 0;
    for (;;) {
      const args = [this.keys.jobPrefix, snapshot, BULK_CHUNK, state];
      const [moved, at] = await runScript<[number, number]>(this.client, 'retryFailed', this.keys, args);
      total += moved;
      snapshot = String(at);
      if (moved < BULK_CHUNK) return total;
    }
  }

  async retryAllFailed(): Promise<number> {
    return this.requeueAll('failed');
  }

  /** Deletes the jobs waiting in `queued` (at most as many as were there when it began). */
  async empty(): Promise<number> {
    const [high, low, normal] = unwrap(await this.client.pipeline()
      .llen(this.keys.queuedHigh).llen(this.keys.queuedLow).llen(this.keys.queued).exec()) as number[];
    const limit = high + low + normal;
    let total = 0;
    while (total < limit) {
      const chunk = Math.min(BULK_CHUNK, limit - total);
      const args = [this.keys.jobPrefix, chunk, DEFAULT_CANCELED_TTL_MS];
      const removed = await runScript<number>(this.client, 'emptyQueue', this.keys, args);
      total += removed;
      if (removed < chunk) break;
    }
    return total;
  }

  /** Events after `fromId` ('0' for the oldest kept, '$' for none yet), oldest first. */
  async readEvents(fromId = '0', count = 100): Promise<QueueEvent[]> {
    return readEvents(this.client, this.keys, fromId, count);
  }

  /** Resolves with the job once it has ended (finished, failed or canceled); WaitTimeoutError after timeoutMs. */
  async waitUntilFinished(id: string, timeoutMs = 30_000): Promise<JobRecord> {
    return waitUntilFinished(this, id, timeoutMs);
  }
}

/** A job whose options do not change where it goes: the enqueue script takes a shorter record. */
function isPlain(job: EncodedJob): boolean {
  return !job.atFront && job.delay === 0 && job.priority === '' && job.uniqueKey === '' && job.deps.length === 0;
}

/** Maps the enqueue script's dependency error to a typed error. */
function unwrapEnqueue(results: [Error | null, unknown][] | null): unknown[] {
  try {
    return unwrap(results);
  } catch (e) {
    const m = e instanceof Error ? /DEPENDENCY_NOT_FOUND (.*)$/.exec(e.message) : null;
    if (m) throw new ValidationError(`dependsOn: job ${JSON.stringify(m[1])} not found in this queue (deleted or expired?)`, 'dependsOn');
    throw e;
  }
}
