/**
 * SandboxPool: runs job handlers in worker threads, so a timeout or a cancel can really stop
 * them. An abort is passed on to the handler's own AbortSignal; a handler that has not settled
 * `graceMs` later (a CPU loop, say) has its thread terminated and replaced.
 *
 * Wiring: `new Worker(queues, pool.handlers(), options)`; close the pool after the worker.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import { NoHandlerError, ValidationError } from '../../errors';
import type { Handler, JobContext } from '../running-job';
import { SandboxError } from './sandbox-error';
import { SandboxThread, type ThreadSettings } from './sandbox-thread';

export { SandboxError } from './sandbox-error';

export interface SandboxOptions {
  /** tasks module (.ts/.mts/.js/.mjs), same format as `conveyor worker --tasks` */
  file: string;
  /** threads = jobs that can run at once */
  size: number;
  /** after a job's signal aborts, how long the handler may take to stop before its thread is killed (default 5000 ms; Infinity: never) */
  graceMs?: number;
  /** per-thread limits, e.g. { maxOldGenerationSizeMb: 512 }: a thread that exceeds them dies alone, not the process */
  resourceLimits?: ResourceLimits;
}

export const DEFAULT_GRACE_MS = 5000;
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Waiter {
  job: JobContext;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  onAbort(): void;
}

export class SandboxPool {
  private readonly threads = new Set<SandboxThread>();
  private readonly idle: SandboxThread[] = [];
  private readonly waiting: Waiter[] = [];
  /** threads killed or crashed whose exit is not yet complete */
  private readonly dying = new Set<Promise<void>>();
  private taskNames: readonly string[] = [];
  private closing: Promise<void> | undefined;

  private constructor(private readonly settings: ThreadSettings & { size: number }) {}

  /** Starts `size` threads, each loading the tasks file; rejects if the file does not load. */
  static async open(options: SandboxOptions): Promise<SandboxPool> {
    const pool = new SandboxPool(resolveOptions(options));
    await pool.start();
    return pool;
  }

  /** task names the file exports */
  get tasks(): readonly string[] {
    return this.taskNames;
  }

  /** threads alive or starting (the pool's size, except briefly while a replacement starts) */
  get threadCount(): number {
    return this.threads.size;
  }

  /** one handler per task, each running its job in a free thread */
  handlers(): Record<string, Handler> {
    return Object.fromEntries(this.taskNames.map((task) => [task, (job: JobContext) => this.run(job)]));
  }

  /** Runs one job in a free thread, waiting for one if all are busy. */
  run(job: JobContext): Promise<unknown> {
    if (this.closing) return Promise.reject(new SandboxError(`sandbox pool is closed; task ${JSON.stringify(job.task)} was not run`));
    if (!this.taskNames.includes(job.task)) return Promise.reject(new NoHandlerError(job.task));
    if (job.signal.aborted) return Promise.reject(job.signal.reason);
    const thread = this.idle.shift();
    if (thread) return this.dispatch(thread, job);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { job, resolve, reject, onAbort: () => this.dropWaiter(waiter, job.signal.reason) };
      this.waiting.push(waiter);
      job.signal.addEventListener('abort', waiter.onAbort, { once: true });
      // Threads lost earlier without a replacement (one failed to load) are made up for now.
      while (this.threads.size < this.settings.size) this.spawn();
    });
  }

  /** Terminates every thread; running and waiting jobs are rejected. Safe to call again. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async start(): Promise<void> {
    const started = Array.from({ length: this.settings.size }, () => this.spawn().started);
    const results = await Promise.allSettled(started);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) {
      await this.close();
      throw failure.reason;
    }
    this.taskNames = Object.freeze((results[0] as PromiseFulfilledResult<string[]>).value);
  }

  private spawn(): SandboxThread {
    const thread = new SandboxThread(this.settings, {
      idle: (t) => this.onIdle(t),
      gone: (t, replace, error) => this.onGone(t, replace, error),
    });
    this.threads.add(thread);
    return thread;
  }

  private dispatch(thread: SandboxThread, job: JobContext): Promise<unknown> {
    const result = thread.run(job);
    if (!thread.busy) this.onIdle(thread); // the job could not be sent (its data cannot be copied)
    return result;
  }

  private onIdle(thread: SandboxThread): void {
    if (this.closing) return;
    const waiter = this.waiting.shift();
    if (!waiter) {
      this.idle.push(thread);
      return;
    }
    waiter.job.signal.removeEventListener('abort', waiter.onAbort);
    this.dispatch(thread, waiter.job).then(waiter.resolve, waiter.reject);
  }

  /**
   * A thread died or was killed. It is replaced when it was running a job (or had run one), so
   * the pool keeps its size; a thread that fails to start is not, which keeps a broken file from
   * spinning up threads in a loop (a later run() makes up the number).
   */
  private onGone(thread: SandboxThread, replace: boolean, error: Error): void {
    this.threads.delete(thread);
    const at = this.idle.indexOf(thread);
    if (at >= 0) this.idle.splice(at, 1);
    const exit = thread.exited.then(() => void this.dying.delete(exit));
    this.dying.add(exit);
    if (this.closing) return;
    if (replace) this.spawn();
    else if (this.threads.size === 0) for (const w of [...this.waiting]) this.dropWaiter(w, error);
  }

  private dropWaiter(waiter: Waiter, error: unknown): void {
    const at = this.waiting.indexOf(waiter);
    if (at < 0) return;
    this.waiting.splice(at, 1);
    waiter.job.signal.removeEventListener('abort', waiter.onAbort);
    waiter.reject(error);
  }

  private async shutdown(): Promise<void> {
    for (const w of [...this.waiting]) {
      this.dropWaiter(w, new SandboxError(`sandbox pool closed before task ${JSON.stringify(w.job.task)} could run`));
    }
    const threads = [...this.threads];
    this.threads.clear();
    this.idle.length = 0;
    await Promise.all([...threads.map((t) => t.close()), ...this.dying]);
  }
}

function resolveOptions(options: SandboxOptions): ThreadSettings & { size: number } {
  if (typeof options?.file !== 'string' || options.file === '') throw new ValidationError('sandbox file must be a path to a tasks module', 'file');
  const file = resolve(options.file);
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) throw new ValidationError(`cannot load tasks file ${file}: no such file`, 'tasks');
  const { size, graceMs = DEFAULT_GRACE_MS } = options;
  if (!Number.isInteger(size) || size < 1) throw new ValidationError(`sandbox size must be a whole number of threads, at least 1 (got ${String(size)})`, 'size');
  const graceOk = graceMs === Infinity || (Number.isFinite(graceMs) && graceMs >= 0 && graceMs <= MAX_TIMER_MS);
  if (!graceOk) throw new ValidationError(`sandbox graceMs must be between 0 and ${MAX_TIMER_MS} ms, or Infinity (got ${String(graceMs)})`, 'graceMs');
  return { file, size, graceMs, resourceLimits: options.resourceLimits };
}
