/**
 * Worker options: defaults and checks, resolved once when a worker is built.
 */
import { ValidationError } from '../errors';
import { DEFAULT_PREFIX, validatePrefix } from '../keys';
import { validateTimeout, validateTtl } from '../options';
import type { ConnectionOptions } from '../connection';

export interface Logger {
  info(msg: string, extra?: Record<string, unknown>): void;
  warn(msg: string, extra?: Record<string, unknown>): void;
  error(msg: string, extra?: Record<string, unknown>): void;
}

export interface WorkerOptions {
  /** Redis URL, ioredis options, or a client to share (it must not be used for blocking calls) */
  connection?: ConnectionOptions;
  /** key prefix; default "conveyor" */
  prefix?: string;
  /** jobs run at once in this process; default 1 */
  concurrency?: number;
  /**
   * jobs leased beyond `concurrency`, to save round trips. 'auto' (default) leases extra jobs only
   * while handlers finish faster than a round trip to Redis, up to `concurrency` more; 0 never.
   */
  prefetch?: number | 'auto';
  /** unique name in the worker registry; default host:pid:random */
  name?: string;
  /** how long a claim stays valid without a heartbeat; default 15 000 ms */
  leaseMs?: number;
  /** heartbeat period; default leaseMs / 5 */
  heartbeatMs?: number;
  /** timeout for jobs that set none; default -1 (no limit) */
  timeout?: number;
  /** result TTL for jobs that set none; default 24 h */
  resultTtl?: number;
  /** failure TTL for jobs that set none; default 7 days */
  failureTtl?: number;
  /** lease expiries (worker deaths) a job survives before it is failed; default 3 */
  maxCrashes?: number;
  /** on close, how long running jobs may finish before their leases are given back; default 20 000 ms */
  shutdownTimeoutMs?: number;
  /** stop gracefully on SIGTERM/SIGINT (a second signal stops at once); default false */
  handleSignals?: boolean;
  /**
   * most jobs kept per registry of this worker's queues, oldest deleted first (-1: no cap), on
   * top of the TTLs. Defaults: 100 000 each
   */
  keep?: { finished?: number; failed?: number; canceled?: number };
  logger?: Logger;
}

export interface WorkerSettings {
  prefix: string;
  concurrency: number;
  prefetch: number | 'auto';
  name: string | undefined;
  leaseMs: number;
  heartbeatMs: number;
  timeout: number;
  resultTtl: number;
  failureTtl: number;
  maxCrashes: number;
  shutdownTimeoutMs: number;
  handleSignals: boolean;
  keep: { finished: number; failed: number; canceled: number };
}

export const DEFAULT_KEEP = { finished: 100_000, failed: 100_000, canceled: 100_000 };

function resolveKeep(keep: WorkerOptions['keep']): WorkerSettings['keep'] {
  if (keep === undefined) return { ...DEFAULT_KEEP };
  if (typeof keep !== 'object' || keep === null) throw new ValidationError('keep must be an object {finished?, failed?, canceled?}', 'keep');
  const one = (k: keyof typeof DEFAULT_KEEP) => (keep[k] === -1 ? -1 : int(keep[k], `keep.${k}`, 0, 1e9, DEFAULT_KEEP[k]));
  return { finished: one('finished'), failed: one('failed'), canceled: one('canceled') };
}

export const DEFAULT_RESULT_TTL = 24 * 3600 * 1000;
export const DEFAULT_FAILURE_TTL = 7 * 24 * 3600 * 1000;

function int(value: unknown, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ValidationError(`${field} must be an integer from ${min} to ${max}`, field);
  }
  return value;
}

export function resolveSettings(o: WorkerOptions): WorkerSettings {
  const leaseMs = int(o.leaseMs, 'leaseMs', 200, 3_600_000, 15_000);
  const heartbeatMs = int(o.heartbeatMs, 'heartbeatMs', 50, leaseMs, Math.max(50, Math.floor(leaseMs / 5)));
  if (heartbeatMs * 2 > leaseMs) {
    throw new ValidationError('heartbeatMs must be at most half of leaseMs, or leases expire between beats', 'heartbeatMs');
  }
  if (o.name !== undefined && (typeof o.name !== 'string' || !/^[^\s{}]{1,200}$/.test(o.name))) {
    throw new ValidationError('name must be 1-200 characters without spaces or braces', 'name');
  }
  return {
    prefix: validatePrefix(o.prefix ?? DEFAULT_PREFIX),
    concurrency: int(o.concurrency, 'concurrency', 1, 10_000, 1),
    prefetch: o.prefetch === undefined || o.prefetch === 'auto' ? 'auto' : int(o.prefetch, 'prefetch', 0, 10_000, 0),
    name: o.name,
    leaseMs,
    heartbeatMs,
    timeout: o.timeout === undefined ? -1 : validateTimeout(o.timeout, 'timeout'),
    resultTtl: o.resultTtl === undefined ? DEFAULT_RESULT_TTL : validateTtl(o.resultTtl, 'resultTtl'),
    failureTtl: o.failureTtl === undefined ? DEFAULT_FAILURE_TTL : validateTtl(o.failureTtl, 'failureTtl'),
    maxCrashes: int(o.maxCrashes, 'maxCrashes', 1, 1000, 3),
    shutdownTimeoutMs: int(o.shutdownTimeoutMs, 'shutdownTimeoutMs', 0, 3_600_000, 20_000),
    handleSignals: o.handleSignals === true,
    keep: resolveKeep(o.keep),
  };
}

export const consoleLogger: Logger = {
  info: (msg, extra) => console.log(`[conveyor] ${msg}`, extra ?? ''),
  warn: (msg, extra) => console.warn(`[conveyor] ${msg}`, extra ?? ''),
  error: (msg, extra) => console.error(`[conveyor] ${msg}`, extra ?? ''),
};
