/**
 * `conveyor worker --sandbox` as a real process: a CPU loop that times out is killed and fails
 * with TimeoutError while the same process goes on with other jobs, a loop with no timeout holds
 * one thread but not the worker, `conveyor cancel` kills a loop, SIGTERM still stops the
 * process, and the tasks file is loaded only in the threads (the fixture throws when loaded in
 * the main thread).
 */
import { describe, expect, it } from 'vitest';
import type { Queue } from '../../index';
import { runCli } from '../support/cli';
import { makeQueue, uniqueName, waitFor } from '../support/fixtures';
import { spawnWorkerWith } from '../support/processes';

const TASKS = 'engine/test/fixtures/sandbox-cli-tasks.ts';

async function inState(q: Queue, id: string, state: string) {
  return waitFor(`job ${id} to be ${state}`, async () => {
    const job = await q.getJob(id);
    return job?.state === state ? job : null;
  });
}

const sandboxed = (q: Queue, ...extra: string[]) =>
  spawnWorkerWith(['--queue', q.name, '--tasks', TASKS, '--sandbox', '--grace-ms', '100', ...extra]);

describe('conveyor worker --sandbox', () => {
  it('kills a CPU loop that times out, fails it with TimeoutError, and goes on with the next jobs', async () => {
    const q = makeQueue(uniqueName('sbx-cli'));
    // One slot: the jobs behind the loop can only run if the loop is really stopped.
    const worker = await sandboxed(q, '--concurrency', '1');
    const { id: loop } = await q.enqueue('spin', null, { timeout: 300, retry: { attempts: 1 } });
    const after = await Promise.all([1, 2, 3].map(async (n) => (await q.enqueue('echo', { n })).id));
    const failed = await inState(q, loop, 'failed');
    expect(failed).toMatchObject({ attempts: 1, worker: worker.name, error: { name: 'TimeoutError', code: 'TIMEOUT' } });
    for (const [i, id] of after.entries()) {
      const job = await inState(q, id, 'finished');
      expect(job).toMatchObject({ worker: worker.name, result: { data: { n: i + 1 }, pid: worker.child.pid } });
    }
    expect(worker.child.exitCode).toBeNull();
  });

  it('keeps working on its other threads while a loop with no timeout holds one, and still stops on SIGTERM', async () => {
    const q = makeQueue(uniqueName('sbx-cli'));
    const worker = await sandboxed(q, '--concurrency', '2', '--shutdown-timeout-ms', '0');
    const { id: loop } = await q.enqueue('spin', null, { timeout: -1 });
    await inState(q, loop, 'started');
    const others = await Promise.all([1, 2, 3, 4, 5].map(async (n) => (await q.enqueue('echo', { n })).id));
    for (const id of others) {
      const job = await inState(q, id, 'finished');
      expect(job).toMatchObject({ worker: worker.name, result: { pid: worker.child.pid } });
    }
    expect((await q.getJob(loop))?.state).toBe('started'); // nothing stops a loop without a timeout...
    worker.child.kill('SIGTERM'); // ...but the worker still hears its signal: the main thread is free
    expect(await worker.exited).toBe(0);
    // Its lease was given back at shutdown, so another worker can take the job at once.
    expect((await q.getJob(loop))?.state).toBe('queued');
  });

  it('`conveyor cancel` stops a CPU loop with no timeout: its thread is killed and the worker goes on', async () => {
    const q = makeQueue(uniqueName('sbx-cli'));
    const worker = await sandboxed(q, '--concurrency', '1');
    const { id: loop } = await q.enqueue('spin', null, { timeout: -1 });
    await inState(q, loop, 'started');
    const { id: next } = await q.enqueue('echo', { n: 1 });
    const cancel = await runCli(['cancel', q.name, loop, '--reason', 'runaway']);
    expect(cancel).toMatchObject({ code: 0, stdout: `job ${loop} canceled (it was started)\n` });
    expect(await inState(q, loop, 'canceled')).toMatchObject({ cancelReason: 'runaway' });
    // One slot: the next job runs only once the loop's thread is gone and replaced.
    expect(await inState(q, next, 'finished')).toMatchObject({ worker: worker.name, result: { pid: worker.child.pid } });
  });

  it('loads the tasks file only in the threads (without --sandbox this fixture refuses to load)', async () => {
    const q = makeQueue(uniqueName('sbx-cli'));
    const plain = await spawnWorkerWith(['--queue', q.name, '--tasks', TASKS], {}, false);
    expect(await plain.exited).toBe(1);
    expect(plain.output()).toContain('sandbox-cli-tasks.ts was loaded in the main thread');
  });

  it('exits non-zero with a clear message for a tasks file that does not load, and for sandbox flags without --sandbox', async () => {
    const q = makeQueue(uniqueName('sbx-cli'));
    const broken = await spawnWorkerWith(['--queue', q.name, '--tasks', 'engine/test/fixtures/sandbox-broken.ts', '--sandbox'], {}, false);
    expect(await broken.exited).toBe(1);
    expect(broken.output()).toMatch(/cannot load tasks file .*sandbox-broken\.ts: broken on purpose/);
    const noSandbox = await spawnWorkerWith(['--queue', q.name, '--tasks', TASKS, '--grace-ms', '100'], {}, false);
    expect(await noSandbox.exited).toBe(1);
    expect(noSandbox.output()).toContain('--grace-ms needs --sandbox');
  });
});
