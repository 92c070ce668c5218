/**
 * Every Redis key Conveyor uses is built here and nowhere else.
 *
 * All keys of one queue share the hash tag `{<queue>}` so that every Lua script touches a single
 * cluster slot. Queue names therefore may not contain `{` or `}` (see `validateQueueName`).
 */
import { ValidationError } from './errors';

export const DEFAULT_PREFIX = 'conveyor';

/** The state structures a job id can live in; exactly one holds each job. */
export const JOB_STATES = ['queued', 'scheduled', 'deferred', 'started', 'finished', 'failed', 'canceled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface QueueKeys {
  /** queued jobs of normal priority, FIFO (the other levels: queuedHigh, queuedLow) */
  queued: string;
  queuedHigh: string;
  queuedLow: string;
  scheduled: string;
  deferred: string;
  started: string;
  finished: string;
  failed: string;
  canceled: string;
  /** paused flag, limits, counters */
  meta: string;
  /** throughput and backlog buckets (bounded) */
  stats: string;
  /** at most one token; workers block on it to learn that work arrived */
  wake: string;
  /** retention index: finished/failed/canceled job id -> time it may be deleted */
  expiry: string;
  /** capped stream of job events (enqueued, started, progress, finished, failed, retrying, canceled) */
  events: string;
  /** dependency resolutions for jobs of other queues, delivered by workers */
  outbox: string;
  /** prefix of every job hash of this queue; the id follows */
  jobPrefix: string;
}

const MAX_QUEUE_NAME = 200;
const MAX_JOB_ID = 256;
// C0 and C1 control characters and DEL: invisible in the UI and in redis-cli.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

export function validateQueueName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new ValidationError('queue name must be a non-empty string', 'queue');
  }
  if (name.length > MAX_QUEUE_NAME) {
    throw new ValidationError(`queue name is longer than ${MAX_QUEUE_NAME} characters`, 'queue');
  }
  if (name.includes('{') || name.includes('}')) {
    throw new ValidationError('queue name may not contain "{" or "}" (they delimit the cluster hash tag)', 'queue');
  }
  if (CONTROL_CHARS.test(name)) throw new ValidationError('queue name may not contain control characters', 'queue');
  if (name.trim() !== name) throw new ValidationError('queue name may not start or end with whitespace', 'queue');
  return name;
}

export function validateJobId(id: unknown, field = 'jobId'): string {
  if (typeof id !== 'string' || id.length === 0) throw new ValidationError(`${field} must be a non-empty string`, field);
  if (id.length > MAX_JOB_ID) throw new ValidationError(`${field} is longer than ${MAX_JOB_ID} characters`, field);
  if (CONTROL_CHARS.test(id)) throw new ValidationError(`${field} may not contain control characters`, field);
  return id;
}

export function validatePrefix(prefix: unknown): string {
  if (typeof prefix !== 'string' || !/^[A-Za-z0-9_.:-]{1,64}$/.test(prefix)) {
    throw new ValidationError('prefix must be 1-64 characters of A-Z a-z 0-9 _ . : -', 'prefix');
  }
  return prefix;
}

export function queueKeys(prefix: string, queue: string): QueueKeys {
  const base = `${prefix}:{${queue}}:`;
  return {
    queued: `${base}queued`,
    queuedHigh: `${base}queued:high`,
    queuedLow: `${base}queued:low`,
    scheduled: `${base}scheduled`,
    deferred: `${base}deferred`,
    started: `${base}started`,
    finished: `${base}finished`,
    failed: `${base}failed`,
    canceled: `${base}canceled`,
    meta: `${base}meta`,
    stats: `${base}stats`,
    wake: `${base}wake`,
    expiry: `${base}expiry`,
    events: `${base}events`,
    outbox: `${base}outbox`,
    jobPrefix: `${base}job:`,
  };
}

/**
 * Per-job keys besides the hash, derived from the job prefix by the Lua helpers too (see
 * jobSideKey in scripts/helpers.ts): the prefix minus its trailing "job:", then the kind.
 */
export type JobSideKind = 'logs' | 'dependents' | 'unique';

export function jobSideKey(keys: QueueKeys, kind: JobSideKind, id: string): string {
  return `${keys.jobPrefix.slice(0, -'job:'.length)}${kind}:${id}`;
}

/** Pub/sub channel on which cancel commands reach the worker running the job. */
export function cancelChannel(prefix: string): string {
  return `${prefix}:cancel`;
}

export function jobKey(prefix: string, queue: string, id: string): string {
  return `${queueKeys(prefix, queue).jobPrefix}${id}`;
}

/** Set of known queue names; written beside (not inside) the per-queue scripts. */
export function queuesKey(prefix: string): string {
  return `${prefix}:queues`;
}

/** Sorted set: worker name -> last heartbeat (ms). */
export function workersKey(prefix: string): string {
  return `${prefix}:workers`;
}

/** Hash describing one live worker; expires when its heartbeats stop. */
export function workerKey(prefix: string, name: string): string {
  return `${prefix}:worker:${name}`;
}

/** Pattern matching every key of one queue (for SCAN in tests and tools). */
export function queueKeyPattern(prefix: string, queue: string): string {
  const escaped = queue.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
  return `${prefix}:{${escaped}}:*`;
}
