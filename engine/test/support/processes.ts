/**
 * Real worker processes for integration tests: `conveyor worker` started as a child process,
 * killed after the test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { redisUrl, trackRunner, waitFor, makeInspector } from './fixtures';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const FIXTURE_TASKS = 'engine/test/fixtures/tasks.ts';

export interface WorkerProcess {
  child: ChildProcess;
  name: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `conveyor worker` on `queue`; resolves once it is in the registry (unless `register` is false). */
export async function spawnWorker(queue: string, name: string, extra: string[] = [], register = true): Promise<WorkerProcess> {
  return spawnWorkerWith(['--queue', queue, '--tasks', FIXTURE_TASKS, '--name', name, ...extra], {}, register);
}

/** Starts `conveyor worker <args>`; resolves once it is in the registry (unless `register` is false). */
export async function spawnWorkerWith(workerArgs: string[], env: Record<string, string> = {}, register = true): Promise<WorkerProcess> {
  const nameAt = workerArgs.indexOf('--name');
  const name = nameAt >= 0 ? workerArgs[nameAt + 1] : `w-${Math.random().toString(36).slice(2, 10)}`;
  const args = ['bin/conveyor.mjs', 'worker', ...(nameAt >= 0 ? [] : ['--name', name]), ...workerArgs];
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, REDIS_URL: redisUrl(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  trackRunner(child, async (c) => {
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await exited;
  });
  const proc = { child, name, output: () => out, exited };
  if (!register) return proc;
  const inspector = makeInspector(env.REDIS_URL);
  let early = false;
  await waitFor(`worker ${name} to register`, async () => {
    early = child.exitCode !== null || child.signalCode !== null;
    return early || (await inspector.listWorkers()).some((w) => w.name === name);
  }, 400);
  if (early) throw new Error(`worker ${name} exited before registering:\n${out}`);
  return proc;
}

export interface LogEntry {
  what: string;
  id: string;
  pid: number;
  attempt: number;
}
