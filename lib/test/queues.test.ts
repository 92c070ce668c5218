import { describe, expect, it, vi } from 'vitest';
import { assertConsistent } from '@/engine';
import { gate, makeQueue, makeWorker, uniqueName, waitFor } from '@/engine/test/support/fixtures';
import { checkHealth } from '../health';
import { deleteJob, emptyQueue, getJobDetail, listJobs, listQueues, retryAllFailed, retryJob } from '../queues';
import { loadStats } from '../stats';
import { listWorkers } from '../workers';
import { useDashboardEnv } from './support';

vi.mock('server-only', () => ({}));

const prefix = useDashboardEnv();
const queueOf = (name: string) => makeQueue(name, { prefix });
const workerOf = (name: string, handlers: Parameters<typeof makeWorker>[1]) => makeWorker(name, handlers, { prefix });
const code = (p: Promise<unknown>) => p.then(() => 'resolved', (e: { code?: string }) => e.code);

describe('reads', () => {
  it('lists queues with counts per state and the workers online', async () => {
    const name = uniqueName('ünï/cødé #%');
    const q = queueOf(name);
    await q.enqueueMany([{ task: 't', data: 1 }, { task: 't', data: 2 }, { task: 't', data: 3, options: { delay: 60_000 } }]);
    const { queues, workers } = await listQueues();
    const mine = queues.find((x) => x.name === name);
    expect(mine).toEqual({ name, counts: { queued: 2, scheduled: 1, deferred: 0, started: 0, finished: 0, failed: 0, canceled: 0 }, paused: false, finishedTotal: 0, failedTotal: 0 });
    expect(workers.online).toBeGreaterThanOrEqual(0);
  });

  it('pages through a state in order, with the true total', async () => {
    const name = uniqueName('pages');
    const q = queueOf(name);
    await q.enqueueMany(Array.from({ length: 25 }, (_, i) => ({ task: 't', data: i, options: { jobId: `job ${i}` } })));
    const first = await listJobs(name, { state: 'queued', page: 1, pageSize: 10 });
    const last = await listJobs(name, { state: 'queued', page: 3, pageSize: 10 });
    const beyond = await listJobs(name, { state: 'queued', page: 4, pageSize: 10 });
    expect(first).toMatchObject({ queue: name, state: 'queued', page: 1, pageSize: 10, total: 25, missing: 0 });
    expect(first.jobs.map((j) => j.id)).toEqual(Array.from({ length: 10 }, (_, i) => `job ${i}`));
    expect(last.jobs.map((j) => j.id)).toEqual(['job 20', 'job 21', 'job 22', 'job 23', 'job 24']);
    expect(beyond).toMatchObject({ total: 25, jobs: [] });
  });

  it('answers 404 codes for an unknown queue or job', async () => {
    expect(await code(listJobs(uniqueName('nope'), { state: 'queued', page: 1, pageSize: 20 }))).toBe('QUEUE_NOT_FOUND');
    const name = uniqueName();
    await queueOf(name).enqueue('t', {});
    expect(await code(getJobDetail(name, 'missing'))).toBe('JOB_NOT_FOUND');
  });

  it('lists live workers with their running jobs', async () => {
    const name = uniqueName();
    const q = queueOf(name);
    const { id } = await q.enqueue('hold', {});
    const hold = gate();
    const w = workerOf(name, { hold: hold.wait });
    await w.start();
    const mine = await waitFor('worker shows the job', async () => {
      const found = (await listWorkers()).workers.find((x) => x.name === w.name);
      return found?.jobs.length ? found : null;
    });
    expect(mine).toMatchObject({ queues: [name], concurrency: 1, jobs: [{ queue: name, id, task: 'hold' }] });
    hold.release();
  });
});

describe('actions', () => {
  it('retries a failed job, refuses to retry a queued one, and deletes', async () => {
    const name = uniqueName('x:y?z');
    const q = queueOf(name);
    let fail = true;
    const w = workerOf(name, {
      flaky: () => {
        if (fail) throw new Error('first run fails');
        return 'ok';
      },
    });
    const { id } = await q.enqueue('flaky', {}, { jobId: 'a/b c#%' });
    await w.start();
    await waitFor('failed', async () => (await getJobDetail(name, id)).state === 'failed');
    fail = false;
    expect(await retryJob(name, id)).toEqual({ ok: true });
    await waitFor('finished', async () => (await getJobDetail(name, id)).state === 'finished');
    await w.close();

    const queued = await q.enqueue('flaky', {});
    expect(await code(retryJob(name, queued.id))).toBe('INVALID_STATE');
    expect(await deleteJob(name, queued.id)).toEqual({ deleted: true, state: 'queued' });
    expect(await code(deleteJob(name, queued.id))).toBe('JOB_NOT_FOUND');
    await assertConsistent(q);
  });

  it('retries all failed jobs and empties the queued ones, reporting true counts', async () => {
    const name = uniqueName();
    const q = queueOf(name);
    await q.enqueueMany(Array.from({ length: 7 }, () => ({ task: 'boom', data: {} })));
    const w = workerOf(name, {
      boom: () => {
        throw new Error('no');
      },
    });
    await w.start();
    await waitFor('7 failed', async () => (await q.getCounts()).failed === 7);
    await w.close();
    expect(await retryAllFailed(name)).toEqual({ retried: 7 });
    expect((await q.getCounts()).queued).toBe(7);
    await q.enqueue('other', {}, { delay: 60_000 });
    expect(await emptyQueue(name)).toEqual({ deleted: 7 });
    expect(await q.getCounts()).toMatchObject({ queued: 0, scheduled: 1, failed: 0 });
    await assertConsistent(q);
  });
});

describe('stats and health', () => {
  it('reports throughput per bucket and backlog per queue', async () => {
    const name = uniqueName('stats');
    const q = queueOf(name);
    await q.enqueueMany(Array.from({ length: 4 }, () => ({ task: 'ok', data: {} })));
    const stats = await loadStats(60);
    expect(stats.bucketMs).toBe(5000);
    expect(stats.windowSeconds).toBe(60);
    expect(stats.throughput.length).toBe(12);
    const at = stats.backlog.queues.indexOf(name);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(stats.backlog.points.at(-1)!.counts[at]).toBe(4);

    const w = workerOf(name, { ok: () => 'done' });
    await w.start();
    const after = await waitFor('finished counted', async () => {
      const s = await loadStats(60);
      return s.throughput.reduce((n, p) => n + p.finished, 0) >= 4 ? s : null;
    });
    expect(after.backlog.points.at(-1)!.counts[after.backlog.queues.indexOf(name)]).toBe(0);
  });

  it('says Redis is up with a latency', async () => {
    const health = await checkHealth();
    expect(health.ok).toBe(true);
    expect(health.redis).toBe('up');
    expect(health.latencyMs).toBeGreaterThanOrEqual(0);
  });
});
