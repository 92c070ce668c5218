/**
 * createSandboxedWorker (engine/sandbox.ts) with a real Redis: one thread per job slot, jobs run
 * in threads, payloads and results that are not JSON fail at once (never retried), bad options
 * and bad files are refused with no thread left behind, and close() ends every thread.
 */
import { describe, expect, it } from 'vitest';
import { createSandboxedWorker, type SandboxedWorker, type SandboxedWorkerOptions } from '../../sandbox';
import { ValidationError } from '../../index';
import { fixture, TASKS_FILE } from '../fixtures/sandbox-jobs';
import { makeQueue, redisUrl, trackRunner, uniqueName, waitFor } from '../support/fixtures';
import type { Queue } from '../../index';

const quiet = { info() {}, warn() {}, error() {} };

async function sandboxedWorker(queue: string, options: SandboxedWorkerOptions = {}, file = TASKS_FILE): Promise<SandboxedWorker> {
  const w = await createSandboxedWorker(queue, file, { connection: redisUrl(), logger: quiet, ...options });
  return trackRunner(w, (x) => x.close({ timeoutMs: 0 }));
}

async function ended(q: Queue, id: string) {
  return waitFor(`job ${id} to end`, async () => {
    const job = await q.getJob(id);
    return job?.state === 'finished' || job?.state === 'failed' ? job : null;
  });
}

describe('createSandboxedWorker', () => {
  it('opens one thread per job slot, runs jobs in them, and ends them all on close', async () => {
    const q = makeQueue(uniqueName('sbx'));
    const w = await sandboxedWorker(q.name, { concurrency: 3, sandbox: true });
    expect(w.threadCount).toBe(3);
    expect(w.tasks).toContain('echo');
    const ids = await Promise.all([1, 2, 3, 4].map(async (n) => (await q.enqueue('echo', { n })).id));
    await w.start();
    for (const [i, id] of ids.entries()) {
      const job = await ended(q, id);
      expect(job.state).toBe('finished');
      expect(job.result).toMatchObject({ id, task: 'echo', data: { n: i + 1 }, threadId: expect.any(Number) });
      expect((job.result as { threadId: number }).threadId).toBeGreaterThan(0); // not the main thread
    }
    await w.close();
    expect(w.threadCount).toBe(0);
  });

  it('fails a job whose stored payload is not JSON at once, with attempts left', async () => {
    const q = makeQueue(uniqueName('sbx'));
    const { id } = await q.enqueue('echo', { fine: true }, { retry: { attempts: 3 } });
    await q.client.hset(q.keys.jobPrefix + id, 'data', '{not json');
    const w = await sandboxedWorker(q.name);
    await w.start();
    const job = await ended(q, id);
    expect(job).toMatchObject({ state: 'failed', attempts: 1, error: { name: 'DeserializationError' } });
  });

  it('fails a job whose result is not JSON at once, with attempts left, naming where', async () => {
    const q = makeQueue(uniqueName('sbx'));
    const { id } = await q.enqueue('bigint', null, { retry: { attempts: 3 } });
    const w = await sandboxedWorker(q.name);
    await w.start();
    const job = await ended(q, id);
    expect(job).toMatchObject({
      state: 'failed', attempts: 1,
      error: { name: 'PayloadError', code: 'PAYLOAD_NOT_JSON', message: 'result.total is a BigInt, which JSON cannot carry faithfully' },
    });
  });

  it('still retries an ordinary handler error', async () => {
    const q = makeQueue(uniqueName('sbx'));
    const { id } = await q.enqueue('fail', null, { retry: { attempts: 2 } });
    const w = await sandboxedWorker(q.name);
    await w.start();
    const job = await ended(q, id);
    expect(job).toMatchObject({ state: 'failed', attempts: 2, error: { name: 'CustomError', code: 'E_WIDGET' } });
  });

  it('refuses bad worker options, bad sandbox options and a tasks file that does not load', async () => {
    const name = uniqueName('sbx');
    await expect(createSandboxedWorker(name, TASKS_FILE, { concurrency: 0 })).rejects.toMatchObject({ field: 'concurrency' });
    await expect(createSandboxedWorker(name, TASKS_FILE, { sandbox: { graceMs: -1 } })).rejects.toMatchObject({ field: 'graceMs' });
    await expect(createSandboxedWorker(name, TASKS_FILE, { sandbox: false as never })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', field: 'sandbox' });
    await expect(createSandboxedWorker(name, fixture('no-such-file.ts'))).rejects.toThrow(/no such file/);
    await expect(createSandboxedWorker(name, fixture('sandbox-broken.ts'))).rejects.toThrow(/broken on purpose/);
    const badQueue = createSandboxedWorker('', TASKS_FILE, { connection: redisUrl() });
    await expect(badQueue).rejects.toBeInstanceOf(ValidationError);
  });
});
