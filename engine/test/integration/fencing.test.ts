/**
 * Fencing tokens, driven step by step through the worker's `cycle` script: a report from a worker
 * whose lease was taken back is discarded and never overwrites the newer attempt.
 */
import { describe, expect, it } from 'vitest';
import { runScript } from '../../scripts';
import { makeQueue, uniqueName } from '../support/fixtures';
import type { Queue } from '../../queue';

type Reply = (string | number)[];

/** One round trip as worker `worker`: write `outcomes` (kind, id, token, payload, delay), claim `want`. */
const cycle = (q: Queue, worker: string, want: number, outcomes: (string | number)[][] = []) =>
  runScript<Reply>(q.client, 'cycle', q.keys, [q.keys.jobPrefix, -1, -1, worker, 60_000, want, 10, ...outcomes.flat()]);

/** Ids the reply says were lost, and the token of the first claimed job. */
function read(reply: Reply): { lost: string[]; token?: string } {
  const n = Number(reply[3]);
  const lost = reply.slice(4, 4 + n).map(String);
  const first = reply[4 + n + 1];
  return { lost, token: first === undefined ? undefined : String(first) };
}

describe('fencing tokens', () => {
  it('discards the late report of a worker whose lease expired', async () => {
    const q = makeQueue(uniqueName('fence'));
    const { id } = await q.enqueue('t', null);
    const tokenA = read(await cycle(q, 'A', 1)).token!;
    // A stops heartbeating; its lease runs out and a live worker takes the job back.
    await q.client.zadd(q.keys.started, 0, id);
    const [requeued] = await runScript<number[]>(q.client, 'reap', q.keys, [q.keys.jobPrefix, 10, 3, -1]);
    expect(requeued).toBe(1);
    const tokenB = read(await cycle(q, 'B', 1)).token!;
    expect(tokenB).not.toBe(tokenA);

    expect(read(await cycle(q, 'A', 0, [['c', id, tokenA, '"from A"', '']])).lost).toEqual([id]);
    expect(read(await cycle(q, 'A', 0, [['f', id, tokenA, '{"name":"E","message":"A"}', '']])).lost).toEqual([id]);
    expect(read(await cycle(q, 'A', 0, [['r', id, tokenA, '{"name":"E","message":"A"}', 0]])).lost).toEqual([id]);
    expect(await runScript<string[]>(q.client, 'extendLeases', q.keys, [q.keys.jobPrefix, 60_000, id, tokenA])).toEqual([id]);
    expect((await q.getJob(id))?.state).toBe('started');

    expect(read(await cycle(q, 'B', 0, [['c', id, tokenB, '"from B"', '']])).lost).toEqual([]);
    const job = await q.getJob(id);
    expect(job).toMatchObject({ state: 'finished', result: 'from B', worker: 'B', attempts: 2, crashes: 1 });
  });

  it('discards a report for a job deleted while it ran', async () => {
    const q = makeQueue(uniqueName('fence'));
    const { id } = await q.enqueue('t', null);
    const token = read(await cycle(q, 'A', 1)).token!;
    expect(await q.deleteJob(id)).toBe('started');
    expect(read(await cycle(q, 'A', 0, [['c', id, token, '', '']])).lost).toEqual([id]);
    expect(await q.client.exists(q.keys.jobPrefix + id)).toBe(0);
  });

  it('discards a second report of the same attempt', async () => {
    const q = makeQueue(uniqueName('fence'));
    const { id } = await q.enqueue('t', null);
    const token = read(await cycle(q, 'A', 1)).token!;
    expect(read(await cycle(q, 'A', 0, [['c', id, token, '1', '']])).lost).toEqual([]);
    expect(read(await cycle(q, 'A', 0, [['f', id, token, '{"name":"E","message":"late"}', '']])).lost).toEqual([id]);
    expect(await q.getJob(id)).toMatchObject({ state: 'finished', result: 1, error: undefined });
  });
});
