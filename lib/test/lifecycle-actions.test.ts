import { describe, expect, it, vi } from 'vitest';
import { assertConsistent, type JobContext } from '@/engine';
import { makeQueue, makeWorker, uniqueName, waitFor } from '@/engine/test/support/fixtures';
import { cancelJob, getJobDetail, getJobLogs, listJobs, listQueues, requeueAll, runJobNow, setPaused } from '../queues';
import { useDashboardEnv } from './support';

vi.mock('server-only', () => ({}));

const prefix = useDashboardEnv();
const queueOf = (name: string) => makeQueue(name, { prefix });
const workerOf = (name: string, handlers: Parameters<typeof makeWorker>[1]) => makeWorker(name, handlers, { prefix });
const code = (p: Promise<unknown>) => p.then(() => 'resolved', (e: { code?: string }) => e.code);
const HOUR = 3_600_000;

describe('pause and resume', () => {
  it('sets the flag the overview shows, and answers the state after', async () => {
    const name = uniqueName('p/ä #%');
    const q = queueOf(name);
    await q.enqueue('t', {});
    expect(await setPaused(name, true)).toEqual({ queue: name, paused: true });
    expect(await setPaused(name, true)).toEqual({ queue: name, paused: true });
    expect((await listQueues()).queues.find((x) => x.name === name)?.paused).toBe(true);
    expect(await setPaused(name, false)).toEqual({ queue: name, paused: false });
    expect((await listQueues()).queues.find((x) => x.name === name)?.paused).toBe(false);
    expect(await code(setPaused(uniqueName('nope'), true))).toBe('QUEUE_NOT_FOUND');
    await assertConsistent(q);
  });
});

describe('cancel', () => {
  it('cancels a scheduled job with a reason, shown in the detail and the canceled row; a second cancel is refused', async () => {
    const name = uniqueName();
    const q = queueOf(name);
    const { id } = await q.enqueue('t', {}, { delay: HOUR, jobId: 'a/b c#%' });
    expect(await cancelJob(name, id, '<b>not wanted</b>')).toEqual({ canceled: true, state: 'scheduled' });
    const detail = await getJobDetail(name, id);
    expect(detail).toMatchObject({ state: 'canceled', cancelReason: '<b>not wanted</b>' });
    expect(detail.canceledAt).toBeGreaterThan(0);
    const rows = await listJobs(name, { state: 'canceled', page: 1, pageSize: 20 });
    expect(rows.jobs.map((j) => [j.id, j.cancelReason])).toEqual([[id, '<b>not wanted</b>']]);
    expect(await code(cancelJob(name, id, undefined))).toBe('INVALID_STATE');
    expect(await code(cancelJob(name, 'no-such-job', undefined))).toBe('JOB_NOT_FOUND');
    await assertConsistent(q);
  });

  it('aborts a running handler through its signal', async () => {
    const name = uniqueName();
    const q = queueOf(name);
    let aborted: unknown;
    const w = workerOf(name, {
      hold: ({ signal }: JobContext) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject((aborted = signal.reason)))),
    });
    await w.start();
    const { id } = await q.enqueue('hold', {});
    await waitFor('started', async () => (await getJobDetail(name, id)).state === 'started');
    expect(await cancelJob(name, id, undefined)).toEqual({ canceled: true, state: 'started' });
    await waitFor('handler aborted', () => aborted);
    expect((aborted as Error).name).toBe('CanceledError');
    expect((await getJobDetail(name, id)).state).toBe('canceled');
    await w.close();
    await assertConsistent(q);
  });
});

describe('run now and requeue', () => {
  it('queues a scheduled job now; refuses a queued one', async () => {
    const name = uniqueName();
    const q = queueOf(name);
    const { id } = await q.enqueue('t', {}, { delay: HOUR });
    expect(await runJobNow(name, id)).toEqual({ ok: true });
    expect((await getJobDetail(name, id)).state).toBe('queued');
    expect(await code(runJobNow(name, id))).toBe('INVALID_STATE');
    await assertConsistent(q);
  });

  it('requeues every canceled job and says how many', async () => {
    const name = uniqueName();
    const q = queueOf(name);
    const jobs = await q.enqueueMany(Array.from({ length: 3 }, (_, i) => ({ task: 't', data: i })));
    for (const { id } of jobs.slice(0, 2)) await cancelJob(name, id, 'batch stopped');
    expect(await requeueAll(name, 'canceled')).toEqual({ state: 'canceled', requeued: 2 });
    expect(await q.getCounts()).toMatchObject({ queued: 3, canceled: 0 });
    expect(await requeueAll(name, 'failed')).toEqual({ state: 'failed', requeued: 0 });
    await assertConsistent(q);
  });
});

describe('logs', () => {
  it('answers the newest lines by default, a page from an offset, and 404 for an unknown job', async () => {
    const name = uniqueName();
    const q = queueOf(name);
    const w = workerOf(name, {
      chatty: async (ctx: JobContext) => {
        for (let i = 1; i <= 7; i++) await ctx.log(`line ${i} <i>`);
        await ctx.updateProgress(70);
      },
    });
    await w.start();
    const { id } = await q.enqueue('chatty', {});
    await waitFor('finished', async () => (await getJobDetail(name, id)).state === 'finished');
    expect(await getJobLogs(name, id, { limit: 3 })).toEqual({ lines: ['line 5 <i>', 'line 6 <i>', 'line 7 <i>'], offset: 4, total: 7 });
    expect(await getJobLogs(name, id, { limit: 100 })).toMatchObject({ offset: 0, total: 7 });
    expect(await getJobLogs(name, id, { offset: 1, limit: 2 })).toEqual({ lines: ['line 2 <i>', 'line 3 <i>'], offset: 1, total: 7 });
    expect(await getJobLogs(name, id, { offset: 50, limit: 2 })).toEqual({ lines: [], offset: 50, total: 7 });
    expect(await getJobDetail(name, id)).toMatchObject({ logCount: 7, progress: { kind: 'percent', percent: 70 } });
    expect(await code(getJobLogs(name, 'no-such-job', { limit: 10 }))).toBe('JOB_NOT_FOUND');
    await w.close();
    await assertConsistent(q);
  });
});
