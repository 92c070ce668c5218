/**
 * Per-test helpers: a unique queue name, clients that are closed after the test, and polling
 * for a condition (tests wait for states, never for wall-clock durations).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, inject } from 'vitest';
import { Queue, Worker, Inspector, type QueueOptions, type WorkerOptions, type Handler } from '../../index';

export const redisUrl = () => inject('redisUrl');

export function uniqueName(label = 'q'): string {
  return `${label}-${randomBytes(4).toString('hex')}`;
}

const closers: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  const list = closers.splice(0).reverse();
  for (const close of list) await close().catch(() => {});
});

export function track<T>(value: T, close: (v: T) => Promise<unknown>): T {
  closers.push(() => close(value));
  return value;
}

export function makeQueue(name: string, options: QueueOptions = {}): Queue {
  return track(new Queue(name, { connection: redisUrl(), ...options }), (q) => q.close());
}

export function makeWorker(queues: string | string[], handlers: Record<string, Handler>, options: WorkerOptions = {}): Worker {
  const quiet = { info() {}, warn() {}, error() {} };
  return track(new Worker(queues, handlers, { connection: redisUrl(), logger: quiet, ...options }), (w) => w.close({ timeoutMs: 0 }));
}

export function makeInspector(): Inspector {
  return track(new Inspector({ connection: redisUrl() }), (i) => i.close());
}

export function makeRedis(): Redis {
  return track(new Redis(redisUrl()), (r) => r.quit());
}

/** Polls `check` until it returns a truthy value; fails with `what` after many tries. */
export async function waitFor<T>(what: string, check: () => Promise<T> | T, tries = 600, everyMs = 50): Promise<NonNullable<T>> {
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
