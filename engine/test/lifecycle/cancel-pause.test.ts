import { describe, expect, it } from 'vitest';
import { CanceledError, InvalidStateError, JobNotFoundError, ValidationError } from '../../index';
import { makeInspector, makeQueue, makeWorker, uniqueName, waitFor } from '../support/fixtures';

const stateOf = async (q: ReturnType<typeof makeQueue>, id: string) => (await q.getJob(id))?.state;

describe('cancel', () => {
  it('cancels queued, scheduled and deferred jobs with the reason, and refuses ended or unknown ones', async () => {
    const q = makeQueue(uniqueName());
    const queued = await q.enqueue('t', 1);
    const scheduled = await q.enqueue('t', 2, { delay: 60_000 });
    const deferred = await q.enqueue('t', 3, { dependsOn: [scheduled.id] });
    expect(await q.cancelJob(queued.id, 'not needed')).toBe('queued');
    expect(await q.cancelJob(deferred.id)).toBe('deferred');
    expect(await q.cancelJob(scheduled.id)).toBe('scheduled');
    const job = await q.getJob(queued.id);
    expect(job).toMatchObject({ state: 'canceled', cancelReason: 'not needed' });
    expect((await q.getCounts()).canceled).toBe(3);
    await expect(q.cancelJob(queued.id)).rejects.toBeInstanceOf(InvalidStateError);
    await expect(q.cancelJob('nope')).rejects.toBeInstanceOf(JobNotFoundError);
    await expect(q.cancelJob(queued.id, 42 as never)).rejects.toBeInstanceOf(ValidationError);
    expect(await q.requeueAll('canceled')).toBe(3);
    expect((await q.getCounts()).queued).toBe(3);
    await expect(q.requeueAll('queued' as never)).rejects.toBeInstanceOf(ValidationError);
  });

  it('aborts a running handler at once, discards its late result and calls onStopped', async () => {
    const q = makeQueue(uniqueName());
    const { id } = await q.enqueue('wait', {});
    const reasons: unknown[] = [];
    const stopped: string[] = [];
    let finishLate!: () => void;
    let handlerRuns = 0;
    const w = makeWorker(q.name, {
      wait: {
        handler: (job) => new Promise<string>((resolve) => {
          job.signal.addEventListener('abort', () => reasons.push(job.signal.reason));
          finishLate = () => resolve('late');
          handlerRuns++;
        }),
        onStopped: (job, reason) => { stopped.push(`${job.id}:${reason.name}`); throw new Error('a callback that throws'); },
      },
    }, { leaseMs: 60_000 }); // a heartbeat every 12 s: the abort comes over pub/sub
    const errors: Error[] = [];
    w.on('error', (e: Error) => errors.push(e));
    await w.start();
    await waitFor('started', async () => (await stateOf(q, id)) === 'started');
    expect(await q.cancelJob(id, 'operator said stop')).toBe('started');
    await waitFor('handler aborted', () => reasons.length === 1);
    expect(reasons[0]).toBeInstanceOf(CanceledError);
    expect(stopped).toEqual([`${id}:CanceledError`]);
    finishLate();
    const job = await q.getJob(id);
    expect(job).toMatchObject({ state: 'canceled', cancelReason: 'operator said stop' });
    expect(job?.result).toBeUndefined();
    await waitFor('callback error reported', () => errors.some((e) => /onStopped callback/.test(e.message)));
    // The worker goes on with the next job.
    const next = await q.enqueue('wait', {});
    await waitFor('next handler running', () => handlerRuns === 2);
    finishLate();
    await waitFor('next finished', async () => (await stateOf(q, next.id)) === 'finished');
  });

  it('also reaches a worker that missed the message, at its next heartbeat', async () => {
    const q = makeQueue(uniqueName());
    const { id } = await q.enqueue('wait', {});
    const reasons: unknown[] = [];
    const w = makeWorker(q.name, {
      wait: (job) => new Promise((resolve) => job.signal.addEventListener('abort', () => { reasons.push(job.signal.reason); resolve(null); })),
    }, { leaseMs: 1000 });
    await w.start();
    await waitFor('started', async () => (await stateOf(q, id)) === 'started');
    // Cancel by hand as the script would, without publishing: only the heartbeat can tell.
    await q.client.hincrby(q.keys.jobPrefix + id, 'token', 1);
    await waitFor('aborted by heartbeat', () => reasons.length === 1);
    expect((reasons[0] as Error).name).toBe('LeaseLostError');
    await q.client.hset(q.keys.jobPrefix + id, 'status', 'canceled');
    await q.client.zrem(q.keys.started, id);
    await q.client.zadd(q.keys.canceled, Date.now(), id);
  });
});

describe('pause and resume', () => {
  it('stops claiming from a paused queue, shows it, and starts again on resume', async () => {
    const q = makeQueue(uniqueName());
    await q.pause();
    expect(await q.isPaused()).toBe(true);
    const ran: number[] = [];
    const w = makeWorker(q.name, { t: ({ data }) => { ran.push(data as number); } });
    await w.start();
    await q.enqueueMany([1, 2, 3].map((n) => ({ task: 't', data: n })));
    const summary = (await makeInspector().listQueues()).find((s) => s.name === q.name);
    expect(summary).toMatchObject({ paused: true, counts: expect.objectContaining({ queued: 3 }) });
    // Give the worker several round trips' worth of chances; nothing may run.
    await new Promise((r) => setTimeout(r, 300));
    expect(ran).toEqual([]);
    await q.resume();
    expect(await q.isPaused()).toBe(false);
    await waitFor('all ran', () => ran.length === 3);
    expect(ran).toEqual([1, 2, 3]);
    const events = (await q.readEvents('0', 100)).map((e) => e.event);
    expect(events).toContain('paused');
    expect(events).toContain('resumed');
  });
});

describe('priorities', () => {
  it('runs high before normal before low, FIFO within a level, and lists queued in that order', async () => {
    const q = makeQueue(uniqueName());
    await q.enqueueMany([
      { task: 't', data: 'n1' }, { task: 't', data: 'l1', options: { priority: 'low' } },
      { task: 't', data: 'h1', options: { priority: 'high' } }, { task: 't', data: 'n2', options: { priority: 'normal' } },
      { task: 't', data: 'h2', options: { priority: 'high' } }, { task: 't', data: 'l2', options: { priority: 'low' } },
    ]);
    const page = await q.listJobIds('queued', 0, 10);
    const order = (await q.getJobs(page.ids)).map((j) => j.data);
    expect(order).toEqual(['h1', 'h2', 'n1', 'n2', 'l1', 'l2']);
    expect((await q.listJobIds('queued', 3, 2)).ids).toEqual(page.ids.slice(3, 5));
    expect((await q.getCounts()).queued).toBe(6);
    const ran: unknown[] = [];
    const w = makeWorker(q.name, { t: ({ data }) => { ran.push(data); } });
    await w.start();
    await waitFor('all ran', () => ran.length === 6);
    expect(ran).toEqual(['h1', 'h2', 'n1', 'n2', 'l1', 'l2']);
    await expect(q.enqueue('t', 1, { priority: 'urgent' as never })).rejects.toBeInstanceOf(ValidationError);
  });
});
