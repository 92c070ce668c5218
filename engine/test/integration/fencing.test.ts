/**
 * Fencing tokens, driven step by step through the Lua scripts: a report from a worker whose lease
 * was taken back is discarded and never overwrites the newer attempt.
 */
import { describe, expect, it } from 'vitest';
import { assertConsistent } from '../../index';
import { runScript } from '../../scripts';
import { makeQueue, uniqueName } from '../support/fixtures';
import type { Queue } from '../../queue';

const claim = (q: Queue, worker: string) =>
  runScript<(string | number)[]>(q.client, 'claim', q.keys, [q.keys.jobPrefix, 1, worker, 60_000, 10]);

describe('fencing tokens', () => {
  it('discards the late report of a worker whose lease expired', async () => {
    const q = makeQueue(uniqueName('fence'));
    const { id } = await q.enqueue('t', null);
    const first = await claim(q, 'A');
    const tokenA = String(first[4]);
    // A stops heartbeating; its lease runs out and a live worker takes the job back.
    await q.client.zadd(q.keys.started, 0, id);
    const [requeued] = await runScript<number[]>(q.client, 'reap', q.keys, [q.keys.jobPrefix, 10, 3, -1]);
    expect(requeued).toBe(1);
    const second = await claim(q, 'B');
    const tokenB = String(second[4]);
    expect(tokenB).not.toBe(tokenA);

    const lateA = await runScript<string[]>(q.client, 'complete', q.keys, [q.keys.jobPrefix, -1, id, tokenA, '"from A"']);
    expect(lateA).toEqual([id]);
    expect((await q.getJob(id))?.state).toBe('started');
    const lateFail = await runScript<string[]>(q.client, 'fail', q.keys, [q.keys.jobPrefix, -1, id, tokenA, '{"name":"E","message":"A"}']);
    expect(lateFail).toEqual([id]);
    const lateExtend = await runScript<string[]>(q.client, 'extendLeases', q.keys, [q.keys.jobPrefix, 60_000, id, tokenA]);
    expect(lateExtend).toEqual([id]);

    const onTime = await runScript<string[]>(q.client, 'complete', q.keys, [q.keys.jobPrefix, -1, id, tokenB, '"from B"']);
    expect(onTime).toEqual([]);
    const job = await q.getJob(id);
    expect(job).toMatchObject({ state: 'finished', result: 'from B', worker: 'B', attempts: 2, crashes: 1 });
    await assertConsistent(q);
  });

  it('discards a report for a job deleted while it ran', async () => {
    const q = makeQueue(uniqueName('fence'));
    const { id } = await q.enqueue('t', null);
    const token = String((await claim(q, 'A'))[4]);
    expect(await q.deleteJob(id)).toBe('started');
    const late = await runScript<string[]>(q.client, 'complete', q.keys, [q.keys.jobPrefix, -1, id, token, '']);
    expect(late).toEqual([id]);
    expect(await q.client.exists(q.keys.jobPrefix + id)).toBe(0);
    await assertConsistent(q);
  });
});
