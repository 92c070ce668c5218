/**
 * Job options that shape the lifecycle (priority, ttl, unique keys, dependencies), checked at
 * enqueue. Bad values throw ValidationError naming the option; nothing is written then.
 */
import { ValidationError } from './errors';
import { validateJobId, validateQueueName } from './keys';
import type { EncodedJob, JobOptions } from './options';

const MAX_MS = 10 * 365 * 24 * 3600 * 1000;
const MAX_DEPENDENCIES = 100;
const MAX_UNIQUE_KEY = 256;

type Lifecycle = Pick<EncodedJob, 'priority' | 'uniqueKey' | 'uniqueWindowMs' | 'deps'>;

function encodePriority(value: unknown): EncodedJob['priority'] {
  if (value === undefined || value === 'normal') return '';
  if (value === 'high' || value === 'low') return value;
  throw new ValidationError("priority must be 'high', 'normal' or 'low'", 'priority');
}

function validateTtlOption(value: unknown): number {
  if (value === -1 || value === Infinity) return -1;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > MAX_MS) {
    throw new ValidationError('ttl must be a whole number of milliseconds > 0, or -1/Infinity for none', 'ttl');
  }
  return value;
}

function encodeUnique(raw: unknown, fields: string[]): Pick<EncodedJob, 'uniqueKey' | 'uniqueWindowMs'> {
  if (raw === undefined) return { uniqueKey: '', uniqueWindowMs: 0 };
  if (typeof raw !== 'object' || raw === null) throw new ValidationError('unique must be an object {key, until?, windowMs?}', 'unique');
  const { key, until, windowMs, ...rest } = raw as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw new ValidationError(`unknown unique option ${JSON.stringify(extra)}`, `unique.${extra}`);
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_UNIQUE_KEY) {
    throw new ValidationError(`unique.key must be a string of 1 to ${MAX_UNIQUE_KEY} characters`, 'unique.key');
  }
  if (until !== undefined && until !== 'started' && until !== 'finished') {
    throw new ValidationError("unique.until must be 'started' or 'finished'", 'unique.until');
  }
  if (windowMs !== undefined && (typeof windowMs !== 'number' || !Number.isInteger(windowMs) || windowMs <= 0 || windowMs > MAX_MS)) {
    throw new ValidationError('unique.windowMs must be a whole number of milliseconds > 0', 'unique.windowMs');
  }
  if (windowMs !== undefined && until !== undefined) {
    throw new ValidationError('unique takes either until or windowMs, not both', 'unique');
  }
  const mode = windowMs !== undefined ? 'window' : (until ?? 'finished');
  fields.push('uniqueKey', key, 'uniqueUntil', mode);
  return { uniqueKey: key, uniqueWindowMs: windowMs ?? 0 };
}

function encodeDependency(raw: unknown, i: number, queue: string): EncodedJob['deps'][number] {
  const field = `dependsOn[${i}]`;
  if (typeof raw === 'string') return { queue, id: validateJobId(raw, field), allowFailure: false };
  if (typeof raw !== 'object' || raw === null) throw new ValidationError(`${field} must be a job id or {id, queue?, allowFailure?}`, field);
  const { id, queue: q, allowFailure, ...rest } = raw as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw new ValidationError(`unknown option ${JSON.stringify(extra)} in ${field}`, field);
  if (allowFailure !== undefined && typeof allowFailure !== 'boolean') {
    throw new ValidationError(`${field}.allowFailure must be a boolean`, `${field}.allowFailure`);
  }
  return {
    queue: q === undefined ? queue : validateQueueName(q),
    id: validateJobId(id, `${field}.id`),
    allowFailure: allowFailure === true,
  };
}

function encodeDependencies(raw: unknown, queue: string): EncodedJob['deps'] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new ValidationError('dependsOn must be an array of job ids or {id, queue?, allowFailure?}', 'dependsOn');
  if (raw.length > MAX_DEPENDENCIES) throw new ValidationError(`dependsOn takes at most ${MAX_DEPENDENCIES} parents`, 'dependsOn');
  const deps = raw.map((d, i) => encodeDependency(d, i, queue));
  const seen = new Set(deps.map((d) => `${d.queue}\n${d.id}`));
  if (seen.size !== deps.length) throw new ValidationError('dependsOn lists a parent twice', 'dependsOn');
  return deps;
}

export function encodeLifecycle(opts: JobOptions, fields: string[], queue: string): Lifecycle {
  const priority = encodePriority(opts.priority);
  if (priority) fields.push('priority', priority);
  if (opts.ttl !== undefined) {
    const ttl = validateTtlOption(opts.ttl);
    if (ttl > 0) fields.push('ttl', String(ttl));
  }
  const unique = encodeUnique(opts.unique, fields);
  const deps = encodeDependencies(opts.dependsOn, queue);
  return { priority, ...unique, deps };
}
