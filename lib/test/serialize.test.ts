import { describe, expect, it, vi } from 'vitest';
import type { JobRecord } from '@/engine';
import { gate, makeQueue, makeRedis, makeWorker, uniqueName, waitFor } from '@/engine/test/support/fixtures';
import { MAX_JSON_TEXT, toJobDetail, toJobRow } from '../serialize';

vi.mock('server-only', () => ({}));

const XSS = '<img src=x onerror=alert(1)>';

async function until(q: ReturnType<typeof makeQueue>, id: string, state: JobRecord['state']): Promise<JobRecord> {
  return waitFor(`job ${id} ${state}`, async () => {
    const job = await q.getJob(id);
    return job?.state === state ? job : null;
  });
}

describe('job rows', () => {
  it('carry sizes and summaries, never the payload', async () => {
    const q = makeQueue(uniqueName('a/b c#%'));
    const data = { text: 'ünï 📦', list: [1, 2, 3] };
    const { id } = await q.enqueue('send', data, { jobId: 'x:y/z', description: 'd'.repeat(500) });
    const [summary] = await q.getJobSummaries([id]);
    const row = toJobRow(summary);
    expect(row).toMatchObject({ id: 'x:y/z', task: 'send', state: 'queued', attempts: 0, maxAttempts: 1, error: null, startedAt: null });
    expect(row.payloadBytes).toBe(Buffer.byteLength(JSON.stringify(data)));
    expect(row.description).toHaveLength(160);
    expect(row.description!.endsWith('…')).toBe(true);
    expect(JSON.stringify(row)).not.toContain('ünï');
  });

  it('summarize a failure as the error name and the first line of its message', async () => {
    const q = makeQueue(uniqueName());
    const { id } = await q.enqueue('boom', {});
    const w = makeWorker(q.name, {
      boom: () => {
        throw new RangeError(`first line ${'x'.repeat(300)}\nsecond line`);
      },
    });
    await w.start();
    await until(q, id, 'failed');
    const row = toJobRow((await q.getJobSummaries([id]))[0]);
    expect(row.error!.name).toBe('RangeError');
    expect(row.error!.message.startsWith('first line x')).toBe(true);
    expect(row.error!.message).not.toContain('second line');
    expect(row.error!.message.length).toBeLessThanOrEqual(200);
    expect(row.attempts).toBe(1);
    expect(row.endedAt).toBeGreaterThanOrEqual(row.startedAt!);
  });
});

describe('job detail', () => {
  it('carries payload, result and meta as pretty JSON text, and markup stays verbatim text', async () => {
    const q = makeQueue(uniqueName());
    const { id } = await q.enqueue(XSS, { html: XSS }, { description: XSS, meta: { note: XSS }, retry: { attempts: 2, backoff: { type: 'fixed', delay: 10 } }, timeout: 5000, resultTtl: -1 });
    const w = makeWorker(q.name, { [XSS]: () => ({ echoed: XSS }) });
    await w.start();
    const detail = toJobDetail(await until(q, id, 'finished'), 1234);
    expect(detail.task).toBe(XSS);
    expect(detail.description).toBe(XSS);
    expect(detail.payload).toEqual({ text: `{\n  "html": "${XSS}"\n}`, truncated: false, bytes: Buffer.byteLength(`{\n  "html": "${XSS}"\n}`) });
    expect(JSON.parse(detail.result!.text)).toEqual({ echoed: XSS });
    expect(JSON.parse(detail.meta!.text)).toEqual({ note: XSS });
    expect(detail).toMatchObject({ maxAttempts: 2, timeout: 5000, resultTtl: -1, failureTtl: null, backoff: { type: 'fixed', delay: 10 }, dataError: null, error: null, now: 1234, leaseExpiresAt: null });
    expect(detail.worker).toBe(w.name);
  });

  it('keeps the error stack of a failed job', async () => {
    const q = makeQueue(uniqueName());
    const { id } = await q.enqueue('boom', {});
    const w = makeWorker(q.name, {
      boom: () => {
        throw new TypeError(`${XSS}\nmore detail`);
      },
    });
    await w.start();
    const detail = toJobDetail(await until(q, id, 'failed'));
    expect(detail.error).toMatchObject({ name: 'TypeError', message: `${XSS}\nmore detail`, code: null });
    expect(detail.error!.stack).toContain(`TypeError: ${XSS}`);
  });

  it('shows the lease owner and deadline while a job runs', async () => {
    const q = makeQueue(uniqueName());
    const { id } = await q.enqueue('slow', {});
    const slow = gate();
    const w = makeWorker(q.name, { slow: slow.wait });
    await w.start();
    const detail = toJobDetail(await until(q, id, 'started'));
    expect(detail.worker).toBe(w.name);
    expect(detail.leaseExpiresAt).toBeGreaterThan(detail.startedAt!);
    slow.release();
    await until(q, id, 'finished');
  });

  it('caps a huge payload and says so', async () => {
    const q = makeQueue(uniqueName());
    const { id } = await q.enqueue('big', { blob: 'y'.repeat(MAX_JSON_TEXT + 1000) });
    const detail = toJobDetail((await q.getJob(id))!);
    expect(detail.payload.truncated).toBe(true);
    expect(detail.payload.text).toHaveLength(MAX_JSON_TEXT);
    expect(detail.payload.bytes).toBeGreaterThan(MAX_JSON_TEXT);
  });

  it('shows a payload that is not valid JSON as its raw text with the reason', async () => {
    const q = makeQueue(uniqueName());
    const { id } = await q.enqueue('t', { ok: true });
    await makeRedis().hset(q.keys.jobPrefix + id, 'data', '{"a": <not json>');
    const job = (await q.getJob(id))!;
    const detail = toJobDetail(job);
    expect(detail.payload.text).toBe('{"a": <not json>');
    expect(detail.dataError).toMatch(/JSON/);
    expect(toJobRow((await q.getJobSummaries([id]))[0]).payloadBytes).toBe(16);
  });
});
