import { describe, expect, it, vi } from 'vitest';
import { Inspector, validateQueueName } from '@/engine';
import { freePort } from '@/scripts/lib/redis-server.mjs';
import { makeInspector, makeQueue, uniqueName } from '@/engine/test/support/fixtures';
import { errorResponse, HttpError, route, toHttpError } from '../http';
import { params, request, useDashboardEnv } from './support';

vi.mock('server-only', () => ({}));

useDashboardEnv();

async function caught(work: () => Promise<unknown> | unknown): Promise<unknown> {
  try {
    await work();
  } catch (e) {
    return e;
  }
  throw new Error('expected the work to throw');
}

describe('toHttpError maps real engine errors', () => {
  it('VALIDATION_ERROR -> 400', async () => {
    const e = toHttpError(await caught(() => validateQueueName('a{b}')));
    expect([e.status, e.code]).toEqual([400, 'VALIDATION_ERROR']);
    expect(e.message).toMatch(/may not contain/);
  });

  it('PAYLOAD_NOT_JSON -> 400', async () => {
    const q = makeQueue(uniqueName());
    const e = toHttpError(await caught(() => q.enqueue('t', { n: 10n })));
    expect([e.status, e.code]).toEqual([400, 'PAYLOAD_NOT_JSON']);
  });

  it('QUEUE_NOT_FOUND and JOB_NOT_FOUND -> 404', async () => {
    const inspector = makeInspector();
    const unknownQueue = toHttpError(await caught(() => inspector.queue(uniqueName('missing'))));
    expect([unknownQueue.status, unknownQueue.code]).toEqual([404, 'QUEUE_NOT_FOUND']);
    const q = makeQueue(uniqueName());
    const unknownJob = toHttpError(await caught(() => q.deleteJob('no-such-job')));
    expect([unknownJob.status, unknownJob.code]).toEqual([404, 'JOB_NOT_FOUND']);
  });

  it('INVALID_STATE -> 409', async () => {
    const q = makeQueue(uniqueName());
    const { id } = await q.enqueue('t', {});
    const e = toHttpError(await caught(() => q.retryJob(id)));
    expect([e.status, e.code]).toEqual([409, 'INVALID_STATE']);
    expect(e.message).toMatch(/it is queued/);
  });

  it('an unreachable Redis -> 503', async () => {
    const port = await freePort();
    const inspector = new Inspector({ connection: `redis://127.0.0.1:${port}` });
    inspector.client.on('error', () => {});
    try {
      const e = toHttpError(await caught(() => inspector.listQueues()));
      expect([e.status, e.code]).toEqual([503, 'REDIS_UNAVAILABLE']);
      expect(e.message).toMatch(/^Redis is unavailable: the dashboard cannot reach the Redis server/);
    } finally {
      inspector.client.disconnect();
    }
  });

  it('anything else -> 500 that does not leak the message or stack, but is logged on the server', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const thrown = new Error('secret internals at /srv/app.js:12');
    const response = errorResponse(thrown);
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body).toEqual({ error: { code: 'INTERNAL_ERROR', message: 'internal server error (see the server log)' } });
    expect(log).toHaveBeenCalledWith('[conveyor] request failed:', thrown);
    log.mockRestore();
  });
});

describe('route()', () => {
  const seen: string[] = [];
  const handler = route<{ queue: string }>(async (_req, p) => {
    seen.push(p.queue);
    return { echoed: p.queue };
  });
  const mutation = route<{ queue: string }>(
    async (_req, p) => {
      seen.push(`mutated ${p.queue}`);
      return { ok: true };
    },
    { mutates: true },
  );

  it('answers JSON with no-store caching', async () => {
    const response = await handler(request('/api/x'), params({ queue: 'a/b' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ echoed: 'a/b' });
  });

  it('turns a thrown HttpError into its status and JSON body', async () => {
    const failing = route(async () => {
      throw new HttpError(400, 'VALIDATION_ERROR', 'page must be at least 1');
    });
    const response = await failing(request('/api/x'), params({}));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'VALIDATION_ERROR', message: 'page must be at least 1' } });
  });

  it('refuses a mutation from another origin, or with no origin, and does not run it', async () => {
    seen.length = 0;
    for (const init of [{ origin: 'http://evil.test' }, { origin: null }, { headers: { 'sec-fetch-site': 'cross-site' } }]) {
      const response = await mutation(request('/api/x', { method: 'POST', ...init }), params({ queue: 'q' }));
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe('CROSS_ORIGIN');
    }
    expect(seen).toEqual([]);
  });

  it('runs a same-origin mutation (Origin matching Host, or Sec-Fetch-Site: same-origin)', async () => {
    seen.length = 0;
    expect((await mutation(request('/api/x', { method: 'POST' }), params({ queue: 'q1' }))).status).toBe(200);
    const bySite = request('/api/x', { method: 'POST', origin: null, headers: { 'sec-fetch-site': 'same-origin' } });
    expect((await mutation(bySite, params({ queue: 'q2' }))).status).toBe(200);
    expect(seen).toEqual(['mutated q1', 'mutated q2']);
  });
});
