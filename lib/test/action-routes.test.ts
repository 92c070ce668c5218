import { describe, expect, it, vi } from 'vitest';
import { assertConsistent } from '@/engine';
import { makeQueue, uniqueName } from '@/engine/test/support/fixtures';
import { POST as cancel } from '@/app/api/queues/[queue]/jobs/[id]/cancel/route';
import { GET as logs } from '@/app/api/queues/[queue]/jobs/[id]/logs/route';
import { POST as runNow } from '@/app/api/queues/[queue]/jobs/[id]/run-now/route';
import { POST as pause } from '@/app/api/queues/[queue]/pause/route';
import { POST as requeue } from '@/app/api/queues/[queue]/requeue/route';
import { POST as resume } from '@/app/api/queues/[queue]/resume/route';
import { params, request, useDashboardEnv } from './support';

vi.mock('server-only', () => ({}));

const prefix = useDashboardEnv();
const queueOf = (name: string) => makeQueue(name, { prefix });
const seg = encodeURIComponent;
const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

async function answer(response: Response): Promise<[number, unknown]> {
  return [response.status, await response.json()];
}

describe('action routes', () => {
  it('cancel: takes an optional reason, refuses bad bodies and ended jobs, maps unknown ids to 404', async () => {
    const name = uniqueName('r/ö #%');
    const q = queueOf(name);
    const { id } = await q.enqueue('t', {}, { delay: 60_000, jobId: 'x:y/z' });
    const path = `/api/queues/${seg(name)}/jobs/${seg(id)}/cancel`;
    const p = params({ queue: name, id });

    const [status, body] = await answer(await cancel(request(path, json({ reason: 42 })), p));
    expect([status, (body as { error: { code: string; message: string } }).error]).toEqual([400, { code: 'VALIDATION_ERROR', message: 'reason must be a string' }]);
    expect((await cancel(request(path, { method: 'POST', body: '{oops' }), p)).status).toBe(400);
    expect((await cancel(request(path, { ...json({}), origin: 'http://evil.test' }), p)).status).toBe(403);
    expect((await q.getJob(id))?.state).toBe('scheduled');

    expect(await answer(await cancel(request(path, json({ reason: ' no longer needed ' })), p))).toEqual([200, { canceled: true, state: 'scheduled' }]);
    expect((await q.getJob(id))?.cancelReason).toBe('no longer needed');
    const [again, refusal] = await answer(await cancel(request(path, { method: 'POST' }), p));
    expect([again, (refusal as { error: { code: string } }).error.code]).toEqual([409, 'INVALID_STATE']);
    const missing = await cancel(request(`/api/queues/${seg(name)}/jobs/nope/cancel`, { method: 'POST' }), params({ queue: name, id: 'nope' }));
    expect(missing.status).toBe(404);
    await assertConsistent(q);
  });

  it('run-now, requeue, pause and resume answer what they did', async () => {
    const name = uniqueName();
    const q = queueOf(name);
    const { id } = await q.enqueue('t', {}, { delay: 60_000 });
    const base = `/api/queues/${seg(name)}`;
    expect(await answer(await runNow(request(`${base}/jobs/${seg(id)}/run-now`, { method: 'POST' }), params({ queue: name, id })))).toEqual([200, { ok: true }]);
    expect((await runNow(request(`${base}/jobs/${seg(id)}/run-now`, { method: 'POST' }), params({ queue: name, id }))).status).toBe(409);

    await q.cancelJob(id, 'x');
    const [bad, badBody] = await answer(await requeue(request(`${base}/requeue`, json({ state: 'queued' })), params({ queue: name })));
    expect([bad, (badBody as { error: { message: string } }).error.message]).toEqual([400, 'state must be one of failed, canceled, finished']);
    expect(await answer(await requeue(request(`${base}/requeue`, json({ state: 'canceled' })), params({ queue: name })))).toEqual([200, { state: 'canceled', requeued: 1 }]);

    expect(await answer(await pause(request(`${base}/pause`, { method: 'POST' }), params({ queue: name })))).toEqual([200, { queue: name, paused: true }]);
    expect(await q.isPaused()).toBe(true);
    expect(await answer(await resume(request(`${base}/resume`, { method: 'POST' }), params({ queue: name })))).toEqual([200, { queue: name, paused: false }]);
    const unknown = uniqueName('nope');
    expect((await pause(request(`/api/queues/${seg(unknown)}/pause`, { method: 'POST' }), params({ queue: unknown }))).status).toBe(404);
    await assertConsistent(q);
  });

  it('logs: validates the paging parameters', async () => {
    const name = uniqueName();
    const q = queueOf(name);
    const { id } = await q.enqueue('t', {});
    const path = `/api/queues/${seg(name)}/jobs/${seg(id)}/logs`;
    expect(await answer(await logs(request(path), params({ queue: name, id })))).toEqual([200, { lines: [], offset: 0, total: 0 }]);
    const [status, body] = await answer(await logs(request(`${path}?limit=0`), params({ queue: name, id })));
    expect([status, (body as { error: { message: string } }).error.message]).toEqual([400, 'limit must be at least 1']);
    await assertConsistent(q);
  });
});
