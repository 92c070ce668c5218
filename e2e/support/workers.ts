/**
 * Real worker processes (`conveyor worker --tasks e2e/fixtures/tasks.ts`) for the tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Inspector } from '../../engine';
import { stopProcess } from './processes';
import { runInfo } from './run';

const root = fileURLToPath(new URL('../../', import.meta.url));
const TASKS = 'e2e/fixtures/tasks.ts';

export interface WorkerProcess {
  /** the name it registers under */
  name: string;
  pid: number;
  child: ChildProcess;
  output: () => string;
  /** graceful stop (SIGTERM; running jobs are aborted at once); resolves when the process is gone */
  stop: () => Promise<void>;
}

export interface WorkerSpec {
  queues: string[];
  concurrency?: number;
}

/** Starts a worker process and resolves once it is in the worker registry. */
export async function spawnWorker(spec: WorkerSpec, inspector: Inspector): Promise<WorkerProcess> {
  const { redisUrl, prefix } = runInfo();
  const name = `e2e-worker-${randomBytes(3).toString('hex')}`;
  const args = ['bin/conveyor.mjs', 'worker', '--tasks', TASKS, '--name', name, '--concurrency', String(spec.concurrency ?? 2), '--shutdown-timeout-ms', '0'];
  for (const q of spec.queues) args.push('--queue', q);
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, REDIS_URL: redisUrl, CONVEYOR_PREFIX: prefix },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const worker: WorkerProcess = { name, pid: child.pid ?? 0, child, output: () => output, stop: () => stopProcess(child) };
  try {
    await waitRegistered(worker, inspector);
  } catch (e) {
    await worker.stop();
    throw e;
  }
  return worker;
}

async function waitRegistered(worker: WorkerProcess, inspector: Inspector): Promise<void> {
  // Bounded so a broken worker fails the test with its output instead of hanging it.
  for (let tries = 0; tries < 600; tries++) {
    if (worker.child.exitCode !== null || worker.child.signalCode !== null) {
      throw new Error(`worker ${worker.name} exited before registering:\n${worker.output()}`);
    }
    if ((await inspector.listWorkers()).some((w) => w.name === worker.name)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`worker ${worker.name} never registered:\n${worker.output()}`);
}
