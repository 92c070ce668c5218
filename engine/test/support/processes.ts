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

export interface ConveyorProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** stdout and stderr as they came */
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `conveyor <args>` against the test Redis; it is killed after the test if still running. */
export function spawnConveyor(args: string[], env: Record<string, string> = {}): ConveyorProcess {
  const child = spawn(process.execPath, ['bin/conveyor.mjs', ...args], {
    cwd: root, env: { ...process.env, REDIS_URL: redisUrl(), ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let all = '';
  child.stdout!.on('data', (d) => ((stdout += d), (all += d)));
  child.stderr!.on('data', (d) => ((stderr += d), (all += d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  trackRunner(child, async (c) => {
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await exited;
  });
  return { child, stdout: () => stdout, stderr: () => stderr, output: () => all, exited };
}

/** Starts `conveyor worker` on `queue`; resolves once it is in the registry (unless `register` is false). */
export async function spawnWorker(queue: string, name: string, extra: string[] = [], register = true): Promise<WorkerProcess> {
  return spawnWorkerWith(['--queue', queue, '--tasks', FIXTURE_TASKS, '--name', name, ...extra], {}, register);
}

/** Starts `conveyor worker <args>`; resolves once it is in the registry (unless `register` is false). */
export async function spawnWorkerWith(workerArgs: string[], env: Record<string, string> = {}, register = true): Promise<WorkerProcess> {
  const nameAt = workerArgs.indexOf('--name');
  const name = nameAt >= 0 ? workerArgs[nameAt + 1] : `w-${Math.random().toString(36).slice(2, 10)}`;
  const { child, output, exited } = spawnConveyor(['worker', ...(nameAt >= 0 ? [] : ['--name', name]), ...workerArgs], env);
  const proc = { child, name, output, exited };
  if (!register) return proc;
  const inspector = makeInspector(env.REDIS_URL);
  let early = false;
  await waitFor(`worker ${name} to register`, async () => {
    early = child.exitCode !== null || child.signalCode !== null;
    return early || (await inspector.listWorkers()).some((w) => w.name === name);
  }, 400);
  if (early) throw new Error(`worker ${name} exited before registering:\n${output()}`);
  return proc;
}

export interface LogEntry {
  what: string;
  id: string;
  pid: number;
  attempt: number;
}
