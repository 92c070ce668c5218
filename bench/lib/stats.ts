/**
 * Small statistics helpers: min/median/max over rounds, percentiles over samples, and the
 * median of paired ratios (the number to quote on a noisy shared machine).
 */

export interface Spread {
  n: number;
  min: number;
  median: number;
  max: number;
}

const finite = (xs: readonly number[]) => xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);

export function median(xs: readonly number[]): number {
  const a = finite(xs);
  if (a.length === 0) return NaN;
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

export function spread(xs: readonly number[]): Spread {
  const a = finite(xs);
  return { n: a.length, min: a[0] ?? NaN, median: median(a), max: a[a.length - 1] ?? NaN };
}

/** Nearest-rank percentile (p in 0..100) of raw samples. */
export function percentile(xs: readonly number[], p: number): number {
  const a = finite(xs);
  if (a.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * a.length);
  return a[Math.min(a.length - 1, Math.max(0, rank - 1))];
}

export function mean(xs: readonly number[]): number {
  const a = finite(xs);
  return a.length ? a.reduce((s, x) => s + x, 0) / a.length : NaN;
}

/** Rounds to `digits` decimals, keeping NaN as null so JSON stays valid. */
export function round(x: number, digits = 2): number | null {
  if (!Number.isFinite(x)) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function fmtInt(x: number | null | undefined): string {
  return x !== null && x !== undefined && Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a';
}

export function fmt(x: number | null | undefined, digits = 1): string {
  return x !== null && x !== undefined && Number.isFinite(x) ? x.toFixed(digits) : 'n/a';
}
