import { describe, expect, it } from 'vitest';
import { assertConsistent } from '../../index';
import { makeQueue, makeWorker, uniqueName, waitFor } from '../support/fixtures';

describe('a job from enqueue to finished', () => {
  it('runs the handler with the payload and stores the result', async () => {
    const q = makeQueue(uniqueName());
    const { id, status } = await q.enqueue('add', { a: 2, b: 3 }, { description: 'two plus three', meta: { by: 'test' } });
    expect(status).toBe('created');
    const seen: unknown[] = [];
    const w = makeWorker(q.name, { add: ({ data, attempt }) => { seen.push({ data, attempt }); const d = data as { a: number; b: number }; return d.a + d.b; } });
    await w.start();
    const job = await waitFor('finished', async () => {
      const j = await q.getJob(id);
      return j?.state === 'finished' ? j : null;
    });
    expect(seen).toEqual([{ data: { a: 2, b: 3 }, attempt: 1 }]);
    expect(job.result).toBe(5);
    expect(job.attempts).toBe(1);
    expect(job.description).toBe('two plus three');
    expect(job.meta).toEqual({ by: 'test' });
    expect(job.startedAt).toBeGreaterThanOrEqual(job.createdAt);
    expect(job.endedAt).toBeGreaterThanOrEqual(job.startedAt!);
    await w.close();
    await assertConsistent(q);
  });

  it('retries a failing job per its policy, then fails it with name, message and stack', async () => {
    const q = makeQueue(uniqueName());
    const { id } = await q.enqueue('boom', {}, { retry: { attempts: 3, backoff: { type: 'fixed', delay: 20 } } });
    let calls = 0;
    const w = makeWorker(q.name, { boom: () => { calls++; throw new RangeError(`attempt ${calls} broke`); } });
    await w.start();
    const job = await waitFor('failed', async () => {
      const j = await q.getJob(id);
      return j?.state === 'failed' ? j : null;
    });
    expect(calls).toBe(3);
    expect(job.attempts).toBe(3);
    expect(job.error).toMatchObject({ name: 'RangeError', message: 'attempt 3 broke' });
    expect(job.error?.stack).toContain('RangeError: attempt 3 broke');
    await w.close();
    await assertConsistent(q);
  });

  it('fails a job whose task has no handler and keeps working', async () => {
    const q = makeQueue(uniqueName());
    const missing = await q.enqueue('nobody-handles-this', 1, { retry: { attempts: 5 } });
    const ok = await q.enqueue('ok', 2);
    const w = makeWorker(q.name, { ok: () => 'fine' });
    await w.start();
    await waitFor('ok finished', async () => (await q.getJob(ok.id))?.state === 'finished');
    const job = await waitFor('missing failed', async () => {
      const j = await q.getJob(missing.id);
      return j?.state === 'failed' ? j : null;
    });
    expect(job.attempts).toBe(1);
    expect(job.error?.name).toBe('NoHandlerError');
    expect(job.error?.message).toContain('nobody-handles-this');
    await w.close();
    await assertConsistent(q);
  });
});

describe('enqueue', () => {
  it('reports an existing id as a duplicate and leaves the job untouched', async () => {
    const q = makeQueue(uniqueName());
    const first = await q.enqueue('t', { v: 1 }, { jobId: 'order:42/a b#ü%' });
    const second = await q.enqueue('t', { v: 2 }, { jobId: 'order:42/a b#ü%' });
    expect(first).toEqual({ id: 'order:42/a b#ü%', status: 'created' });
    expect(second).toEqual({ id: 'order:42/a b#ü%', status: 'duplicate' });
    expect((await q.getJob(first.id))?.data).toEqual({ v: 1 });
    expect((await q.getCounts()).queued).toBe(1);
    await assertConsistent(q);
  });

  it('enqueues many jobs in order with one call', async () => {
    const q = makeQueue(uniqueName());
    const jobs = Array.from({ length: 2500 }, (_, i) => ({ task: 't', data: { i } }));
    const results = await q.enqueueMany(jobs);
    expect(results.every((r) => r.status === 'created')).toBe(true);
    const page = await q.listJobIds('queued', 0, 3);
    expect(page.total).toBe(2500);
    expect(page.ids).toEqual(results.slice(0, 3).map((r) => r.id));
    await assertConsistent(q);
  });

  it.each([
    [{ big: 10n }, 'data.big', 'a BigInt'],
    [{ f: () => 1 }, 'data.f', 'a function'],
    [{ s: Symbol('x') }, 'data.s', 'a symbol'],
    [{ n: [1, NaN] }, 'data.n[1]', 'the number NaN'],
    [{ n: Infinity }, 'data.n', 'the number Infinity'],
    [{ 'a key': { m: new Map() } }, 'data["a key"].m', 'a Map'],
  ])('rejects %o naming %s', async (data, path, what) => {
    const q = makeQueue(uniqueName());
    await expect(q.enqueue('t', data)).rejects.toMatchObject({ code: 'PAYLOAD_NOT_JSON', path, message: expect.stringContaining(what) });
    expect((await q.getCounts()).queued).toBe(0);
  });

  it('rejects a circular payload', async () => {
    const q = makeQueue(uniqueName());
    const data: Record<string, unknown> = { a: { b: {} } };
    (data.a as Record<string, Record<string, unknown>>).b.loop = data;
    await expect(q.enqueue('t', data)).rejects.toMatchObject({ code: 'PAYLOAD_NOT_JSON', path: 'data.a.b.loop' });
  });

  it('writes nothing when one job of a batch is bad', async () => {
    const q = makeQueue(uniqueName());
    await expect(q.enqueueMany([{ task: 't', data: 1 }, { task: 't', data: 2n }])).rejects.toThrow(/job #1: data is a BigInt/);
    expect((await q.getCounts()).queued).toBe(0);
  });
});
