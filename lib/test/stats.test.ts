import { describe, expect, it, vi } from 'vitest';
import { chartBacklog } from '../stats';

vi.mock('server-only', () => ({}));

const point = (t: number, backlog: Record<string, number>) => ({ t, finished: 0, failed: 0, retried: 0, backlog });

describe('chartBacklog', () => {
  it('keeps every queue when there are few', () => {
    const out = chartBacklog(['a', 'b'], [point(0, { a: 1, b: 5 }), point(5000, { a: 2, b: 0 })]);
    expect(out).toEqual({ queues: ['b', 'a'], other: false, points: [{ t: 0, counts: [5, 1] }, { t: 5000, counts: [0, 2] }] });
  });

  it('charts the queues with the largest peak backlog and sums the rest as "other"', () => {
    const names = Array.from({ length: 11 }, (_, i) => `q${i}`);
    const early = Object.fromEntries(names.map((n, i) => [n, i]));
    const late = Object.fromEntries(names.map((n) => [n, 1]));
    const out = chartBacklog(names, [point(0, early), point(5000, late)], 8);
    expect(out.queues).toEqual(['q10', 'q9', 'q8', 'q7', 'q6', 'q5', 'q4', 'q3']);
    expect(out.other).toBe(true);
    expect(out.points[0].counts).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 0 + 1 + 2]);
    expect(out.points[1].counts).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 3]);
  });
});
