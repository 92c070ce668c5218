/**
 * The reading half of a queue handle: counts, pages of ids, job records and logs. Queue (queue.ts)
 * adds the producer's and the operator's verbs.
 */
import { closeClient, connect, type ConnectionOptions, type OwnedClient } from './connection';
import { ValidationError } from './errors';
import { decodeJob, decodeSummary, SUMMARY_FIELDS, type JobRecord, type JobSummary } from './job';
import { DEFAULT_PREFIX, JOB_STATES, jobSideKey, queueKeys, validatePrefix, validateQueueName, type JobState, type QueueKeys } from './keys';
import { runScript } from './scripts';

export interface QueueOptions {
  /** Redis URL, ioredis options, or an ioredis client to share (never closed by the queue) */
  connection?: ConnectionOptions;
  /** key prefix; default "conveyor" */
  prefix?: string;
}

export interface Page {
  ids: string[];
  total: number;
}

export const MAX_PAGE_SIZE = 500;
const NEWEST_FIRST = new Set<JobState>(['finished', 'failed', 'canceled']);

export class QueueBase {
  readonly name: string;
  readonly prefix: string;
  readonly keys: QueueKeys;
  protected readonly conn: OwnedClient;

  constructor(name: string, options: QueueOptions = {}) {
    this.name = validateQueueName(name);
    this.prefix = validatePrefix(options.prefix ?? DEFAULT_PREFIX);
    this.keys = queueKeys(this.prefix, this.name);
    this.conn = connect(options.connection, 'producer');
  }

  get client() {
    return this.conn.client;
  }

  /** Number of jobs in each state: one script call. */
  async getCounts(): Promise<Record<JobState, number>> {
    return readQueueSummary(await runScript(this.client, 'queueSummary', this.keys, [])).counts;
  }

  /**
   * One page of a state's job ids: O(log n + page) for the sorted sets, and for the queued lists
   * O(page + distance to the nearer end). Queued runs next-first (high, normal, low); finished,
   * failed and canceled newest-first; scheduled soonest-first; started by lease deadline.
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
    for (const id of ids) {
      pipe.hgetall(this.keys.jobPrefix + id).zscore(this.keys.started, id).llen(jobSideKey(this.keys, 'logs', id));
    }
    const replies = unwrap(await pipe.exec());
    const out: JobRecord[] = [];
    ids.forEach((id, i) => {
      const hash = replies[3 * i] as Record<string, string>;
      if (Object.keys(hash).length === 0) return;
      const job = decodeJob(this.name, id, hash);
      const lease = replies[3 * i + 1];
      if (job.state === 'started' && lease !== null) job.leaseExpiresAt = Number(lease);
      job.logCount = Number(replies[3 * i + 2]);
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

  /** A page of a job's log lines, oldest first; `total` is how many are stored (capped). */
  async getLogs(id: string, offset = 0, limit = 100): Promise<{ lines: string[]; total: number }> {
    checkPage(offset, limit);
    const key = jobSideKey(this.keys, 'logs', id);
    const [total, lines] = unwrap(await this.client.pipeline().llen(key).lrange(key, offset, offset + limit - 1).exec()) as [number, string[]];
    return { lines, total };
  }

  async isPaused(): Promise<boolean> {
    return (await this.client.hget(this.keys.meta, 'paused')) === '1';
  }

  async close(): Promise<void> {
    await closeClient(this.conn);
  }
}

export function checkPage(offset: number, limit: number): void {
  if (!Number.isInteger(offset) || offset < 0) throw new ValidationError('offset must be an integer >= 0', 'offset');
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new ValidationError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}`, 'limit');
  }
}

export interface QueueSummaryReply {
  counts: Record<JobState, number>;
  paused: boolean;
  finishedTotal: number;
  failedTotal: number;
}

/** Reads the reply of the queueSummary script. */
export function readQueueSummary(reply: unknown): QueueSummaryReply {
  const n = (reply as unknown[]).map(Number);
  const counts = Object.fromEntries(JOB_STATES.map((s, i) => [s, n[i]])) as Record<JobState, number>;
  const at = JOB_STATES.length;
  return { counts, paused: n[at] === 1, finishedTotal: n[at + 1], failedTotal: n[at + 2] };
}

/** Replies of a pipeline, throwing the first command error. */
export function unwrap(results: [Error | null, unknown][] | null): unknown[] {
  if (!results) throw new Error('pipeline was discarded');
  return results.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}
