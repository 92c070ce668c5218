import { describe, expect, it } from 'vitest';
import { retryDelay, validateBackoff, validateRetry } from '../../backoff';

describe('retryDelay', () => {
  it('is 0 without a backoff', () => expect(retryDelay(undefined, 3)).toBe(0));
  it('repeats a fixed delay', () => expect([1, 2, 5].map((a) => retryDelay({ type: 'fixed', delay: 250 }, a))).toEqual([250, 250, 250]));
  it('doubles an exponential delay per attempt, up to maxDelay', () => {
    const spec = { type: 'exponential', delay: 100, maxDelay: 1000 } as const;
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelay(spec, a))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
  it('walks a list of intervals and repeats the last', () => {
    const spec = { type: 'intervals' as const, intervals: [10, 60, 300] };
    expect([1, 2, 3, 4].map((a) => retryDelay(spec, a))).toEqual([10, 60, 300, 300]);
  });
  it('subtracts up to jitter × delay', () => {
    const spec = { type: 'fixed', delay: 1000, jitter: 0.5 } as const;
    expect(retryDelay(spec, 1, () => 0)).toBe(1000);
    expect(retryDelay(spec, 1, () => 1)).toBe(500);
  });
});

describe('validateRetry', () => {
  it('accepts a number as a fixed backoff', () => {
    expect(validateRetry({ attempts: 3, backoff: 500 })).toEqual({ attempts: 3, backoff: { type: 'fixed', delay: 500 } });
  });
  it.each([
    [{ attempts: 1.5 }, 'retry.attempts'],
    [{ attempts: 1001 }, 'retry.attempts'],
    [{ attempts: 2, backoff: { type: 'exponential', delay: 100, maxDelay: 50 } }, 'retry.backoff.maxDelay'],
    [{ attempts: 2, backoff: { type: 'fixed', delay: 10, jitter: 2 } }, 'retry.backoff.jitter'],
    [{ attempts: 2, backoff: { type: 'intervals', intervals: [] } }, 'retry.backoff.intervals'],
    [{ attempts: 2, backoff: 'soon' }, 'retry.backoff'],
  ])('rejects %o at %s', (raw, field) => {
    expect(() => validateRetry(raw)).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR', field }));
  });
  it('names the unknown strategy', () => {
    expect(() => validateBackoff({ type: 'fibonacci', delay: 1 })).toThrow(/"fibonacci"/);
  });
});
