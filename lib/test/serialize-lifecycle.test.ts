import { describe, expect, it, vi } from 'vitest';
import { gate, makeQueue, makeWorker, uniqueName, waitFor } from '@/engine/test/support/fixtures';
import { progressPercent, toJobDetail, toJobRow, toProgress } from '../serialize';

vi.mock('server-only', () => ({}));

const XSS = '<img src=x onerror=alert(1)>';

describe('progress', () => {
  it('a finite number is a percentage clamped to 0-100; an object is JSON text; anything else none', () => {
    expect([progressPercent(40), progressPercent(-5), progressPercent(250), progressPercent(33.5)]).toEqual([40, 0, 100, 33.5]);
    expect([progressPercent(Number.NaN), progressPercent('40'), progressPercent({ p: 1 })]).toEqual([null, null, null]);
    expect(toProgress(12)).toEqual({ kind: 'percent', percent: 12 });
    expect(toProgress({ stage: XSS })).toEqual({ kind: 'json', json: { text: `{\n  "stage": "${XSS}"\n}`, truncated: false, bytes: expect.any(Number) } });
    expect([toProgress(undefined), toProgress(null), toProgress(Number.POSITIVE_INFINITY)]).toEqual([null, null, null]);
  });
});

describe('lifecycle fields', () => {
  it('rows carry priority, percent progress of running jobs, and the cancel reason (truncated)', async () => {
    const q = makeQueue(uniqueName());
    const [high, low, normal] = await q.enqueueMany([
      { task: 't', data: 1, options: { priority: 'high' } },
      { task: 't', data: 2, options: { priority: 'low' } },
      { task: 't', data: 3 },
    ]);
    await q.cancelJob(normal.id, `${XSS} ${'r'.repeat(400)}`);
    const rows = (await q.getJobSummaries([high.id, low.id, normal.id])).map(toJobRow);
    expect(rows.map((r) => r.priority)).toEqual(['high', 'low', 'normal']);
    expect(rows.map((r) => r.progress)).toEqual([null, null, null]);
    expect(rows[0].cancelReason).toBeNull();
    expect(rows[2].cancelReason!.startsWith(XSS)).toBe(true);
    expect(rows[2].cancelReason).toHaveLength(200);

    const hold = gate();
    const w = makeWorker(q.name, {
      t: async (ctx) => {
        await ctx.updateProgress(55);
        await hold.wait();
      },
    });
    await w.start();
    const running = await waitFor('progress reported', async () => {
      const [row] = (await q.getJobSummaries([high.id])).map(toJobRow);
      return row.state === 'started' && row.progress === 55 ? row : null;
    });
    expect(running.progress).toBe(55);
    hold.release();
    await w.close();
  });

  it('the detail carries dependencies, the pending count, the unique key, the ttl and its deadline', async () => {
    const q = makeQueue(uniqueName());
    const other = makeQueue(uniqueName('other'));
    const parent = await q.enqueue('p', {}, { delay: 60_000 });
    const remote = await other.enqueue('p', {}, { delay: 60_000 });
    const child = await q.enqueue('c', {}, { dependsOn: [parent.id, { id: remote.id, queue: other.name, allowFailure: true }] });
    const detail = toJobDetail((await q.getJob(child.id))!);
    expect(detail.state).toBe('deferred');
    // Sorted by queue, then id, whatever order the hash gives.
    const expected = [
      { queue: q.name, id: parent.id, allowFailure: false, done: false },
      { queue: other.name, id: remote.id, allowFailure: true, done: false },
    ];
    expect(detail.dependsOn).toEqual(expected.sort((a, b) => a.queue.localeCompare(b.queue)));
    expect(detail.pendingDependencies).toBe(2);
    expect(detail.uniqueKey).toBeNull();

    const unique = await q.enqueue('u', {}, { unique: { key: `report ${XSS}` }, ttl: 30_000 });
    const u = toJobDetail((await q.getJob(unique.id))!);
    expect(u.uniqueKey).toBe(`report ${XSS}`);
    expect([u.ttl, u.expiresAt]).toEqual([30_000, u.enqueuedAt! + 30_000]);
    expect(u).toMatchObject({ priority: 'normal', progress: null, logCount: 0, cancelReason: null, canceledAt: null, dependsOn: [], pendingDependencies: null });
  });
});
