/**
 * Worker behaviour in one process: graceful shutdown, timeouts, delays and backoff, the
 * registry, throughput stats, and ids or names with awkward characters.
 */
import { describe, expect, it } from 'vitest';
import { assertConsistent, TimeoutError, type JobContext } from '../../index';
import { makeInspector, makeQueue, makeWorker, uniqueName, waitFor } from '../support/fixtures';

const abortableSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(t); reject(signal.reason); });
  });

describe('graceful shutdown', () => {
  it('lets a running job finish before closing', async () => {
    const q = makeQueue(uniqueName());
    const { id } = await q.enqueue('slow', null);
    let started!: () => void;
    const isStarted = new Promise<void>((r) => (started = r));
    const w = makeWorker(q.name, { slow: async () => { started(); await new Promise((r) => setTimeout(r, 300)); return 'done'; } });
    await w.start();
    await isStarted;
    await w.close({ timeoutMs: 30_000 });
    expect(await q.getJob(id)).toMatchObject({ state: 'finished', result: 'done' });
    await assertConsistent(q);
  });

  it('gives back the lease of a job still running at the deadline, so another worker runs it at once', async () => {
    const q = makeQueue(uniqueName());
    const { id } = await q.enqueue('slow', null);
    const w1 = makeWorker(q.name, { slow: ({ signal }: JobContext) => abortableSleep(3_600_000, signal) }, { leaseMs: 3_600_000, heartbeatMs: 1000 });
    await w1.start();
    await waitFor('started', async () => (await q.getJob(id))?.state === 'started');
    await w1.close({ timeoutMs: 50 });
    const released = await q.getJob(id);
    expect(released).toMatchObject({ state: 'queued', attempts: 0 });
    // The lease was an hour long: only an explicit release lets this worker run it now.
    const w2 = makeWorker(q.name, { slow: () => 'second worker' });
    await w2.start();
    await waitFor('finished by w2', async () => (await q.getJob(id))?.result === 'second worker');
    await w2.close();
    await assertConsistent(q);
  });
});

describe('timeouts', () => {
  it('aborts the handler and fails the job with TimeoutError', async () => {
    const q = makeQueue(uniqueName());
    const { id } = await q.enqueue('slow', null, { timeout: 100 });
    let reason: unknown;
    const w = makeWorker(q.name, {
      slow: async ({ signal }: JobContext) => {
        try { await abortableSleep(60_000, signal); } catch (e) { reason = e; throw e; }
      },
    });
    await w.start();
    const job = await waitFor('failed', async () => {
      const j = await q.getJob(id);
      return j?.state === 'failed' ? j : null;
    });
    expect(reason).toBeInstanceOf(TimeoutError);
    expect(job.error).toMatchObject({ name: 'TimeoutError', code: 'TIMEOUT', message: 'job exceeded its timeout of 100 ms' });
    await w.close();
    await assertConsistent(q);
  });

  it('never times out a job with timeout -1, even under a worker default', async () => {
    const q = makeQueue(uniqueName());
    const { id } = await q.enqueue('slow', null, { timeout: -1 });
    const w = makeWorker(q.name, { slow: async () => { await new Promise((r) => setTimeout(r, 400)); return 'ok'; } }, { timeout: 100 });
    await w.start();
    await waitFor('finished', async () => (await q.getJob(id))?.state === 'finished');
    await w.close();
  });

  it.each([0, -5, NaN, '1h', null])('rejects timeout %s at enqueue', async (timeout) => {
    const q = makeQueue(uniqueName());
    await expect(q.enqueue('t', 1, { timeout: timeout as number })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', field: 'timeout' });
    expect((await q.getCounts()).queued).toBe(0);
  });
});

describe('delays and backoff', () => {
  it('holds a delayed job in scheduled until it is due', async () => {
    const q = makeQueue(uniqueName());
    const { id } = await q.enqueue('t', null, { delay: 500 });
    expect((await q.getJob(id))?.state).toBe('scheduled');
    const w = makeWorker(q.name, { t: () => Date.now() });
    await w.start();
    const job = await waitFor('finished', async () => {
      const j = await q.getJob(id);
      return j?.state === 'finished' ? j : null;
    });
    expect(job.startedAt! - job.createdAt).toBeGreaterThanOrEqual(500);
    await w.close();
    await assertConsistent(q);
  });

  it('spaces retries by the exponential backoff', async () => {
    const q = makeQueue(uniqueName());
    const starts: number[] = [];
    const { id } = await q.enqueue('flaky', null, { retry: { attempts: 4, backoff: { type: 'exponential', delay: 100 } } });
    const w = makeWorker(q.name, { flaky: ({ attempt }: JobContext) => { starts.push(Date.now()); if (attempt < 4) throw new Error('not yet'); return attempt; } });
    await w.start();
    await waitFor('finished', async () => (await q.getJob(id))?.state === 'finished');
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    expect(gaps[0]).toBeGreaterThanOrEqual(100);
    expect(gaps[1]).toBeGreaterThanOrEqual(200);
    expect(gaps[2]).toBeGreaterThanOrEqual(400);
    await w.close();
  });

  it.each([
    [{ attempts: 0 }, 'retry.attempts'],
    [{ attempts: 3, backoff: { type: 'linear', delay: 5 } }, 'retry.backoff.type'],
    [{ attempts: 1, backoff: 100 }, 'retry.backoff'],
    [{ attempts: 3, backoff: { type: 'exponential', delay: -1 } }, 'retry.backoff.delay'],
  ])('rejects inconsistent retry options %o', async (retry, field) => {
    const q = makeQueue(uniqueName());
    await expect(q.enqueue('t', 1, { retry: retry as never })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', field });
  });
});

describe('registry and stats', () => {
  it('lists a running worker with its jobs and forgets it after close', async () => {
    const q = makeQueue(uniqueName());
    const inspector = makeInspector();
    const w = makeWorker(q.name, { t: () => null }, { concurrency: 3, name: uniqueName('w') });
    await w.start();
    await q.enqueueMany(Array.from({ length: 10 }, () => ({ task: 't', data: null })));
    const info = await waitFor('processed counted', async () => {
      const me = (await inspector.listWorkers()).find((x) => x.name === w.name);
      return me && me.processed === 10 ? me : null;
    });
    expect(info).toMatchObject({ queues: [q.name], concurrency: 3, pid: process.pid, failed: 0 });
    await w.close();
    expect((await inspector.listWorkers()).some((x) => x.name === w.name)).toBe(false);
  });

  it('counts finished and failed jobs per bucket', async () => {
    const q = makeQueue(uniqueName());
    await q.enqueueMany([...Array.from({ length: 7 }, () => ({ task: 'ok', data: null })), ...Array.from({ length: 3 }, () => ({ task: 'bad', data: null }))]);
    const w = makeWorker(q.name, { ok: () => 1, bad: () => { throw new Error('x'); } });
    await w.start();
    await waitFor('all done', async () => (await q.getCounts()).finished === 7 && (await q.getCounts()).failed === 3);
    const series = await makeInspector().stats([q.name], 60_000);
    const sum = (k: 'finished' | 'failed') => series.points.reduce((n, p) => n + p[k], 0);
    expect(sum('finished')).toBe(7);
    expect(sum('failed')).toBe(3);
    expect(series.points.at(-1)?.backlog[q.name]).toBe(0);
    await w.close();
  });
});

describe('awkward names', () => {
  it('runs jobs of a queue and ids with spaces, slashes, colons, percent, hash and non-ASCII', async () => {
    const q = makeQueue(`emails / eu:west #1 100% ünïcødé 📦 ${uniqueName()}`);
    const { id } = await q.enqueue('send mail', { to: 'x' }, { jobId: 'a/b c:d#e%25f?g=ü' });
    const w = makeWorker(q.name, { 'send mail': ({ id: jobId }: JobContext) => jobId });
    await w.start();
    await waitFor('finished', async () => (await q.getJob(id))?.result === 'a/b c:d#e%25f?g=ü');
    expect((await makeInspector().listQueues()).some((s) => s.name === q.name)).toBe(true);
    await w.close();
    await assertConsistent(q);
  });

  it('skips an id whose hash vanished and keeps working', async () => {
    const q = makeQueue(uniqueName());
    await q.client.rpush(q.keys.queued, 'ghost');
    const { id } = await q.enqueue('t', null);
    const w = makeWorker(q.name, { t: () => 'ok' });
    await w.start();
    await waitFor('finished', async () => (await q.getJob(id))?.state === 'finished');
    expect(await q.client.llen(q.keys.queued)).toBe(0);
    await w.close();
    await assertConsistent(q);
  });
});

describe('backlog history', () => {
  it('is 0 before the queue existed and follows the samples after', async () => {
    const q = makeQueue(uniqueName());
    await q.enqueueMany(Array.from({ length: 5 }, () => ({ task: 't', data: null })));
    const series = await makeInspector().stats([q.name], 60_000);
    const backlog = series.points.map((p) => p.backlog[q.name]);
    expect(backlog.at(-1)).toBe(5);
    expect(backlog[0]).toBe(0);
  });
});

describe('queue priority', () => {
  it('takes new work from a higher-priority queue while busy with a lower one', async () => {
    const high = makeQueue(uniqueName('high'));
    const low = makeQueue(uniqueName('low'));
    const order: string[] = [];
    const w = makeWorker([high.name, low.name], {
      slow: async ({ queue }: JobContext) => { order.push(queue); await new Promise((r) => setTimeout(r, 30)); },
    }, { concurrency: 2, prefetch: 0 });
    await low.enqueueMany(Array.from({ length: 40 }, () => ({ task: 'slow', data: null })));
    await w.start();
    await waitFor('low queue under way', () => order.length >= 4);
    await high.enqueueMany(Array.from({ length: 4 }, () => ({ task: 'slow', data: null })));
    await waitFor('high jobs done', async () => (await high.getCounts()).finished === 4);
    // Every high job ran before the low queue was drained, though no wake-up reached the busy worker.
    expect((await low.getCounts()).queued).toBeGreaterThan(0);
    await w.close();
  });
});
