import 'server-only';
/**
 * Series for the overview charts: throughput summed over all queues, and backlog per queue for
 * the few queues with the largest backlog (the rest summed as "other", so the chart stays legible).
 */
import type { StatsSeries } from '@/engine';
import { inspector } from './engine';
import type { BacklogDto, StatsResponse } from './wire';

export const MAX_BACKLOG_SERIES = 8;

type Point = StatsSeries['points'][number];

/** Queue names ordered by their peak backlog in the window, then by current backlog, then name. */
function rankByBacklog(names: string[], points: Point[]): string[] {
  const last = points[points.length - 1];
  const peak = (q: string) => Math.max(0, ...points.map((p) => p.backlog[q] ?? 0));
  const now = (q: string) => last?.backlog[q] ?? 0;
  return [...names].sort((a, b) => peak(b) - peak(a) || now(b) - now(a) || a.localeCompare(b));
}

export function chartBacklog(names: string[], points: Point[], max = MAX_BACKLOG_SERIES): BacklogDto {
  const ranked = rankByBacklog(names, points);
  const shown = ranked.length > max ? ranked.slice(0, max) : ranked;
  const rest = ranked.slice(shown.length);
  return {
    queues: shown,
    other: rest.length > 0,
    points: points.map((p) => {
      const counts = shown.map((q) => p.backlog[q] ?? 0);
      if (rest.length > 0) counts.push(rest.reduce((sum, q) => sum + (p.backlog[q] ?? 0), 0));
      return { t: p.t, counts };
    }),
  };
}

export async function loadStats(windowSeconds: number): Promise<StatsResponse> {
  const names = await inspector().queueNames();
  const series = await inspector().stats(names, windowSeconds * 1000);
  return {
    bucketMs: series.bucketMs,
    windowSeconds,
    throughput: series.points.map(({ t, finished, failed, retried }) => ({ t, finished, failed, retried })),
    backlog: chartBacklog(names, series.points),
    now: Date.now(),
  };
}
