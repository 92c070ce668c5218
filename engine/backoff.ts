/**
 * Retry policy: how many attempts a job gets and how long to wait between them.
 * Pure functions; the worker asks `retryDelay` after a failed attempt.
 */
import { ValidationError } from './errors';

export type BackoffSpec =
  | { type: 'fixed'; delay: number; jitter?: number }
  | { type: 'exponential'; delay: number; maxDelay?: number; jitter?: number }
  /** explicit waits: the n-th retry waits intervals[n-1]; the last value repeats */
  | { type: 'intervals'; intervals: number[]; jitter?: number };

export interface RetryOptions {
  /** total attempts including the first; 1 means no retry */
  attempts: number;
  /** wait between attempts; a number is a fixed delay in ms. Default: retry at once */
  backoff?: number | BackoffSpec;
}

export const MAX_ATTEMPTS = 1000;
const MAX_DELAY_MS = 365 * 24 * 3600 * 1000;

function checkDelay(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_DELAY_MS) {
    throw new ValidationError(`${field} must be a number of milliseconds between 0 and ${MAX_DELAY_MS}`, field);
  }
  return Math.round(value);
}

function checkJitter(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new ValidationError(`${field} must be a fraction between 0 and 1`, field);
  }
  return value;
}

export function validateBackoff(raw: unknown, field = 'retry.backoff'): BackoffSpec {
  if (typeof raw === 'number') return { type: 'fixed', delay: checkDelay(raw, field) };
  if (typeof raw !== 'object' || raw === null) throw new ValidationError(`${field} must be a number or an object`, field);
  const spec = raw as Record<string, unknown>;
  const jitter = checkJitter(spec.jitter, `${field}.jitter`);
  switch (spec.type) {
    case 'fixed':
      return { type: 'fixed', delay: checkDelay(spec.delay, `${field}.delay`), ...(jitter !== undefined && { jitter }) };
    case 'exponential': {
      const delay = checkDelay(spec.delay, `${field}.delay`);
      const maxDelay = spec.maxDelay === undefined ? undefined : checkDelay(spec.maxDelay, `${field}.maxDelay`);
      if (maxDelay !== undefined && maxDelay < delay) {
        throw new ValidationError(`${field}.maxDelay must not be smaller than ${field}.delay`, `${field}.maxDelay`);
      }
      return { type: 'exponential', delay, ...(maxDelay !== undefined && { maxDelay }), ...(jitter !== undefined && { jitter }) };
    }
    case 'intervals': {
      const list = spec.intervals;
      if (!Array.isArray(list) || list.length === 0 || list.length > 100) {
        throw new ValidationError(`${field}.intervals must be a list of 1 to 100 delays`, `${field}.intervals`);
      }
      const intervals = list.map((v, i) => checkDelay(v, `${field}.intervals[${i}]`));
      return { type: 'intervals', intervals, ...(jitter !== undefined && { jitter }) };
    }
    default:
      throw new ValidationError(
        `${field}.type must be "fixed", "exponential" or "intervals" (got ${JSON.stringify(spec.type)})`,
        `${field}.type`,
      );
  }
}

export function validateRetry(raw: unknown): { attempts: number; backoff?: BackoffSpec } {
  if (typeof raw !== 'object' || raw === null) throw new ValidationError('retry must be an object', 'retry');
  const { attempts, backoff } = raw as Record<string, unknown>;
  if (typeof attempts !== 'number' || !Number.isInteger(attempts) || attempts < 1 || attempts > MAX_ATTEMPTS) {
    throw new ValidationError(`retry.attempts must be an integer from 1 to ${MAX_ATTEMPTS}`, 'retry.attempts');
  }
  if (backoff === undefined) return { attempts };
  if (attempts === 1) {
    throw new ValidationError('retry.backoff is set but retry.attempts is 1, so it would never be used', 'retry.backoff');
  }
  return { attempts, backoff: validateBackoff(backoff) };
}

/** Milliseconds to wait before the next attempt, after attempt number `attempt` (1-based) failed. */
export function retryDelay(spec: BackoffSpec | undefined, attempt: number, random: () => number = Math.random): number {
  if (!spec) return 0;
  let delay: number;
  switch (spec.type) {
    case 'fixed':
      delay = spec.delay;
      break;
    case 'exponential':
      delay = Math.min(spec.delay * 2 ** Math.max(0, attempt - 1), spec.maxDelay ?? MAX_DELAY_MS);
      break;
    case 'intervals':
      delay = spec.intervals[Math.min(attempt, spec.intervals.length) - 1];
      break;
  }
  if (spec.jitter) delay -= delay * spec.jitter * random();
  return Math.max(0, Math.round(delay));
}
