import { describe, expect, it } from 'vitest';
import { encodeJob, validateTimeout, validateTtl } from '../../options';

describe('encodeJob', () => {
  it('stores only what was asked for', () => {
    expect(encodeJob('id1', 't', '1', undefined, 'q')).toEqual({
      id: 'id1', atFront: false, delay: 0, priority: '', uniqueKey: '', uniqueWindowMs: 0, deps: [], fields: ['task', 't', 'data', '1'],
    });
  });
  it('encodes every option', () => {
    const job = encodeJob('gen', 't', '{}', {
      jobId: 'mine', timeout: 5000, retry: { attempts: 3, backoff: 100 }, resultTtl: 0, failureTtl: -1,
      description: 'd', meta: { k: 1 }, atFront: true, delay: 10,
    }, 'q');
    expect(job.id).toBe('mine');
    expect(job.atFront).toBe(true);
    expect(job.delay).toBe(10);
    expect(Object.fromEntries(Array.from({ length: job.fields.length / 2 }, (_, i) => [job.fields[2 * i], job.fields[2 * i + 1]]))).toEqual({
      task: 't', data: '{}', timeout: '5000', maxAttempts: '3', backoff: '{"type":"fixed","delay":100}',
      resultTtl: '0', failureTtl: '-1', description: 'd', meta: '{"k":1}',
    });
  });
  it('rejects unknown options and wrong types, naming the field', () => {
    expect(() => encodeJob('i', 't', '1', { retries: 3 } as never, 'q')).toThrow(expect.objectContaining({ field: 'retries' }));
    expect(() => encodeJob('i', 't', '1', { atFront: 'yes' } as never, 'q')).toThrow(expect.objectContaining({ field: 'atFront' }));
    expect(() => encodeJob('i', 't', '1', { meta: [1] } as never, 'q')).toThrow(expect.objectContaining({ field: 'meta' }));
    expect(() => encodeJob('i', 't', '1', { delay: -1 }, 'q')).toThrow(expect.objectContaining({ field: 'delay' }));
  });
});

describe('timeouts and TTLs', () => {
  it('maps -1 and Infinity to no limit', () => {
    expect(validateTimeout(-1)).toBe(-1);
    expect(validateTimeout(Infinity)).toBe(-1);
    expect(validateTtl(Infinity, 'resultTtl')).toBe(-1);
  });
  it('rounds a fractional timeout up, never down to 0', () => expect(validateTimeout(0.2)).toBe(1));
  it.each([0, -2, NaN, '10', undefined])('rejects timeout %s', (v) => expect(() => validateTimeout(v)).toThrow(/timeout/));
  it.each([-2, 1.5, NaN])('rejects TTL %s', (v) => expect(() => validateTtl(v, 'resultTtl')).toThrow(/resultTtl/));
});
