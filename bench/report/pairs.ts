/**
 * Grouping and paired ratios over result records. A pair is Conveyor's and a peer's
 * measurement in the same server, round and slot: run next to each other, so they saw the same
 * machine. The ratio quoted is the median of those per-pair ratios.
 */
import { median } from '../lib/stats';

export const BASE_SYSTEM = 'conveyor';

export interface Placed {
  server: string;
  round: number;
  slot: string;
  system: string;
}

/** Conveyor's value over the peer's, one per pair; `value` may return NaN to leave a pair out. */
export function pairedRatios<T extends Placed>(records: readonly T[], peer: string, value: (r: T) => number): number[] {
  const byPlace = new Map<string, T>();
  for (const r of records) if (r.system === BASE_SYSTEM) byPlace.set(`${r.server}|${r.round}|${r.slot}`, r);
  const ratios: number[] = [];
  for (const r of records) {
    if (r.system !== peer) continue;
    const base = byPlace.get(`${r.server}|${r.round}|${r.slot}`);
    if (base) ratios.push(value(base) / value(r));
  }
  return ratios;
}

export function medianRatio<T extends Placed>(records: readonly T[], peer: string, value: (r: T) => number): number {
  return peer === BASE_SYSTEM ? 1 : median(pairedRatios(records, peer, value));
}

/** Groups records by a key, keeping first-seen order. */
export function groupBy<T>(records: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of records) {
    const k = key(r);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return groups;
}

const ORDER = ['conveyor', 'bullmq', 'bee-queue', 'rq-simple', 'rq-fork'];
export const bySystemOrder = (a: string, b: string) => (ORDER.indexOf(a) + 99) % 99 - (ORDER.indexOf(b) + 99) % 99 || a.localeCompare(b);
export const byServerOrder = (a: string, b: string) => (a === b ? 0 : a === 'volatile' ? -1 : 1);
