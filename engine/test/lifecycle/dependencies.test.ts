import { describe, expect, it } from 'vitest';
import { JobNotFoundError, ValidationError } from '../../index';
import { makeQueue, makeWorker, uniqueName, waitFor } from '../support/fixtures';

type Q = ReturnType<typeof makeQueue>;
const ended = (q: Q, id: string) => waitFor(`job ${id} ended`, async () => {
  const j = await q.getJob(id);
  return j && ['finished', 'failed', 'canceled'].includes(j.state) ? j : null;
});

describe('dependencies', () => {
  it('runs a chain in order: a child waits in deferred until its parents finish', async () => {
    const q = makeQueue(uniqueName());
    const order: string[] = [];
    const a = await q.enqueue('step', 'a');
    const b = await q.enqueue('step', 'b', { dependsOn: [a.id] });
    const c = await q.enqueue('step', 'c', { dependsOn: [a.id, { id: b.id }] });
    expect((await q.getJob(b.id))).toMatchObject({ state: 'deferred', pendingDependencies: 1 });
    expect((await q.getJob(c.id))).toMatchObject({ state: 'deferred', pendingDependencies: 2 });
    expect((await q.getJob(c.id))?.dependsOn).toEqual(expect.arrayContaining([
      { queue: q.name, id: a.id, allowFailure: false, done: false }, { queue: q.name, id: b.id, allowFailure: false, done: false },
    ]));
    const w = makeWorker(q.name, { step: ({ data }) => { order.push(data as string); } }, { concurrency: 5 });
    await w.start();
    expect((await ended(q, c.id)).state).toBe('finished');
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('cancels dependents of a failed parent down the chain, with the reason, unless failure is allowed', async () => {
    const q = makeQueue(uniqueName());
    const parent = await q.enqueue('boom', {});
    const child = await q.enqueue('ok', {}, { dependsOn: [parent.id] });
    const grandchild = await q.enqueue('ok', {}, { dependsOn: [child.id] });
    const tolerant = await q.enqueue('ok', {}, { dependsOn: [{ id: parent.id, allowFailure: true }] });
    const w = makeWorker(q.name, { boom: () => { throw new Error('parent broke'); }, ok: () => 'ran' });
    await w.start();
    expect(await ended(q, child.id)).toMatchObject({ state: 'canceled', cancelReason: `dependency ${q.name}/${parent.id} failed` });
    expect(await ended(q, grandchild.id)).toMatchObject({ state: 'canceled', cancelReason: `dependency ${q.name}/${child.id} canceled` });
    expect(await ended(q, tolerant.id)).toMatchObject({ state: 'finished', result: 'ran' });
    // A parent that already failed cancels a new dependent at once.
    const late = await q.enqueue('ok', {}, { dependsOn: [parent.id] });
    expect((await q.getJob(late.id))?.state).toBe('canceled');
  });

  it('cancels or deletes a parent: its dependents are canceled', async () => {
    const q = makeQueue(uniqueName());
    const p1 = await q.enqueue('t', 1, { delay: 60_000 });
    const p2 = await q.enqueue('t', 2, { delay: 60_000 });
    const c1 = await q.enqueue('t', 3, { dependsOn: [p1.id] });
    const c2 = await q.enqueue('t', 4, { dependsOn: [p2.id] });
    await q.cancelJob(p1.id);
    await q.deleteJob(p2.id);
    expect(await q.getJob(c1.id)).toMatchObject({ state: 'canceled', cancelReason: `dependency ${q.name}/${p1.id} canceled` });
    expect(await q.getJob(c2.id)).toMatchObject({ state: 'canceled', cancelReason: `dependency ${q.name}/${p2.id} deleted` });
  });

  it('waits on parents in other queues (delivered through the outbox), and a parent with resultTtl 0 still releases it', async () => {
    const parents = makeQueue(uniqueName('parents'));
    const children = makeQueue(uniqueName('children'));
    const p = await parents.enqueue('t', 'p', { resultTtl: 0 });
    const c = await children.enqueue('t', 'c', { dependsOn: [{ queue: parents.name, id: p.id }] });
    expect((await children.getJob(c.id))?.state).toBe('deferred');
    const order: string[] = [];
    // Default lease: heartbeats every 3 s; the promotion tick delivers the outbox sooner.
    const w = makeWorker([parents.name, children.name], { t: ({ data }) => { order.push(data as string); } });
    await w.start();
    expect((await ended(children, c.id)).state).toBe('finished');
    expect(order).toEqual(['p', 'c']);
    expect(await parents.getJob(p.id)).toBeNull(); // deleted at once: it did not strand the child
    expect(await parents.client.llen(parents.keys.outbox)).toBe(0);
  });

  it('resolves at once against a parent in another queue that has already ended', async () => {
    const parents = makeQueue(uniqueName('parents'));
    const children = makeQueue(uniqueName('children'));
    const p = await parents.enqueue('t', 'p');
    const w = makeWorker(parents.name, { t: () => 'done', boom: () => { throw new Error('x'); } });
    await w.start();
    await ended(parents, p.id);
    const f = await parents.enqueue('boom', {});
    await ended(parents, f.id);
    const ok = await children.enqueue('t', 'c', { dependsOn: [{ queue: parents.name, id: p.id }] });
    const canceled = await children.enqueue('t', 'c', { dependsOn: [{ queue: parents.name, id: f.id }] });
    expect((await children.getJob(ok.id))?.state).toBe('queued');
    expect(await children.getJob(canceled.id)).toMatchObject({ state: 'canceled', cancelReason: `dependency ${parents.name}/${f.id} failed` });
  });

  it('rejects missing parents, self-dependency, delay with dependsOn and malformed entries; nothing is written', async () => {
    const q = makeQueue(uniqueName());
    const other = uniqueName('other');
    await expect(q.enqueue('t', 1, { dependsOn: ['nope'] })).rejects.toBeInstanceOf(ValidationError);
    await expect(q.enqueue('t', 1, { dependsOn: [{ queue: other, id: 'nope' }] })).rejects.toBeInstanceOf(JobNotFoundError);
    await expect(q.enqueue('t', 1, { jobId: 'me', dependsOn: ['me'] })).rejects.toBeInstanceOf(ValidationError);
    const p = await q.enqueue('t', 0);
    await expect(q.enqueue('t', 1, { delay: 10, dependsOn: [p.id] })).rejects.toBeInstanceOf(ValidationError);
    for (const bad of ['x' as never, [1] as never, [{ id: p.id, allowFailure: 'yes' }] as never, [{ id: p.id, extra: 1 }] as never, [p.id, p.id]]) {
      await expect(q.enqueue('t', 1, { dependsOn: bad })).rejects.toBeInstanceOf(ValidationError);
    }
    expect(await q.getCounts()).toMatchObject({ queued: 1, deferred: 0 });
    // A parent earlier in the same batch is fine.
    const [a, b] = await q.enqueueMany([{ task: 't', data: 'a', options: { jobId: 'pa' } }, { task: 't', data: 'b', options: { dependsOn: ['pa'] } }]);
    expect(a.status).toBe('created');
    expect((await q.getJob(b.id))?.state).toBe('deferred');
  });
});
