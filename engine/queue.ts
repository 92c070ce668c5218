/**
 * Queue: the producer's handle on one queue, and the operator's verbs on it.
 */
import { randomUUID } from 'node:crypto';
import { closeClient, connect, type ConnectionOptions, type OwnedClient } from './connection';
import { InvalidStateError, JobNotFoundError, ValidationError } from './errors';
import { decodeJob, decodeSummary, SUMMARY_FIELDS, type JobRecord, type JobSummary } from './job';
import { DEFAULT_PREFIX, JOB_STATES, queueKeys, queuesKey, validatePrefix, validateQueueName, type JobState, type QueueKeys } from './keys';
import { encodeJob, validateTaskName, type EncodedJob, type JobOptions } from './options';
import { toJson } from './payload';
import { runScript } from './scripts';

export interface QueueOptions {
  /** Redis URL, ioredis options, or an ioredis client to share (never closed by the queue) */
  connection?: ConnectionOptions;
  /** key prefix; default "conveyor" */
  prefix?: string;
}

export interface EnqueueResult {
  id: string;
  /** 'duplicate' when a job with this id already existed; nothing was changed then */
  status: 'created' | 'duplicate';
}

export interface JobSpec {
  task: string;
  data: unknown;
  options?: JobOptions;
}

export interface Page {
  ids: string[];
  total: number;
}

/** Jobs per enqueue script call: bounds how long one call holds Redis. */
const ENQUEUE_CHUNK = 1000;
/** Jobs moved per call of a bulk operator script. */
const BULK_CHUNK = 1000;
export const MAX_PAGE_SIZE = 500;

export class Queue {
  readonly name: string;
  readonly prefix: string;
  readonly keys: QueueKeys;
  private readonly conn: OwnedClient;

  constructor(name: string, options: QueueOptions = {}) {
    this.name = validateQueueName(name);
    this.prefix = validatePrefix(options.prefix ?? DEFAULT_PREFIX);
    this.keys = queueKeys(this.prefix, this.name);
    this.conn = connect(options.connection, 'producer');
  }

  get client() {
    return this.conn.client;
  }

  /** Adds one job. Throws ValidationError / PayloadError on bad input; nothing is written then. */
  async enqueue(task: string, data: unknown, options?: JobOptions): Promise<EnqueueResult> {
    const [result] = await this.enqueueMany([{ task, data, options }]);
    return result;
  }

  /** Adds many jobs in one round trip. Every job is checked before anything is written. */
  async enqueueMany(jobs: readonly JobSpec[]): Promise<EnqueueResult[]> {
    if (!Array.isArray(jobs)) throw new ValidationError('enqueueMany takes an array of jobs', 'jobs');
    if (jobs.length === 0) return [];
    const encoded = jobs.map((job, i) => this.encode(job, i, jobs.length > 1));
    const pipe = this.client.pipeline().sadd(queuesKey(this.prefix), this.name);
    for (let i = 0; i < encoded.length; i += ENQUEUE_CHUNK) {
      runScript(pipe, 'enqueue', this.keys, enqueueArgs(this.keys.jobPrefix, encoded.slice(i, i + ENQUEUE_CHUNK)));
    }
    const replies = unwrap(await pipe.exec());
    const flags = replies.slice(1).flat() as number[];
    return encoded.map((job, i) => ({ id: job.id, status: flags[i] === 1 ? 'created' : 'duplicate' }));
  }

  private encode(job: JobSpec, index: number, many: boolean): EncodedJob {
    try {
      if (typeof job !== 'object' || job === null) throw new ValidationError('a job must be an object {task, data, options}');
      const task = validateTaskName(job.task);
      return encodeJob(randomUUID(), task, toJson(job.data), job.options);
    } catch (e) {
      if (many && e instanceof Error) e.message = `job #${index}: ${e.message}`;
      throw e;
    }
  }

  /** Number of jobs in each state, in one round trip. */
  async getCounts(): Promise<Record<JobState, number>> {
    const replies = unwrap(await countPipeline(this.client.pipeline(), this.keys).exec());
    return Object.fromEntries(JOB_STATES.map((s, i) => [s, Number(replies[i])])) as Record<JobState, number>;
  }

  /**
   * One page of a state's job ids: O(log n + page) for the sorted sets, and for the queued list
   * O(page + distance to its nearer end). Queued runs next-first; finished, failed and canceled
   * newest-first; scheduled soonest-first; started by lease deadline.
   */
  async listJobIds(state: JobState, offset: number, limit: number): Promise<Page> {
    checkPage(offset, limit);
    if (state === 'queued') {
      const [total, ...ids] = await runScript<[number, ...string[]]>(this.client, 'pageQueued', this.keys, [offset, limit]);
      return { ids, total };
    }
    const key = this.keys[state];
    const end = offset + limit - 1;
    const pipe = this.client.pipeline();
    if (NEWEST_FIRST.has(state)) pipe.zcard(key).zrange(key, offset, end, 'REV');
    else pipe.zcard(key).zrange(key, offset, end);
    const [total, ids] = unwrap(await pipe.exec()) as [number, string[]];
    return { ids, total };
  }

  /** Full records for a list of ids (one round trip); ids whose hash is gone are skipped. */
  async getJobs(ids: readonly string[]): Promise<JobRecord[]> {
    if (ids.length === 0) return [];
    const pipe = this.client.pipeline();
    for (const id of ids) pipe.hgetall(this.keys.jobPrefix + id).zscore(this.keys.started, id);
    const replies = unwrap(await pipe.exec());
    const out: JobRecord[] = [];
    ids.forEach((id, i) => {
      const hash = replies[2 * i] as Record<string, string>;
      if (Object.keys(hash).length === 0) return;
      const job = decodeJob(this.name, id, hash);
      const lease = replies[2 * i + 1];
      if (job.state === 'started' && lease !== null) job.leaseExpiresAt = Number(lease);
      out.push(job);
    });
    return out;
  }

  /** List-row views of jobs (no payload, result or meta), one round trip; vanished ids are skipped. */
  async getJobSummaries(ids: readonly string[]): Promise<JobSummary[]> {
    if (ids.length === 0) return [];
    const pipe = this.client.pipeline();
    for (const id of ids) {
      const key = this.keys.jobPrefix + id;
      pipe.hmget(key, ...SUMMARY_FIELDS).hstrlen(key, 'data').zscore(this.keys.started, id);
    }
    const replies = unwrap(await pipe.exec());
    const out: JobSummary[] = [];
    ids.forEach((id, i) => {
      const values = replies[3 * i] as (string | null)[];
      if (values[1] === null) return; // no status: the hash is gone
      const job = decodeSummary(this.name, id, values, Number(replies[3 * i + 1]));
      const lease = replies[3 * i + 2];
      if (job.state === 'started' && lease !== null) job.leaseExpiresAt = Number(lease);
      out.push(job);
    });
    return out;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.client.exists(this.keys.jobPrefix + id)) === 1;
  }

  async getJob(id: string): Promise<JobRecord | null> {
    const [job] = await this.getJobs([id]);
    return job ?? null;
  }

  /** Runs a failed, finished or canceled job again with a fresh attempt budget. */
  async retryJob(id: string): Promise<void> {
    const reply = await runScript<number | string>(this.client, 'retryJob', this.keys, [this.keys.jobPrefix, id]);
    if (reply === -1) throw new JobNotFoundError(this.name, id);
    if (reply !== 1) throw new InvalidStateError(id, String(reply), 'retry');
  }

  /** Deletes a job from every structure. Returns the state it was in. */
  async deleteJob(id: string): Promise<JobState> {
    const reply = await runScript<number | string>(this.client, 'deleteJob', this.keys, [this.keys.jobPrefix, id]);
    if (reply === -1) throw new JobNotFoundError(this.name, id);
    return reply as JobState;
  }

  /**
   * Requeues every job that was failed when the call began, in chunks of BULK_CHUNK so Redis is
   * never held long. Returns how many jobs were requeued.
   */
  async retryAllFailed(): Promise<number> {
    let snapshot = '';
    let total = 0;
    for (;;) {
      const args = [this.keys.jobPrefix, snapshot, BULK_CHUNK];
      const [moved, at] = await runScript<[number, number]>(this.client, 'retryFailed', this.keys, args);
      total += moved;
      snapshot = String(at);
      if (moved < BULK_CHUNK) return total;
    }
  }

  /** Deletes the jobs waiting in `queued` (at most as many as were there when it began). */
  async empty(): Promise<number> {
    const limit = await this.client.llen(this.keys.queued);
    let total = 0;
    while (total < limit) {
      const chunk = Math.min(BULK_CHUNK, limit - total);
      const removed = await runScript<number>(this.client, 'emptyQueue', this.keys, [this.keys.jobPrefix, chunk]);
      total += removed;
      if (removed < chunk) break;
    }
    return total;
  }

  async close(): Promise<void> {
    await closeClient(this.conn);
  }
}

const NEWEST_FIRST = new Set<JobState>(['finished', 'failed', 'canceled']);

function checkPage(offset: number, limit: number): void {
  if (!Number.isInteger(offset) || offset < 0) throw new ValidationError('offset must be an integer >= 0', 'offset');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new ValidationError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}`, 'limit');
  }
}

function enqueueArgs(prefix: string, jobs: readonly EncodedJob[]): (string | number)[] {
  const args: (string | number)[] = [prefix];
  for (const job of jobs) args.push(job.id, job.atFront ? '1' : '0', job.delay, job.fields.length / 2, ...job.fields);
  return args;
}

/** Queues one count command per state on `pipe`, in JOB_STATES order. */
export function countPipeline<P extends { llen(k: string): P; zcard(k: string): P }>(pipe: P, keys: QueueKeys): P {
  for (const state of JOB_STATES) {
    if (state === 'queued') pipe.llen(keys.queued);
    else pipe.zcard(keys[state]);
  }
  return pipe;
}

/** Replies of a pipeline, throwing the first command error. */
export function unwrap(results: [Error | null, unknown][] | null): unknown[] {
  if (!results) throw new Error('pipeline was discarded');
  return results.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}
