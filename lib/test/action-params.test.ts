import { describe, expect, it, vi } from 'vitest';
import { HttpError } from '../http';
import { cancelBodySchema, logsQuerySchema, MAX_BODY_BYTES, parseOrThrow, readJsonBody, requeueBodySchema } from '../params';

vi.mock('server-only', () => ({}));

const post = (body?: string, headers: Record<string, string> = {}) => new Request('http://dash.test/api/x', { method: 'POST', body, headers });

async function refusal(work: () => unknown): Promise<{ status: number; code: string; message: string }> {
  try {
    await work();
  } catch (e) {
    expect(e).toBeInstanceOf(HttpError);
    const { status, code, message } = e as HttpError;
    return { status, code, message };
  }
  throw new Error('expected a refusal');
}

describe('action bodies', () => {
  it('an empty body is an empty object; JSON is parsed', async () => {
    expect(await readJsonBody(post())).toEqual({});
    expect(await readJsonBody(post('  '))).toEqual({});
    expect(await readJsonBody(post('{"reason":"x"}'))).toEqual({ reason: 'x' });
  });

  it('refuses a body that is not JSON, or too large, with a 400', async () => {
    expect(await refusal(() => readJsonBody(post('{reason: x}')))).toEqual({ status: 400, code: 'VALIDATION_ERROR', message: 'the request body is not valid JSON' });
    const big = JSON.stringify({ reason: 'x'.repeat(MAX_BODY_BYTES) });
    expect((await refusal(() => readJsonBody(post(big)))).message).toMatch(/larger than 16384 bytes/);
  });
});

describe('cancel body', () => {
  it('takes an optional reason, trimmed; an empty one is none', () => {
    expect(parseOrThrow(cancelBodySchema, {})).toEqual({});
    expect(parseOrThrow(cancelBodySchema, { reason: '  customer asked  ' })).toEqual({ reason: 'customer asked' });
    expect(parseOrThrow(cancelBodySchema, { reason: '   ' }).reason).toBeUndefined();
    expect(parseOrThrow(cancelBodySchema, { reason: '<b>markup</b> stays text' })).toEqual({ reason: '<b>markup</b> stays text' });
  });

  it.each([
    [{ reason: 42 }, /reason must be a string/],
    [{ reason: 'x'.repeat(501) }, /reason must be at most 500 characters/],
    [{ why: 'typo' }, /unknown field\(s\): why/],
    [[], /the body must be a JSON object/],
    ['reason', /the body must be a JSON object/],
  ])('refuses %j', async (body, message) => {
    const e = await refusal(() => parseOrThrow(cancelBodySchema, body));
    expect([e.status, e.code]).toEqual([400, 'VALIDATION_ERROR']);
    expect(e.message).toMatch(message);
  });
});

describe('requeue body', () => {
  it('takes one of failed, canceled, finished', () => {
    for (const state of ['failed', 'canceled', 'finished'] as const) expect(parseOrThrow(requeueBodySchema, { state })).toEqual({ state });
  });

  it.each([[{}], [{ state: 'queued' }], [{ state: 'started' }], [{ state: ['failed'] }]])('refuses %j naming the states', async (body) => {
    expect((await refusal(() => parseOrThrow(requeueBodySchema, body))).message).toMatch(/state must be one of failed, canceled, finished/);
  });
});

describe('log query', () => {
  it('defaults to the newest 100 lines (no offset)', () => {
    expect(parseOrThrow(logsQuerySchema, {})).toEqual({ limit: 100 });
    expect(parseOrThrow(logsQuerySchema, { offset: '0', limit: '500' })).toEqual({ offset: 0, limit: 500 });
  });

  it.each([
    [{ limit: '0' }, /limit must be at least 1/],
    [{ limit: '501' }, /limit must be at most 500/],
    [{ offset: '-1' }, /offset must be at least 0/],
    [{ offset: '1.5' }, /offset must be a whole number/],
  ])('refuses %j', async (query, message) => {
    expect((await refusal(() => parseOrThrow(logsQuerySchema, query))).message).toMatch(message);
  });
});
