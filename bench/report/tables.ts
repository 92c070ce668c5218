/**
 * The summary tables of a run, as markdown: enqueue, processing, latency, memory, dashboard,
 * schedule.
 * Every ratio column is Conveyor / that row's system, the median of paired runs.
 */
import type { DashboardRec, DrainRec, EnqueueRec, LatencyRec, ScheduleRec } from '../lib/records';
import { fmt, fmtInt, median, spread } from '../lib/stats';
import { spreadText, table } from './markdown';
import { byServerOrder, bySystemOrder, groupBy, medianRatio } from './pairs';

const ratioText = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');
const med = <T>(rs: T[], f: (r: T) => number | null) => median(rs.map((r) => f(r) ?? NaN));

function sortedGroups<T extends { server: string; system: string }>(rs: T[], extra: (r: T) => string = () => ''): T[][] {
  return [...groupBy(rs, (r) => `${r.server}|${extra(r)}|${r.system}`).values()].sort((a, b) =>
    byServerOrder(a[0].server, b[0].server) || extra(a[0]).localeCompare(extra(b[0]), 'en', { numeric: true }) || bySystemOrder(a[0].system, b[0].system));
}

export function enqueueTable(all: EnqueueRec[]): string {
  const rows = sortedGroups(all).map((rs) => {
    const r = rs[0];
    return [
      r.server, r.system, String(r.n), spreadText(spread(rs.map((x) => x.jobs_per_s)), fmtInt),
      ratioText(medianRatio(all.filter((x) => x.server === r.server), r.system, (x) => x.jobs_per_s)),
      fmt(med(rs, (x) => x.client_cpu_us_per_job), 0), fmt(med(rs, (x) => x.redis_cpu_us_per_job), 0),
      fmt(med(rs, (x) => x.redis_cmds_per_job), 1), fmtInt(med(rs, (x) => x.redis_bytes_per_job_queued)),
    ];
  });
  return table(['redis', 'system', 'N', 'jobs/s median (min–max)', 'Conveyor / this', 'client CPU µs/job', 'Redis CPU µs/job', 'Redis cmds/job', 'Redis bytes/job queued'], rows);
}

export function processingTable(all: DrainRec[]): string {
  const rows = sortedGroups(all, (r) => r.slot).map((rs) => {
    const r = rs[0];
    const peers = all.filter((x) => x.server === r.server && x.slot === r.slot);
    return [
      r.server, String(r.system.startsWith('rq-') ? '1 process' : r.concurrency), r.remove ? 'remove' : 'keep', r.system, String(r.n),
      spreadText(spread(rs.map((x) => x.jobs_per_s)), fmtInt), ratioText(medianRatio(peers, r.system, (x) => x.jobs_per_s)),
      fmt(med(rs, (x) => x.client_cpu_us_per_job), 0), fmt(med(rs, (x) => x.redis_cpu_us_per_job), 0),
      fmt(med(rs, (x) => x.redis_cmds_per_job), 1), fmt(med(rs, (x) => x.others_cpu_pct), 0),
    ];
  });
  return table(['redis', 'concurrency', 'finished jobs', 'system', 'N', 'jobs/s median (min–max)', 'Conveyor / this', 'client CPU µs/job', 'Redis CPU µs/job', 'Redis cmds/job', "others' CPU %"], rows);
}

export function latencyTable(all: LatencyRec[]): string {
  const rows = sortedGroups(all).map((rs) => {
    const r = rs[0];
    const peers = all.filter((x) => x.server === r.server);
    return [
      r.server, r.system, `${r.count} at ${r.rate}/s`, spreadText(spread(rs.map((x) => x.p50_ms)), (x) => fmt(x, 2)),
      spreadText(spread(rs.map((x) => x.p99_ms)), (x) => fmt(x, 2)), ratioText(medianRatio(peers, r.system, (x) => x.p50_ms)),
    ];
  });
  return table(['redis', 'system', 'jobs per run', 'p50 ms median (min–max)', 'p99 ms median (min–max)', 'Conveyor p50 / this (< 1: Conveyor starts sooner)'], rows);
}

export function memoryTable(all: DrainRec[]): string {
  const rows = sortedGroups(all).map((rs) => {
    const kept = rs.filter((x) => !x.remove);
    const removed = rs.filter((x) => x.remove);
    const child = med(rs, (x) => x.child_rss_peak_mb ?? null);
    return [
      rs[0].server, rs[0].system, spreadText(spread(rs.map((x) => x.rss_peak_mb)), (x) => fmt(x, 0)) + (Number.isFinite(child) ? ` (+${fmt(child, 0)} work horse)` : ''),
      fmtInt(med(kept, (x) => x.redis_bytes_per_job_kept)), fmtInt(med(removed, (x) => x.redis_bytes_per_job_kept)),
    ];
  });
  return table(['redis', 'system', 'worker process RSS peak MB, all runs', 'Redis bytes per finished job kept', 'same, finished jobs removed'], rows);
}

export function dashboardTable(all: DashboardRec[]): string {
  const rows = all.map((r) => [
    r.server, r.endpoint === 'queues' ? '`GET /api/queues`' : 'failed jobs, middle page', fmtInt(r.failed_jobs), String(r.queues),
    String(r.requests), fmt(r.p50_ms, 1), fmt(r.p95_ms, 1), fmt(r.max_ms, 1), fmt(r.commands_per_request, 0),
  ]);
  return table(['redis', 'request', 'failed jobs', 'queues', 'requests', 'p50 ms', 'p95 ms', 'max ms', 'Redis commands per request'], rows);
}

/** In run order: servers, then concurrencies, busy slots before idle. */
export function scheduleTable(all: ScheduleRec[]): string {
  const rows = all.map((r) => [
    r.server, String(r.concurrency), r.busy ? 'busy (long jobs)' : 'idle', `${r.count} over ${r.seconds} s`,
    fmt(r.p50_ms, 0), fmt(r.p99_ms, 0), fmt(r.max_ms, 0), String(r.unpromoted),
  ]);
  return table(['redis', 'concurrency', 'worker slots', 'scheduled jobs', 'lag p50 ms', 'lag p99 ms', 'lag max ms', 'not promoted'], rows);
}
