/**
 * A Worker whose handlers run in a SandboxPool of worker threads, so a timeout or a cancel can
 * really stop them: a handler still running `graceMs` after its signal aborted (a CPU loop, say)
 * has its thread killed and replaced, and the worker goes on with the next job.
 *
 * Reached through engine/sandbox.ts, never engine/index.ts: the dashboard imports the index and
 * must not bundle worker threads.
 */
import type { ResourceLimits } from 'node:worker_threads';
import { SandboxPool } from './sandbox/index';
import { ValidationError } from '../errors';
import { resolveSettings, type WorkerOptions } from './settings';
import { Worker } from './worker';

export interface SandboxSettings {
  /** after a job's signal aborts, how long its handler may take to stop before its thread is killed (default 5000 ms; Infinity: never) */
  graceMs?: number;
  /** per-thread limits, e.g. { maxOldGenerationSizeMb: 512 }: a thread that exceeds them dies alone, and its job fails */
  resourceLimits?: ResourceLimits;
}

export interface SandboxedWorkerOptions extends WorkerOptions {
  /** `true` (or omitted) for the defaults, or the settings to change */
  sandbox?: SandboxSettings | true;
}

export class SandboxedWorker extends Worker {
  private readonly pool: SandboxPool;

  constructor(queues: string | readonly string[], pool: SandboxPool, options: WorkerOptions) {
    super(queues, pool.handlers(), options);
    this.pool = pool;
  }

  /** task names the tasks file exports (as loaded by the threads) */
  get tasks(): readonly string[] {
    return this.pool.tasks;
  }

  /** threads alive or starting: `concurrency`, except briefly while a killed one is replaced */
  get threadCount(): number {
    return this.pool.threadCount;
  }

  /**
   * Closes the worker as Worker.close does (also when a signal asks), then ends every thread:
   * once this resolves nothing of the worker is left running.
   */
  override async close(options?: { timeoutMs?: number }): Promise<void> {
    try {
      await super.close(options);
    } finally {
      await this.pool.close();
    }
  }
}

function sandboxSettings(given: unknown): SandboxSettings {
  if (given === undefined || given === true) return {};
  if (typeof given === 'object' && given !== null && !Array.isArray(given)) return given as SandboxSettings;
  throw new ValidationError(`sandbox must be true or an object of settings (got ${JSON.stringify(given) ?? String(given)})`, 'sandbox');
}

/**
 * Starts one thread per unit of `concurrency`, each loading `tasksFile` (the format of
 * `conveyor worker --tasks`; the main thread never loads it), and builds a worker on them.
 * Rejects, with no thread left behind, when an option is bad or the file does not load.
 * Call `start()` on the result; `close()` stops the worker and then the threads.
 */
export async function createSandboxedWorker(
  queues: string | readonly string[],
  tasksFile: string,
  options: SandboxedWorkerOptions = {},
): Promise<SandboxedWorker> {
  const { sandbox: given, ...workerOptions } = options;
  const sandbox = sandboxSettings(given);
  // Bad worker options are reported before any thread starts.
  const { concurrency } = resolveSettings(workerOptions);
  const pool = await SandboxPool.open({ file: tasksFile, size: concurrency, graceMs: sandbox.graceMs, resourceLimits: sandbox.resourceLimits });
  try {
    return new SandboxedWorker(queues, pool, workerOptions);
  } catch (e) {
    await pool.close();
    throw e;
  }
}
