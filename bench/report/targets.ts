/**
 * The targets, judged from one run: PASS / FAIL per target and server, beside the
 * measured value. Ratios are medians of paired runs (Conveyor / BullMQ in the same slot).
 */
import type { BenchConfig } from '../lib/config';
import type { AnyRec, DashboardRec, DrainRec, EnqueueRec, LatencyRec, ScheduleRec } from '../lib/records';
import { fmt } from '../lib/stats';
import { table } from './markdown';
import { medianRatio } from './pairs';

export interface Verdict {
  target: string;
  server: string;
  measured: string;
  /** null: not measured in this run */
  pass: boolean | null;
}

const of = <K extends AnyRec['kind']>(rs: AnyRec[], kind: K) => rs.filter((r): r is Extract<AnyRec, { kind: K }> => r.kind === kind);

function ratioVerdict(target: string, server: string, ratio: number, ok: (x: number) => boolean): Verdict {
  return { target, server, measured: Number.isFinite(ratio) ? `${fmt(ratio, 2)}×` : 'not measured', pass: Number.isFinite(ratio) ? ok(ratio) : null };
}

function processing(drains: DrainRec[], server: string, concurrency: number, min: number): Verdict[] {
  return [false, true].map((remove) => {
    const slot = `c${concurrency}-${remove ? 'remove' : 'keep'}`;
    const rs = drains.filter((r) => r.server === server && r.slot === slot);
    const ratio = medianRatio(rs, 'bullmq', (r) => r.jobs_per_s);
    return ratioVerdict(`processing at concurrency ${concurrency} (finished jobs ${remove ? 'removed' : 'kept'}) ≥ ${min}× BullMQ`, server, ratio, (x) => x >= min);
  });
}

function queueTargets(records: AnyRec[], server: string): Verdict[] {
  const drains = of(records, 'drain');
  const enqueues: EnqueueRec[] = of(records, 'enqueue').filter((r) => r.server === server);
  const latencies: LatencyRec[] = of(records, 'latency').filter((r) => r.server === server);
  return [
    ...processing(drains, server, 50, 2),
    ...processing(drains, server, 1, 1.5),
    ratioVerdict('bulk enqueue ≥ 3× BullMQ', server, medianRatio(enqueues, 'bullmq', (r) => r.jobs_per_s), (x) => x >= 3),
    ratioVerdict("enqueue→start p50 ≤ BullMQ's (ratio ≤ 1)", server, medianRatio(latencies, 'bullmq', (r) => r.p50_ms), (x) => x <= 1),
  ];
}

function p95Verdict(target: string, server: string, rec: DashboardRec | undefined): Verdict {
  if (!rec) return { target, server, measured: 'not measured', pass: null };
  return { target, server, measured: `p95 ${fmt(rec.p95_ms, 1)} ms`, pass: rec.p95_ms < 50 };
}

function dashboardTargets(records: AnyRec[], cfg: BenchConfig, server: string): Verdict[] {
  const dash = of(records, 'dashboard').filter((r) => r.server === server);
  if (dash.length === 0) return [];
  const find = (endpoint: string, failed: number, queues: number) =>
    dash.find((r) => r.endpoint === endpoint && r.failed_jobs === failed && r.queues === queues);
  const big = cfg.FAILED_JOBS.toLocaleString('en-US');
  const verdicts = [
    p95Verdict(`dashboard: middle page of ${big} failed jobs p95 < 50 ms`, server, find('failed-page', cfg.FAILED_JOBS, 1)),
    p95Verdict(`dashboard: overview with ${cfg.DASH_QUEUES} queues p95 < 50 ms`, server, find('queues', cfg.FAILED_JOBS, cfg.DASH_QUEUES)),
  ];
  for (const endpoint of ['failed-page', 'queues'] as const) {
    const small = find(endpoint, cfg.FAILED_SMALL, 1);
    const large = find(endpoint, cfg.FAILED_JOBS, 1);
    const target = `dashboard: Redis commands per ${endpoint === 'queues' ? 'overview' : 'page'} request independent of the number of jobs`;
    verdicts.push(small && large
      ? { target, server, measured: `${small.commands_per_request} with ${cfg.FAILED_SMALL.toLocaleString('en-US')} failed, ${large.commands_per_request} with ${big}`, pass: small.commands_per_request === large.commands_per_request }
      : { target, server, measured: 'not measured', pass: null });
  }
  return verdicts;
}

/** The bound on how late a due job may become queued, at p99. */
export const SCHEDULE_LAG_P99_MS = 1000;

function scheduleVerdict(server: string, concurrency: number, busy: boolean, rec: ScheduleRec | undefined): Verdict {
  const target = `scheduled jobs queued within ${SCHEDULE_LAG_P99_MS} ms of due at p99, concurrency ${concurrency}, ${busy ? 'every slot busy' : 'idle worker'}`;
  if (!rec) return { target, server, measured: 'not measured', pass: null };
  return { target, server, measured: `p99 ${fmt(rec.p99_ms, 0)} ms (max ${fmt(rec.max_ms, 0)} ms)`, pass: rec.p99_ms <= SCHEDULE_LAG_P99_MS };
}

/** One verdict per concurrency and worker state, once the scenario was asked for. */
function scheduleTargets(records: AnyRec[], cfg: BenchConfig, server: string): Verdict[] {
  if (!cfg.SCENARIOS.includes('schedule')) return [];
  const recs = of(records, 'schedule').filter((r) => r.server === server);
  return cfg.SCHED_CONCURRENCIES.flatMap((c) =>
    [true, false].map((busy) => scheduleVerdict(server, c, busy, recs.find((r) => r.concurrency === c && r.busy === busy))));
}

export function judgeTargets(records: AnyRec[], cfg: BenchConfig): Verdict[] {
  return cfg.SERVERS.flatMap((server) => [...queueTargets(records, server), ...dashboardTargets(records, cfg, server), ...scheduleTargets(records, cfg, server)]);
}

export function targetsTable(verdicts: Verdict[]): string {
  const word = (v: Verdict) => (v.pass === null ? '—' : v.pass ? '**PASS**' : '**FAIL**');
  return table(['target', 'redis', 'measured', 'verdict'], verdicts.map((v) => [v.target, v.server, v.measured, word(v)]));
}
