/**
 * The run's summary in markdown (bench/results/<stamp>/summary.md, and the body of
 * bench/RESULTS.md): the run and the machine, the targets, then one table per scenario.
 */
import type { BenchConfig } from '../lib/config';
import type { AnyRec } from '../lib/records';
import { fmt, spread } from '../lib/stats';
import { dashboardTable, enqueueTable, latencyTable, memoryTable, processingTable, scheduleTable } from './tables';
import { judgeTargets, SCHEDULE_LAG_P99_MS, targetsTable, type Verdict } from './targets';

const of = <K extends AnyRec['kind']>(rs: AnyRec[], kind: K) => rs.filter((r): r is Extract<AnyRec, { kind: K }> => r.kind === kind);

function runLines(records: AnyRec[], cfg: BenchConfig): string[] {
  const run = of(records, 'run')[0];
  const end = of(records, 'run-end')[0];
  const m = (run?.machine ?? {}) as Record<string, unknown>;
  const others = spread([...of(records, 'drain'), ...of(records, 'enqueue')].map((r) => r.others_cpu_pct));
  const versions = Object.entries(run?.versions ?? {}).map(([k, v]) => `${k} ${v}`).join(', ');
  return [
    `- **Date**: ${run?.started ?? '?'} (UTC)${end ? `, ${fmt(end.seconds / 60, 1)} min` : ''}${cfg.SMOKE ? ' — **smoke run: small N, numbers mean nothing**' : ''}`,
    `- **Machine**: ${m.cores} cores (${m.cpuModel}), \`nproc\` ${m.nproc}, ${m.memGiB} GiB RAM; load average at start ${(m.loadavg as number[] | undefined)?.join(' ') ?? '?'}${end ? `, at end ${end.loadavg.join(' ')}` : ''}`,
    `- **Others' CPU share** (machine busy time not used by the measured process or redis-server, % of all cores) during the measurements: median ${fmt(others.median, 0)} %, min ${fmt(others.min, 0)} %, max ${fmt(others.max, 0)} %`,
    `- **Versions**: ${versions}`,
    `- **Settings**: N=${cfg.N} (RQ ${cfg.N_RQ}), batches of ${cfg.BATCH}, ${cfg.ROUNDS} round(s), servers ${cfg.SERVERS.join(' then ')}, concurrency ${cfg.CONCURRENCIES.join('/')}, latency ${cfg.LAT_RATE} jobs/s for ${cfg.LAT_SECONDS} s (+${cfg.LAT_WARMUP} warm-up jobs), dashboard ${cfg.FAILED_JOBS.toLocaleString('en-US')} failed jobs and ${cfg.DASH_QUEUES} queues, schedule ${cfg.SCHED_JOBS} jobs due over ${cfg.SCHED_SECONDS} s at concurrency ${cfg.SCHED_CONCURRENCIES.join('/')}`,
  ];
}

function problems(records: AnyRec[]): string[] {
  const lines = of(records, 'skip').map((r) => `- skipped ${r.system}: ${r.reason}`);
  for (const r of of(records, 'error')) lines.push(`- error: ${r.system} ${r.scenario}${r.server ? ` on ${r.server}` : ''}${r.round ? ` round ${r.round}` : ''}: ${r.message.split('\n')[0].slice(0, 300)}`);
  for (const r of of(records, 'drain')) if (r.completed !== r.n) lines.push(`- ${r.system} ${r.slot} on ${r.server} round ${r.round}: ${r.completed} of ${r.n} jobs completed`);
  return lines;
}

export interface Summary {
  markdown: string;
  verdicts: Verdict[];
}

export function buildSummary(records: AnyRec[], cfg: BenchConfig): Summary {
  const verdicts = judgeTargets(records, cfg);
  const issues = problems(records);
  const sections = [
    runLines(records, cfg).join('\n'),
    `### Targets\n\nRatios are Conveyor / BullMQ, the median of per-round ratios of runs made next to each other.\n\n${targetsTable(verdicts)}`,
    `### 1. Bulk enqueue (batches of ${cfg.BATCH}), jobs/s\n\n${enqueueTable(of(records, 'enqueue'))}`,
    `### 2. Processing: one worker process drains N queued no-op jobs, jobs/s until the last is finished\n\n${processingTable(of(records, 'drain'))}`,
    `### 3. Latency from enqueue to handler start, idle worker, ${cfg.LAT_RATE} jobs/s\n\n${latencyTable(of(records, 'latency'))}`,
    `### 4. Memory\n\n${memoryTable(of(records, 'drain'))}`,
    `### 5. Dashboard API (Conveyor only; targets: p95 < 50 ms, commands per request independent of the number of jobs)\n\n${dashboardTable(of(records, 'dashboard'))}`,
    `### 6. Scheduled jobs: time from due to queued, promoted by the worker (Conveyor only; target: p99 ≤ ${SCHEDULE_LAG_P99_MS} ms)\n\n${scheduleTable(of(records, 'schedule'))}`,
  ];
  if (issues.length) sections.push(`### Skipped and failed\n\n${issues.join('\n')}`);
  return { markdown: sections.join('\n\n') + '\n', verdicts };
}
