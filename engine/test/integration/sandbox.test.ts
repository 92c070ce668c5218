/**
 * The sandbox with a real Worker and Redis: a job that times out in a CPU loop fails with
 * TimeoutError and no longer holds the worker, a handler's error reaches the job record with its
 * real stack, and a process that closes its pool ends by itself.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { assertConsistent } from '../../index';
import { SandboxPool } from '../../worker/sandbox/index';
import { TASKS_FILE } from '../fixtures/sandbox-jobs';
import { makeQueue, makeWorker, trackRunner, uniqueName, waitFor } from '../support/fixtures';

const root = fileURLToPath(new URL('../../../', import.meta.url));

const pools: SandboxPool[] = [];
afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.close();
});

async function openPool(size: number, graceMs: number): Promise<SandboxPool> {
  const pool = await SandboxPool.open({ file: TASKS_FILE, size, graceMs });
  pools.push(pool);
  return pool;
}

describe('a Worker running its handlers in a sandbox', () => {
  it('fails a CPU loop with TimeoutError, kills it, and goes on to the next job', async () => {
    const pool = await openPool(1, 100);
    const q = makeQueue(uniqueName('sandbox'));
    const { id: stuck } = await q.enqueue('spin', null, { timeout: 200 });
    const { id: next } = await q.enqueue('echo', { n: 1 });
    const w = makeWorker(q.name, pool.handlers(), { concurrency: 1 });
    await w.start();
    const failed = await waitFor('the loop to fail', async () => {
      const job = await q.getJob(stuck);
      return job?.state === 'failed' ? job : null;
    });
    expect(failed.error).toMatchObject({ name: 'TimeoutError', code: 'TIMEOUT' });
    const finished = await waitFor('the next job to finish', async () => {
      const job = await q.getJob(next);
      return job?.state === 'finished' ? job : null;
    });
    expect(finished.result).toMatchObject({ data: { n: 1 }, task: 'echo' });
    await w.close();
    expect(pool.threadCount).toBe(1);
    await assertConsistent(q);
  });

  it("stores a sandboxed handler's error with its code and the stack from the tasks file", async () => {
    const pool = await openPool(1, 1000);
    const q = makeQueue(uniqueName('sandbox'));
    const { id } = await q.enqueue('fail', null);
    const { id: final } = await q.enqueue('unrecoverable', null, { retry: { attempts: 5 } });
    const w = makeWorker(q.name, pool.handlers());
    await w.start();
    const job = await waitFor('the job to fail', async () => {
      const j = await q.getJob(id);
      return j?.state === 'failed' ? j : null;
    });
    expect(job.error).toMatchObject({ name: 'CustomError', message: 'the widget broke', code: 'E_WIDGET' });
    expect(job.error?.stack).toContain(TASKS_FILE);
    // UnrecoverableError thrown in a thread still ends the job at once, with attempts left.
    const unrecoverable = await waitFor('the unrecoverable job to fail', async () => {
      const j = await q.getJob(final);
      return j?.state === 'failed' ? j : null;
    });
    expect(unrecoverable).toMatchObject({ attempts: 1, error: { name: 'UnrecoverableError' } });
    await w.close();
    await assertConsistent(q);
  });
});

describe('closing a sandbox', () => {
  it('ends every thread: a process that closes its pool exits by itself', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'engine/test/fixtures/sandbox-close-script.ts'], {
      cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    trackRunner(child, async (c) => {
      if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      await exited;
    });
    expect(await exited).toBe(0); // a thread, timer or listener left behind would keep it running
    expect(JSON.parse(out)).toEqual({
      listened: 'stop listening',
      killed: 'stop spinning',
      running: 'sandbox pool closed while running task "spin"',
      waiting: 'sandbox pool closed before task "echo" could run',
      threads: '0',
    });
  });
});
