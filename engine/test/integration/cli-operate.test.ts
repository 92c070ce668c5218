/**
 * The operator commands run as real `conveyor` processes against the test Redis: cancel,
 * requeue, pause and resume, with the errors an operator gets for bad input (each naming the
 * queue, job or value at fault, and exiting non-zero).
 */
import { describe, expect, it } from 'vitest';
import type { Queue } from '../../index';
import { runCli } from '../support/cli';
import { makeQueue, makeWorker, uniqueName, waitFor } from '../support/fixtures';

async function inState(q: Queue, id: string, state: string) {
  return waitFor(`job ${id} to be ${state}`, async () => {
    const job = await q.getJob(id);
    return job?.state === state ? job : null;
  });
}

async function enqueueSome(q: Queue, n: number, task = 'noop'): Promise<string[]> {
  return Promise.all(Array.from({ length: n }, async (_, i) => (await q.enqueue(task, { i })).id));
}

describe('conveyor pause / resume', () => {
  it('pauses and resumes a queue', async () => {
    const q = makeQueue(uniqueName('cli'));
    await enqueueSome(q, 1);
    const paused = await runCli(['pause', q.name]);
    expect(paused).toMatchObject({ code: 0, stdout: `queue ${q.name} paused\n` });
    expect(await q.isPaused()).toBe(true);
    const resumed = await runCli(['resume', q.name]);
    expect(resumed).toMatchObject({ code: 0, stdout: `queue ${q.name} resumed\n` });
    expect(await q.isPaused()).toBe(false);
  });

  it('jobs enqueued while paused run once the queue is resumed', async () => {
    const q = makeQueue(uniqueName('cli'));
    const [first] = await enqueueSome(q, 1);
    expect((await runCli(['pause', q.name])).code).toBe(0);
    const [held] = await enqueueSome(q, 1);
    const w = makeWorker(q.name, { noop: () => 'done' });
    await w.start();
    expect((await runCli(['resume', q.name])).code).toBe(0);
    await inState(q, first, 'finished');
    await inState(q, held, 'finished');
  });

  it('names an unknown queue and exits non-zero', async () => {
    const name = uniqueName('missing');
    for (const command of ['pause', 'resume']) {
      const r = await runCli([command, name]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`queue "${name}" not found (QUEUE_NOT_FOUND)`);
    }
  });
});

describe('conveyor cancel', () => {
  it('cancels several jobs with a reason', async () => {
    const q = makeQueue(uniqueName('cli'));
    const ids = await enqueueSome(q, 2);
    const { id: later } = await q.enqueue('noop', null, { delay: 3_600_000 });
    const r = await runCli(['cancel', q.name, ...ids, later, '--reason', 'bad batch']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.trim().split('\n')).toEqual([
      `job ${ids[0]} canceled (it was queued)`, `job ${ids[1]} canceled (it was queued)`, `job ${later} canceled (it was scheduled)`,
    ]);
    for (const id of [...ids, later]) expect(await q.getJob(id)).toMatchObject({ state: 'canceled', cancelReason: 'bad batch' });
  });

  it('aborts a running handler', async () => {
    const q = makeQueue(uniqueName('cli'));
    const seen: string[] = [];
    const w = makeWorker(q.name, {
      wait: (job) => new Promise((_, reject) => job.signal.addEventListener('abort', () => {
        seen.push((job.signal.reason as Error).name);
        reject(job.signal.reason);
      })),
    });
    await w.start();
    const { id } = await q.enqueue('wait', null);
    await inState(q, id, 'started');
    const r = await runCli(['cancel', q.name, id]);
    expect(r).toMatchObject({ code: 0, stdout: `job ${id} canceled (it was started)\n` });
    await inState(q, id, 'canceled');
    await waitFor('the handler to see the abort', () => seen.length > 0);
    expect(seen).toEqual(['CanceledError']);
  });

  it('cancels what it can, names each job it cannot (unknown, already ended), and exits non-zero', async () => {
    const q = makeQueue(uniqueName('cli'));
    const [done, waiting] = await enqueueSome(q, 2);
    await q.cancelJob(done);
    const r = await runCli(['cancel', q.name, done, 'no-such-job', waiting]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`job ${waiting} canceled (it was queued)\n`);
    expect(r.stderr).toContain(`cannot cancel job "${done}": it is canceled (INVALID_STATE)`);
    expect(r.stderr).toContain(`job "no-such-job" not found in queue "${q.name}" (JOB_NOT_FOUND)`);
    expect(r.stderr).toContain('2 of 3 job(s) were not changed');
  });

  it('names an unknown queue, and needs at least one id', async () => {
    const name = uniqueName('missing');
    const unknown = await runCli(['cancel', name, 'x']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`queue "${name}" not found`);
    const noId = await runCli(['cancel', name]);
    expect(noId.code).toBe(1);
    expect(noId.stderr).toContain("missing required argument 'id'");
  });
});

describe('conveyor requeue', () => {
  it('requeues every failed job with --state failed', async () => {
    const q = makeQueue(uniqueName('cli'));
    const ids = await enqueueSome(q, 3, 'boom');
    const w = makeWorker(q.name, { boom: () => { throw new Error('boom'); } });
    await w.start();
    for (const id of ids) await inState(q, id, 'failed');
    await w.close();
    const r = await runCli(['requeue', q.name, '--state', 'failed']);
    expect(r).toMatchObject({ code: 0, stdout: '3 failed job(s) requeued\n' });
    for (const id of ids) expect((await q.getJob(id))?.state).toBe('queued');
  });

  it('requeues canceled jobs by state, and finished ones by id', async () => {
    const q = makeQueue(uniqueName('cli'));
    const ids = await enqueueSome(q, 2);
    for (const id of ids) await q.cancelJob(id);
    const r = await runCli(['requeue', q.name, '--state', 'canceled']);
    expect(r).toMatchObject({ code: 0, stdout: '2 canceled job(s) requeued\n' });
    const w = makeWorker(q.name, { noop: () => 'done' });
    await w.start();
    for (const id of ids) await inState(q, id, 'finished');
    await w.close();
    const byId = await runCli(['requeue', q.name, '--id', ...ids]);
    expect(byId).toMatchObject({ code: 0, stdout: ids.map((id) => `job ${id} requeued\n`).join('') });
    for (const id of ids) expect((await q.getJob(id))?.state).toBe('queued');
  });

  it('names each job it cannot requeue by id (unknown, still queued) and exits non-zero', async () => {
    const q = makeQueue(uniqueName('cli'));
    const [canceled, queued] = await enqueueSome(q, 2);
    await q.cancelJob(canceled);
    const r = await runCli(['requeue', q.name, '--id', 'ghost', queued, canceled]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`job ${canceled} requeued\n`);
    expect(r.stderr).toContain(`job "ghost" not found in queue "${q.name}"`);
    expect(r.stderr).toContain(`cannot retry job "${queued}": it is queued`);
  });

  it('refuses a bad state, both --state and --id, neither, and an unknown queue', async () => {
    const q = makeQueue(uniqueName('cli'));
    await enqueueSome(q, 1);
    const bad = await runCli(['requeue', q.name, '--state', 'queued']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("argument 'queued' is invalid. Allowed choices are failed, canceled, finished.");
    for (const args of [['--state', 'failed', '--id', 'a'], []]) {
      const r = await runCli(['requeue', q.name, ...args]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('requeue needs either --state <failed|canceled|finished> or --id <id...>, not both');
    }
    const name = uniqueName('missing');
    const unknown = await runCli(['requeue', name, '--state', 'failed']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`queue "${name}" not found`);
  });
});
