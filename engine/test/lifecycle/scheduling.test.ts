import { describe, expect, it } from 'vitest';
import { InvalidStateError, JobNotFoundError, RetryLaterError, ValidationError } from '../../index';
import { gate, makeQueue, makeWorker, uniqueName, waitFor } from '../support/fixtures';

describe('scheduled jobs', () => {
  it('enqueueAt and enqueueIn hold jobs in scheduled until due; runNow queues one at once', async () => {
    const q = makeQueue(uniqueName());
    const at = await q.enqueueAt(new Date(Date.now() + 3_600_000), 't', 'at');
    const inMs = await q.enqueueIn(3_600_000, 't', 'in');
    const jobAt = await q.getJob(at.id);
    expect(jobAt?.state).toBe('scheduled');
    expect(jobAt!.dueAt! - jobAt!.createdAt).toBeGreaterThan(3_500_000);
    expect((await q.getCounts()).scheduled).toBe(2);
    await q.runNow(inMs.id);
    expect((await q.getJob(inMs.id))?.state).toBe('queued');
    await expect(q.runNow(inMs.id)).rejects.toBeInstanceOf(InvalidStateError);
    await expect(q.runNow('missing')).rejects.toBeInstanceOf(JobNotFoundError);
    await expect(q.enqueueAt(new Date('not a date'), 't', 1)).rejects.toBeInstanceOf(ValidationError);
    await expect(q.enqueueIn(-5, 't', 1)).rejects.toBeInstanceOf(ValidationError);
    await expect(q.enqueueIn(Number.NaN, 't', 1)).rejects.toBeInstanceOf(ValidationError);
  });

  it('promotes due jobs while every slot is busy, long before the next heartbeat', async () => {
    const q = makeQueue(uniqueName());
    const block = gate();
    const w = makeWorker(q.name, { block: block.wait, t: () => 'ok' }, {
      concurrency: 1, leaseMs: 120_000, // a heartbeat every 24 s: only the promotion tick can do it
    });
    await w.start();
    await q.enqueue('block', {});
    await waitFor('slot busy', () => w.activeCount === 1);
    const { id } = await q.enqueueIn(200, 't', {});
    const promoted = await waitFor('promoted', async () => {
      const j = await q.getJob(id);
      return j?.state === 'queued' ? j : null;
    });
    // Server times: promoted well before a heartbeat (24 s) could have done it.
    expect(promoted.enqueuedAt! - promoted.createdAt).toBeLessThan(24_000);
    block.release();
    await waitFor('ran', async () => (await q.getJob(id))?.state === 'finished');
  });

  it('fires a scheduled job once even with several workers racing to promote it', async () => {
    const q = makeQueue(uniqueName());
    let runs = 0;
    const workers = [1, 2, 3].map(() => makeWorker(q.name, { t: () => { runs++; } }, { concurrency: 5 }));
    for (const w of workers) await w.start();
    const ids = await Promise.all(Array.from({ length: 20 }, () => q.enqueueIn(100, 't', {})));
    await waitFor('all finished', async () => (await q.getCounts()).finished === 20);
    expect(runs).toBe(20);
    for (const { id } of ids) expect((await q.getJob(id))?.attempts).toBe(1);
  });
});

describe('retries', () => {
  it('lets a handler choose its retry delay with RetryLaterError, within the attempt budget', async () => {
    const q = makeQueue(uniqueName());
    const { id } = await q.enqueue('limited', {}, { retry: { attempts: 2, backoff: { type: 'fixed', delay: 3_600_000 } } });
    let calls = 0;
    const w = makeWorker(q.name, { limited: () => { calls++; if (calls === 1) throw new RetryLaterError(50, 'rate limited'); return 'done'; } });
    await w.start();
    const job = await waitFor('finished', async () => { const j = await q.getJob(id); return j?.state === 'finished' ? j : null; });
    expect(calls).toBe(2);
    expect(job.attempts).toBe(2);
    expect(job.error?.message).toBe('rate limited');
  });

  it('rejects unknown strategies and inconsistent retry options at enqueue', async () => {
    const q = makeQueue(uniqueName());
    const bad = [
      { attempts: 0 }, { attempts: 1.5 }, { attempts: 3, backoff: { type: 'linear', delay: 10 } },
      { attempts: 3, backoff: { type: 'exponential', delay: -1 } }, { attempts: 3, backoff: { type: 'intervals', intervals: [] } },
    ];
    for (const retry of bad) await expect(q.enqueue('t', 1, { retry: retry as never })).rejects.toBeInstanceOf(ValidationError);
    for (const timeout of [0, -5, Number.NaN, '10' as never]) {
      await expect(q.enqueue('t', 1, { timeout })).rejects.toBeInstanceOf(ValidationError);
    }
    expect((await q.getCounts()).queued).toBe(0);
  });
});
