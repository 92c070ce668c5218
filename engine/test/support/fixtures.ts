/**
 * Per-test helpers: a unique queue name, clients that are closed after the test, and polling
 * for a condition (tests wait for states, never for wall-clock durations).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, inject } from 'vitest';
import { assertConsistent, Queue, Worker, Inspector, type QueueOptions, type WorkerOptions, type Task } from '../../index';

export const redisUrl = () => inject('redisUrl');

export function uniqueName(label = 'q'): string {
  return `${label}-${randomBytes(4).toString('hex')}`;
}

/** Closed first, after each test: workers and worker processes. */
const stoppers: (() => Promise<unknown>)[] = [];
/** Closed last: clients. */
const closers: (() => Promise<unknown>)[] = [];
const madeQueues: Queue[] = [];

// Every integration test ends with the one-state invariant checked on every queue it made,
// once its workers have stopped.
afterEach(async () => {
  for (const stop of stoppers.splice(0).reverse()) await stop().catch(() => {});
  try {
    for (const q of madeQueues.splice(0)) await assertConsistent(q);
  } finally {
    for (const close of closers.splice(0).reverse()) await close().catch(() => {});
  }
});

export function track<T>(value: T, close: (v: T) => Promise<unknown>): T {
  closers.push(() => close(value));
  return value;
}

/** Like track, but stopped before the consistency check (workers, processes). */
export function trackRunner<T>(value: T, stop: (v: T) => Promise<unknown>): T {
  stoppers.push(() => stop(value));
  return value;
}

export function makeQueue(name: string, options: QueueOptions = {}): Queue {
  const q = track(new Queue(name, { connection: redisUrl(), ...options }), (x) => x.close());
  madeQueues.push(q);
  return q;
}

export function makeWorker(queues: string | string[], handlers: Record<string, Task>, options: WorkerOptions = {}): Worker {
  const quiet = { info() {}, warn() {}, error() {} };
  return trackRunner(new Worker(queues, handlers, { connection: redisUrl(), logger: quiet, ...options }), (w) => w.close({ timeoutMs: 0 }));
}

export function makeInspector(url = redisUrl()): Inspector {
  return track(new Inspector({ connection: url }), (i) => i.close());
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

/**
 * A gate a handler waits at. Redis shows a job started (or its progress) before the handler's
 * next line runs, so tests release through this: `release` works even before the handler reaches
 * `wait`, and `reached` resolves once it has.
 */
export function gate(): { wait: () => Promise<void>; release: () => void; reached: Promise<void> } {
  let open!: () => void;
  let arrive!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const reached = new Promise<void>((r) => (arrive = r));
  return { wait: () => (arrive(), opened), release: () => open(), reached };
}
