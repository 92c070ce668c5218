import { describe, expect, it, vi } from 'vitest';
import { HttpError } from '../http';
import { jobIdSchema, jobListQuerySchema, parseOrThrow, queueNameSchema, searchObject, stateSchema, statsQuerySchema } from '../params';

vi.mock('server-only', () => ({}));

describe('queue names and job ids', () => {
  it('accept names with spaces, slashes, colons, percent, hash, question marks and emoji', () => {
    for (const name of ['a/b c#%', 'x:y?z', 'ünïcødé 📦', '%41', '..']) {
      expect(parseOrThrow(queueNameSchema, name)).toBe(name);
      expect(parseOrThrow(jobIdSchema, name)).toBe(name);
    }
  });

  it('refuse what the engine refuses, with the engine reason', () => {
    expect(() => parseOrThrow(queueNameSchema, 'a{b}')).toThrow(/may not contain "\{" or "\}"/);
    expect(() => parseOrThrow(queueNameSchema, '')).toThrow(/non-empty/);
    expect(() => parseOrThrow(queueNameSchema, ' padded')).toThrow(/whitespace/);
    expect(() => parseOrThrow(queueNameSchema, 'x'.repeat(201))).toThrow(/longer than 200/);
    expect(() => parseOrThrow(jobIdSchema, 'bad\nid')).toThrow(/control characters/);
    expect(() => parseOrThrow(jobIdSchema, 'x'.repeat(257))).toThrow(/longer than 256/);
  });

  it('refuse non-strings', () => {
    expect(queueNameSchema.safeParse(42).success).toBe(false);
    expect(jobIdSchema.safeParse(null).success).toBe(false);
  });
});

describe('job list query', () => {
  it('defaults to the queued state, page 1 and 20 per page', () => {
    expect(parseOrThrow(jobListQuerySchema, {})).toEqual({ state: 'queued', page: 1, pageSize: 20 });
  });

  it('parses query-string numbers', () => {
    expect(parseOrThrow(jobListQuerySchema, { state: 'failed', page: '3', pageSize: '100' })).toEqual({ state: 'failed', page: 3, pageSize: 100 });
  });

  it.each([
    [{ state: 'bogus' }, /state must be one of queued, scheduled, deferred, started, finished, failed, canceled/],
    [{ page: '0' }, /page must be at least 1/],
    [{ page: '' }, /page must be at least 1/],
    [{ page: 'two' }, /page must be a whole number/],
    [{ page: '1.5' }, /page must be a whole number/],
    [{ pageSize: '101' }, /pageSize must be at most 100/],
    [{ pageSize: '0' }, /pageSize must be at least 1/],
  ])('rejects %j with a 400 naming the parameter', (input, message) => {
    let thrown: unknown;
    try {
      parseOrThrow(jobListQuerySchema, input);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(HttpError);
    expect((thrown as HttpError).status).toBe(400);
    expect((thrown as HttpError).code).toBe('VALIDATION_ERROR');
    expect((thrown as HttpError).message).toMatch(message);
  });

  it('accepts every engine state', () => {
    for (const s of ['queued', 'scheduled', 'deferred', 'started', 'finished', 'failed', 'canceled']) expect(stateSchema.parse(s)).toBe(s);
  });
});

describe('stats window', () => {
  it('defaults to 600 s and is bounded by what the engine keeps', () => {
    expect(parseOrThrow(statsQuerySchema, {})).toEqual({ window: 600 });
    expect(parseOrThrow(statsQuerySchema, { window: '60' })).toEqual({ window: 60 });
    expect(() => parseOrThrow(statsQuerySchema, { window: '5' })).toThrow(/window must be at least 10/);
    expect(() => parseOrThrow(statsQuerySchema, { window: '999999' })).toThrow(/window must be at most 1800/);
  });
});

describe('searchObject', () => {
  it('takes the first value of a repeated key and leaves absent keys absent', () => {
    expect(searchObject(new URLSearchParams('state=failed&state=queued&page=2'))).toEqual({ state: 'failed', page: '2' });
    expect(searchObject({ state: ['finished', 'failed'], page: undefined })).toEqual({ state: 'finished' });
  });
});
