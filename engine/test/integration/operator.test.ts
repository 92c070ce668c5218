/**
 * The operator's verbs: counts, pages, retry, delete, retry-all-failed, empty.
 */
import { describe, expect, it } from 'vitest';
import { assertConsistent, JOB_STATES } from '../../index';
import type { Queue } from '../../queue';
import { makeInspector, makeQueue, makeWorker, uniqueName, waitFor } from '../support/fixtures';

/** Fails `n` jobs of `q` through a real worker and waits until they are all failed. */
async function failJobs(q: Queue, n: number): Promise<string[]> {
  const results = await q.enqueueMany(Array.from({ length: n }, (_, i) => ({ task: 'fail', data: { i } })));
  const w = makeWorker(q.name, { fail: () => { throw new Error('always'); } }, { concurrency: 50 });
  await w.start();
  await waitFor(`${n} failed`, async () => (await q.getCounts()).failed === n);
  await w.close();
  return results.map((r) => r.id);
}

describe('counts and pages', () => {
  it('lists a state page by page, newest first for registries, next-first for queued', async () => {
    const q = makeQueue(uniqueName());
    const ids = (await q.enqueueMany(Array.from({ length: 45 }, (_, i) => ({ task: 't', data: i })))).map((r) => r.id);
    const p1 = await q.listJobIds('queued', 0, 20);
    const p3 = await q.listJobIds('queued', 40, 20);
    expect(p1).toEqual({ total: 45, ids: ids.slice(0, 20) });
    expect(p3).toEqual({ total: 45, ids: ids.slice(40) });
    expect(await q.listJobIds('queued', 100, 20)).toEqual({ total: 45, ids: [] });
    // pages near the tail are read from the tail end; the order stays head-to-tail
    expect(await q.listJobIds('queued', 30, 10)).toEqual({ total: 45, ids: ids.slice(30, 40) });
    expect(await q.listJobIds('queued', 44, 5)).toEqual({ total: 45, ids: ids.slice(44) });
    const counts = await q.getCounts();
    expect(Object.keys(counts).sort()).toEqual([...JOB_STATES].sort());
    expect(counts.queued).toBe(45);
    await expect(q.listJobIds('queued', -1, 20)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(q.listJobIds('queued', 0, 0)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
  });

  it('reads list rows without payloads, with the payload size, skipping vanished ids', async () => {
    const q = makeQueue(uniqueName());
    const data = { text: 'ünï 📦'.repeat(100) };
    const { id } = await q.enqueue('t', data, { description: 'row', retry: { attempts: 3, backoff: 10 } });
    const rows = await q.getJobSummaries([id, 'gone']);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id, task: 't', state: 'queued', description: 'row', maxAttempts: 3, dataBytes: Buffer.byteLength(JSON.stringify(data)) });
    expect(rows[0]).not.toHaveProperty('data');
    expect(await q.exists(id)).toBe(true);
    expect(await q.exists('gone')).toBe(false);
  });

  it('reports every queue with counts in one call', async () => {
    const a = makeQueue(uniqueName('a'));
    const b = makeQueue(uniqueName('b'));
    await a.enqueue('t', 1);
    await b.enqueueMany([{ task: 't', data: 1 }, { task: 't', data: 2 }]);
    const summaries = await makeInspector().listQueues();
    expect(summaries.find((s) => s.name === a.name)?.counts.queued).toBe(1);
    expect(summaries.find((s) => s.name === b.name)?.counts.queued).toBe(2);
  });

  it('counts every state (queued over all priority levels), the pause flag and the all-time totals', async () => {
    const q = makeQueue(uniqueName());
    await failJobs(q, 2);
    const ok = await q.enqueue('ok', {});
    const w = makeWorker(q.name, { ok: () => 'done' });
    await w.start();
    await waitFor('finished', async () => (await q.getJob(ok.id))?.state === 'finished');
    await w.close();
    for (const priority of ['high', 'normal', 'low'] as const) await q.enqueue('t', {}, { priority });
    await q.enqueueIn(60_000, 't', {});
    await q.pause();
    const summary = (await makeInspector().listQueues()).find((s) => s.name === q.name);
    const counts = { queued: 3, scheduled: 1, deferred: 0, started: 0, finished: 1, failed: 2, canceled: 0 };
    expect(summary).toEqual({ name: q.name, counts, paused: true, finishedTotal: 1, failedTotal: 2 });
    expect(await q.getCounts()).toEqual(counts);
  });
});

describe('retry and delete one job', () => {
  it('retries a failed job with a fresh budget and it runs again', async () => {
    const q = makeQueue(uniqueName());
    const [id] = await failJobs(q, 1);
    await q.retryJob(id);
    const queued = await q.getJob(id);
    expect(queued).toMatchObject({ state: 'queued', attempts: 0, error: undefined });
    const w = makeWorker(q.name, { fail: () => 'now it works' });
    await w.start();
    const done = await waitFor('finished', async () => {
      const j = await q.getJob(id);
      return j?.state === 'finished' ? j : null;
    });
    expect(done.result).toBe('now it works');
    await w.close();
    await assertConsistent(q);
  });

  it('refuses to retry a queued job and reports unknown ids', async () => {
    const q = makeQueue(uniqueName());
    const { id } = await q.enqueue('t', 1);
    await expect(q.retryJob(id)).rejects.toMatchObject({ code: 'INVALID_STATE', state: 'queued' });
    await expect(q.retryJob('no-such-id')).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
    await expect(q.deleteJob('no-such-id')).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
  });

  it('deletes a job from every state and leaves no key behind', async () => {
    const q = makeQueue(uniqueName());
    const [failed] = await failJobs(q, 1);
    const queued = (await q.enqueue('t', 1)).id;
    const scheduled = (await q.enqueue('t', 1, { delay: 3_600_000 })).id;
    expect(await q.deleteJob(failed)).toBe('failed');
    expect(await q.deleteJob(queued)).toBe('queued');
    expect(await q.deleteJob(scheduled)).toBe('scheduled');
    expect(await q.getCounts()).toMatchObject({ queued: 0, scheduled: 0, failed: 0 });
    expect(await q.client.zcard(q.keys.expiry)).toBe(0);
    expect(await q.client.keys(`${q.keys.jobPrefix}*`)).toEqual([]);
    await assertConsistent(q);
  });
});

describe('bulk actions', () => {
  it('retries all failed jobs in chunks and returns the true count', async () => {
    const q = makeQueue(uniqueName());
    await failJobs(q, 2300);
    expect(await q.retryAllFailed()).toBe(2300);
    expect(await q.getCounts()).toMatchObject({ queued: 2300, failed: 0 });
    expect(await q.retryAllFailed()).toBe(0);
    await assertConsistent(q);
  });

  it('does not loop on jobs that fail again while it runs', async () => {
    const q = makeQueue(uniqueName());
    await failJobs(q, 1500);
    const w = makeWorker(q.name, { fail: () => { throw new Error('still broken'); } }, { concurrency: 20 });
    await w.start();
    const retried = await q.retryAllFailed();
    expect(retried).toBe(1500);
    await waitFor('all failed again', async () => (await q.getCounts()).failed === 1500);
    await w.close();
    await assertConsistent(q);
  });

  it('empties the queued jobs only, hashes included', async () => {
    const q = makeQueue(uniqueName());
    await q.enqueueMany(Array.from({ length: 2100 }, (_, i) => ({ task: 't', data: i })));
    await q.enqueue('t', 1, { delay: 3_600_000 });
    expect(await q.empty()).toBe(2100);
    expect(await q.getCounts()).toMatchObject({ queued: 0, scheduled: 1 });
    expect((await q.client.keys(`${q.keys.jobPrefix}*`)).length).toBe(1);
    await assertConsistent(q);
  });
});
