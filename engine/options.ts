/**
 * Job options: what a producer may ask for, checked once at enqueue and turned into the hash
 * fields the Lua scripts and workers read. Only non-default values are stored.
 */
import { validateRetry, type BackoffSpec, type RetryOptions } from './backoff';
import { ValidationError } from './errors';
import { validateJobId } from './keys';
import { encodeLifecycle } from './options-lifecycle';
import { toJson } from './payload';

export interface JobOptions {
  /** custom id; enqueuing an id that exists is reported as a duplicate and changes nothing */
  jobId?: string;
  /** ms the handler may run; -1 or Infinity for no limit. Default: the worker's default */
  timeout?: number;
  /** attempts and backoff; default one attempt */
  retry?: RetryOptions;
  /** ms to keep a finished job; 0 deletes it at once, -1 keeps it forever. Default: the queue's */
  resultTtl?: number;
  /** ms to keep a failed job; -1 keeps it forever. Default: the queue's */
  failureTtl?: number;
  /** free text shown in the dashboard */
  description?: string;
  /** small JSON object shown with the job */
  meta?: Record<string, unknown>;
  /** put the job at the head of the queue instead of the tail */
  atFront?: boolean;
  /** run no earlier than this many ms from now (the job waits in `scheduled`) */
  delay?: number;
  /** 'high' jobs run before 'normal' (the default) ones, 'low' after; FIFO within a level */
  priority?: Priority;
  /** ms the job may wait in queued before it starts; later it fails as JobExpired. Default: none */
  ttl?: number;
  /** at most one live job per key: enqueuing the key again returns the holder as a duplicate */
  unique?: UniqueOptions;
  /** parents: the job waits in `deferred` until each has finished (or ended, with allowFailure) */
  dependsOn?: readonly (string | Dependency)[];
}

export type Priority = 'high' | 'normal' | 'low';

export interface UniqueOptions {
  key: string;
  /** when the key is free again: the job 'started' or ended ('finished', the default) */
  until?: 'started' | 'finished';
  /** hold the key for this many ms from enqueue, whatever the job does (overrides until) */
  windowMs?: number;
}

export interface Dependency {
  id: string;
  /** the parent's queue; default the child's own */
  queue?: string;
  /** run the child even when this parent fails or is canceled */
  allowFailure?: boolean;
}

/** A job as the enqueue script receives it. */
export interface EncodedJob {
  id: string;
  atFront: boolean;
  delay: number;
  priority: '' | 'high' | 'low';
  uniqueKey: string;
  uniqueWindowMs: number;
  /** parents with their queue resolved */
  deps: { queue: string; id: string; allowFailure: boolean }[];
  /** field, value, field, value... written into the job hash besides the script's own */
  fields: string[];
}

const KNOWN = new Set([
  'jobId', 'timeout', 'retry', 'resultTtl', 'failureTtl', 'description', 'meta', 'atFront', 'delay',
  'priority', 'ttl', 'unique', 'dependsOn',
]);
const MAX_MS = 10 * 365 * 24 * 3600 * 1000;
const MAX_DESCRIPTION = 1000;

/** -1/Infinity mean "no limit" (stored as -1); 0, negatives, NaN and non-numbers are refused. */
export function validateTimeout(value: unknown, field = 'timeout'): number {
  if (value === -1 || value === Infinity) return -1;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_MS) {
    throw new ValidationError(`${field} must be a positive number of milliseconds, or -1/Infinity for no limit`, field);
  }
  return Math.ceil(value);
}

/** -1/Infinity keep forever; 0 deletes at once; otherwise milliseconds. */
export function validateTtl(value: unknown, field: string): number {
  if (value === -1 || value === Infinity) return -1;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_MS) {
    throw new ValidationError(`${field} must be a whole number of milliseconds >= 0, or -1 to keep forever`, field);
  }
  return value;
}

function validateDelay(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_MS) {
    throw new ValidationError('delay must be a number of milliseconds >= 0', 'delay');
  }
  return Math.round(value);
}

function encodeMeta(meta: unknown): string {
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    throw new ValidationError('meta must be a plain object', 'meta');
  }
  return toJson(meta, 'meta', 64 * 1024);
}

function checkKeys(opts: object): void {
  for (const key of Object.keys(opts)) {
    if (!KNOWN.has(key)) throw new ValidationError(`unknown job option ${JSON.stringify(key)}`, key);
  }
}

function encodeRetry(raw: unknown, fields: string[]): void {
  const retry = validateRetry(raw);
  if (retry.attempts > 1) fields.push('maxAttempts', String(retry.attempts));
  if (retry.backoff) fields.push('backoff', JSON.stringify(retry.backoff satisfies BackoffSpec));
}

function encodeText(opts: JobOptions, fields: string[]): void {
  if (opts.description !== undefined) {
    if (typeof opts.description !== 'string' || opts.description.length > MAX_DESCRIPTION) {
      throw new ValidationError(`description must be a string of at most ${MAX_DESCRIPTION} characters`, 'description');
    }
    fields.push('description', opts.description);
  }
  if (opts.meta !== undefined) fields.push('meta', encodeMeta(opts.meta));
}

/** Checks `opts` and returns the job as the enqueue script wants it. */
export function encodeJob(id: string, task: string, data: string, opts: JobOptions | undefined, queue: string): EncodedJob {
  const fields = ['task', task, 'data', data];
  const plain: EncodedJob = { id, atFront: false, delay: 0, priority: '', uniqueKey: '', uniqueWindowMs: 0, deps: [], fields };
  if (opts === undefined) return plain;
  if (typeof opts !== 'object' || opts === null) throw new ValidationError('options must be an object', 'options');
  checkKeys(opts);
  if (opts.jobId !== undefined) id = validateJobId(opts.jobId);
  if (opts.timeout !== undefined) fields.push('timeout', String(validateTimeout(opts.timeout)));
  if (opts.retry !== undefined) encodeRetry(opts.retry, fields);
  if (opts.resultTtl !== undefined) fields.push('resultTtl', String(validateTtl(opts.resultTtl, 'resultTtl')));
  if (opts.failureTtl !== undefined) fields.push('failureTtl', String(validateTtl(opts.failureTtl, 'failureTtl')));
  encodeText(opts, fields);
  if (opts.atFront !== undefined && typeof opts.atFront !== 'boolean') {
    throw new ValidationError('atFront must be a boolean', 'atFront');
  }
  const delay = opts.delay === undefined ? 0 : validateDelay(opts.delay);
  const lifecycle = encodeLifecycle(opts, fields, queue);
  if (delay > 0 && lifecycle.deps.length > 0) {
    throw new ValidationError('delay and dependsOn cannot be combined (a dependent runs when its parents end)', 'delay');
  }
  if (lifecycle.deps.some((d) => d.queue === queue && d.id === id)) {
    throw new ValidationError('a job cannot depend on itself', 'dependsOn');
  }
  return { ...plain, id, atFront: opts.atFront === true, delay, ...lifecycle };
}

export function validateTaskName(task: unknown): string {
  if (typeof task !== 'string' || task.length === 0 || task.length > 200) {
    throw new ValidationError('task name must be a string of 1 to 200 characters', 'task');
  }
  return task;
}
