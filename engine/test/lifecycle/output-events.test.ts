import { describe, expect, it } from 'vitest';
import { ValidationError, WaitTimeoutError } from '../../index';
import { gate, makeQueue, makeWorker, uniqueName, waitFor } from '../support/fixtures';

describe('progress and logs', () => {
  it('stores progress (number or object) and capped log lines while the job runs', async () => {
    const q = makeQueue(uniqueName());
    const { id } = await q.enqueue('report', {});
    const hold = gate();
    const problems: unknown[] = [];
    const w = makeWorker(q.name, {
      report: async (job) => {
        await job.updateProgress(40);
        for (let i = 0; i < 1005; i++) await job.log(`line ${i}`);
        await job.log('x'.repeat(5000));
        await job.updateProgress({ rows: 10, of: 20 });
        for (const bad of [Number.NaN, 'half', [1], null]) await job.updateProgress(bad as never).catch((e) => problems.push(e));
        await hold.wait();
        return 'ok';
      },
    });
    await w.start();
    await waitFor('progress', async () => ((await q.getJob(id))?.progress as { rows?: number })?.rows === 10);
    const running = await q.getJob(id);
    expect(running).toMatchObject({ state: 'started', progress: { rows: 10, of: 20 }, logCount: 1000 });
    const logs = await q.getLogs(id, 0, 500);
    expect(logs.total).toBe(1000);
    expect(logs.lines[0]).toBe('line 6'); // the oldest were dropped
    const tail = await q.getLogs(id, 999, 1);
    expect(tail.lines[0]).toHaveLength(2001); // cut at 2000 characters plus an ellipsis
    expect(problems).toHaveLength(4);
    for (const p of problems) expect(p).toBeInstanceOf(ValidationError);
    hold.release();
    await waitFor('finished', async () => (await q.getJob(id))?.state === 'finished');
    await expect(q.getLogs(id, -1, 10)).rejects.toBeInstanceOf(ValidationError);
    await q.deleteJob(id);
    expect((await q.getLogs(id)).total).toBe(0); // deleting a job removes its log key too
  });
});

describe('events', () => {
  it('records the lifecycle in a stream that can be replayed from an id', async () => {
    const q = makeQueue(uniqueName());
    const first = await q.enqueue('t', 1, { retry: { attempts: 2 } });
    const w = makeWorker(q.name, { t: async (job) => { await job.updateProgress(50); if (job.attempt === 1) throw new Error('once'); } });
    await w.start();
    await waitFor('finished', async () => (await q.getJob(first.id))?.state === 'finished');
    const events = await q.readEvents('0', 100);
    expect(events.map((e) => e.event)).toEqual(['enqueued', 'started', 'progress', 'retrying', 'started', 'progress', 'finished']);
    expect(events.every((e) => e.jobId === first.id)).toBe(true);
    expect(events[3].fields.error).toBe('Error: once');
    const after = await q.readEvents(events[4].id, 100);
    expect(after.map((e) => e.event)).toEqual(['progress', 'finished']);
    await expect(q.readEvents('garbage', 10)).rejects.toBeInstanceOf(ValidationError);
    await expect(q.readEvents('0', 0)).rejects.toBeInstanceOf(ValidationError);
  });

  it('records a bulk enqueue as one event per job, in entries of at most 50 jobs', async () => {
    const q = makeQueue(uniqueName());
    const made = await q.enqueueMany(Array.from({ length: 120 }, (_, i) => ({ task: 't', data: i, options: { delay: i < 20 ? 60_000 : 0 } })));
    const events = await q.readEvents('0', 100);
    expect(events.map((e) => e.jobId)).toEqual(made.map((m) => m.id));
    expect(events.filter((e) => e.fields.state === 'scheduled')).toHaveLength(20);
    expect(new Set(events.map((e) => e.id)).size).toBe(3); // 120 jobs: entries of 50, 50 and 20
    expect(await q.client.xlen(q.keys.events)).toBe(3);
  });

  it('waitUntilFinished resolves with the ended job, and times out with a typed error', async () => {
    const q = makeQueue(uniqueName());
    const { id } = await q.enqueue('t', 2);
    const waiting = q.waitUntilFinished(id, 30_000);
    const w = makeWorker(q.name, { t: ({ data }) => (data as number) * 21 });
    await w.start();
    expect(await waiting).toMatchObject({ state: 'finished', result: 42 });
    expect(await q.waitUntilFinished(id, 1000)).toMatchObject({ state: 'finished' });
    const later = await q.enqueue('t', 1, { delay: 60_000 });
    await expect(q.waitUntilFinished(later.id, 300)).rejects.toBeInstanceOf(WaitTimeoutError);
    await expect(q.waitUntilFinished('missing', 300)).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
  });
});

describe('retention and ttl', () => {
  it('fails a job that was not started within its ttl as JobExpired; -1 means none', async () => {
    const q = makeQueue(uniqueName());
    const stale = await q.enqueue('t', 1, { ttl: 50 });
    const forever = await q.enqueue('t', 2, { ttl: -1 });
    expect((await q.getJob(stale.id))?.expiresAt).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 120));
    const w = makeWorker(q.name, { t: () => 'ran' });
    await w.start();
    await waitFor('forever finished', async () => (await q.getJob(forever.id))?.state === 'finished');
    const job = await waitFor('expired', async () => { const j = await q.getJob(stale.id); return j?.state === 'failed' ? j : null; });
    expect(job.error).toMatchObject({ name: 'JobExpired' });
    expect(job.attempts).toBe(0);
    for (const ttl of [0, -5, 1.5, Number.NaN, '10' as never]) await expect(q.enqueue('t', 1, { ttl })).rejects.toBeInstanceOf(ValidationError);
  });

  it('deletes finished and failed jobs once their TTL has passed, with every key; -1 keeps one', async () => {
    const q = makeQueue(uniqueName());
    const w = makeWorker(q.name, { ok: async (job) => { await job.log('kept?'); }, bad: () => { throw new Error('no'); } }, {
      leaseMs: 1000, resultTtl: 1500, failureTtl: 1500, // long enough to see them ended first
    });
    await w.start();
    const [done, kept] = await q.enqueueMany([{ task: 'ok', data: 1 }, { task: 'ok', data: 2, options: { resultTtl: -1 } }]);
    const failed = await q.enqueue('bad', 3);
    await waitFor('ended', async () => { const c = await q.getCounts(); return c.finished === 2 && c.failed === 1; });
    expect(await q.client.exists(`${q.keys.jobPrefix}${done.id}`)).toBe(1);
    await waitFor('expired', async () => { const c = await q.getCounts(); return c.finished === 1 && c.failed === 0; });
    expect(await q.getJob(done.id)).toBeNull();
    expect(await q.getJob(failed.id)).toBeNull();
    expect((await q.getLogs(done.id)).total).toBe(0);
    expect((await q.getJob(kept.id))?.state).toBe('finished');
    expect(await q.client.zcard(q.keys.expiry)).toBe(0);
  });

  it('trims finished and failed registries to their count caps, oldest first, with every key', async () => {
    const q = makeQueue(uniqueName());
    const w = makeWorker(q.name, { ok: async (job) => { await job.log('hello'); }, bad: () => { throw new Error('no'); } }, {
      leaseMs: 1000, keep: { finished: 3, failed: 2 },
    });
    await w.start();
    const ok = await q.enqueueMany(Array.from({ length: 6 }, (_, i) => ({ task: 'ok', data: i })));
    await q.enqueueMany(Array.from({ length: 5 }, (_, i) => ({ task: 'bad', data: i })));
    await waitFor('trimmed', async () => { const c = await q.getCounts(); return c.finished === 3 && c.failed === 2 && c.queued === 0; });
    expect(await q.getJob(ok[0].id)).toBeNull();
    expect((await q.getJob(ok[5].id))?.state).toBe('finished');
    expect(() => makeWorker(q.name, { ok: () => 1 }, { keep: { finished: -2 } })).toThrow(ValidationError);
  });
});

describe('unique keys', () => {
  it('returns the live holder as a duplicate until the key is released', async () => {
    const q = makeQueue(uniqueName());
    const first = await q.enqueue('t', 1, { unique: { key: 'report:42' } });
    const again = await q.enqueue('t', 2, { unique: { key: 'report:42' } });
    expect(again).toEqual({ id: first.id, status: 'duplicate' });
    const onStart = await q.enqueue('t', 3, { unique: { key: 'sync', until: 'started' } });
    const windowed = await q.enqueue('t', 4, { unique: { key: 'digest', windowMs: 60_000 } });
    const w = makeWorker(q.name, { t: () => 'ok' });
    await w.start();
    await waitFor('all finished', async () => (await q.getCounts()).finished === 3);
    const after = await q.enqueue('t', 5, { unique: { key: 'report:42' } });
    expect(after.status).toBe('created');
    expect((await q.enqueue('t', 6, { unique: { key: 'sync', until: 'started' } })).status).toBe('created');
    expect(await q.enqueue('t', 7, { unique: { key: 'digest', windowMs: 60_000 } })).toEqual({ id: windowed.id, status: 'duplicate' });
    expect(onStart.status).toBe('created');
    for (const unique of [{}, { key: '' }, { key: 'k', until: 'later' }, { key: 'k', windowMs: 0 }, { key: 'k', until: 'started', windowMs: 5 }]) {
      await expect(q.enqueue('t', 1, { unique: unique as never })).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it('reports a taken custom id as a duplicate and changes nothing', async () => {
    const q = makeQueue(uniqueName());
    expect(await q.enqueue('t', 1, { jobId: 'fixed' })).toEqual({ id: 'fixed', status: 'created' });
    expect(await q.enqueue('t', 2, { jobId: 'fixed' })).toEqual({ id: 'fixed', status: 'duplicate' });
    expect((await q.getJob('fixed'))?.data).toBe(1);
  });
});

describe('task callbacks', () => {
  it('calls onSuccess and onFailure after the outcome is stored; a throwing callback never stops the worker', async () => {
    const q = makeQueue(uniqueName());
    const calls: string[] = [];
    const w = makeWorker(q.name, {
      good: { handler: ({ data }) => data, onSuccess: (job, result) => { calls.push(`ok:${String(result)}`); throw new Error('callback broke'); } },
      bad: { handler: () => { throw new Error('nope'); }, onFailure: async (_job, err) => { calls.push(`fail:${(err as Error).message}`); throw new Error('async broke'); } },
    });
    const errors: string[] = [];
    w.on('error', (e: Error) => errors.push(e.message));
    await w.start();
    await q.enqueue('good', 7);
    await q.enqueue('bad', 0);
    await waitFor('both ended', async () => { const c = await q.getCounts(); return c.finished === 1 && c.failed === 1; });
    await waitFor('callbacks', () => calls.length === 2 && errors.length === 2);
    expect(calls.sort()).toEqual(['fail:nope', 'ok:7']);
    await q.enqueue('good', 8);
    await waitFor('still working', async () => (await q.getCounts()).finished === 2);
    expect(() => makeWorker(q.name, { x: { handler: 'no' } as never })).toThrow(ValidationError);
    expect(() => makeWorker(q.name, { x: { handler: () => 1, onSuccess: 5 } as never })).toThrow(ValidationError);
  });
});
