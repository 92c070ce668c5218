import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { ValidationError } from '../errors';
import type { Handler } from '../worker/running-job';
import { createSandboxedWorker } from '../worker/sandboxed-worker';
import type { WorkerOptions } from '../worker/settings';
import { Worker } from '../worker/worker';
import { globals, intArg } from './main';

interface WorkerFlags {
  queue: string[];
  tasks: string;
  concurrency: number;
  name?: string;
  leaseMs?: number;
  timeout?: number;
  shutdownTimeoutMs?: number;
  sandbox?: boolean;
  graceMs?: number;
  maxMemoryMb?: number;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Loads a tasks module: its default export (or export `tasks`) maps task names to handlers. */
export async function loadTasks(file: string): Promise<Record<string, Handler>> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  } catch (e) {
    const hint = /require\(\) ES Module/.test(String(e)) ? ' (name it .mts, or put it in a package with "type": "module")' : '';
    throw new ValidationError(`cannot load tasks file ${file}: ${(e as Error).message}${hint}`, 'tasks');
  }
  const tasks = (mod.default ?? mod.tasks) as Record<string, Handler> | undefined;
  if (!tasks || typeof tasks !== 'object') {
    throw new ValidationError(`${file} must export its handlers as the default export or as "tasks"`, 'tasks');
  }
  if (Object.keys(tasks).length === 0) throw new ValidationError(`${file} exports no handlers`, 'tasks');
  return tasks;
}

/**
 * A plain Worker on the tasks module, or with --sandbox one whose threads load it (the main
 * thread never does, so its top-level code and handlers run only in the threads).
 */
async function buildWorker(flags: WorkerFlags, options: WorkerOptions): Promise<Worker> {
  if (!flags.sandbox) {
    const sandboxOnly = flags.graceMs !== undefined ? 'grace-ms' : flags.maxMemoryMb !== undefined ? 'max-memory-mb' : undefined;
    if (sandboxOnly) throw new ValidationError(`--${sandboxOnly} needs --sandbox`, sandboxOnly);
    return new Worker(flags.queue, await loadTasks(flags.tasks), options);
  }
  const resourceLimits = flags.maxMemoryMb === undefined ? undefined : { maxOldGenerationSizeMb: flags.maxMemoryMb };
  return createSandboxedWorker(flags.queue, flags.tasks, { ...options, sandbox: { graceMs: flags.graceMs, resourceLimits } });
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run jobs from one or more queues (first queue first) until SIGTERM/SIGINT')
    .requiredOption('-q, --queue <name>', 'queue to work on; repeat for several, in priority order', collect)
    .requiredOption('-t, --tasks <file>', 'module exporting { taskName: handler }')
    .option('-c, --concurrency <n>', 'jobs run at once', intArg('concurrency', 1), 1)
    .option('--name <name>', 'worker name in the registry (default host:pid:random)')
    .option('--lease-ms <ms>', 'lease duration', intArg('lease-ms', 200))
    .option('--timeout <ms>', 'timeout for jobs that set none (-1: none)', Number)
    .option('--shutdown-timeout-ms <ms>', 'grace period for running jobs at shutdown', intArg('shutdown-timeout-ms'))
    .option('--sandbox', 'run handlers in worker threads (one per job slot) that a timeout or cancel can kill')
    .option('--grace-ms <ms>', 'with --sandbox: how long an aborted handler may take to stop before its thread is killed (default 5000)', intArg('grace-ms'))
    .option('--max-memory-mb <mb>', 'with --sandbox: heap limit of each thread; a job that exceeds it fails alone', intArg('max-memory-mb', 16))
    .action(async (flags: WorkerFlags, cmd: Command) => {
      const global = globals(cmd);
      const worker = await buildWorker(flags, {
        connection: global.url,
        prefix: global.prefix,
        concurrency: flags.concurrency,
        name: flags.name,
        leaseMs: flags.leaseMs,
        timeout: flags.timeout,
        shutdownTimeoutMs: flags.shutdownTimeoutMs,
        handleSignals: true,
      });
      worker.on('error', (err: Error) => console.error(`[worker] ${err.message}`));
      worker.on('lost', (job: { queue: string; id: string }) =>
        console.warn(`[worker] lease lost on job ${job.id} of ${job.queue}: another worker owns it now; this attempt's outcome was discarded`));
      await worker.start();
      await new Promise<void>((done) => worker.once('closed', done));
      await worker.close(); // already closed; a sandboxed worker's threads are gone once this resolves
      // Handlers may leave connections or timers open; a stopped worker process still exits.
      setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
    });
}
