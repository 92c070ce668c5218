/**
 * The JSON lines a run writes (bench/results/<stamp>/results.jsonl), one schema per kind. The
 * summary reads them back through these schemas, and the smoke test checks a run with them.
 */
import { z } from 'zod';

const num = z.number().finite();
const server = z.enum(['volatile', 'aof']);

/** Where a measurement sat in the run: what it is paired with for ratios. */
const Placement = {
  server,
  round: z.number().int().min(1),
  /** the side-by-side group: same scenario and settings, every system once per round */
  slot: z.string(),
};

export const EnqueueRecord = z.looseObject({
  kind: z.literal('enqueue'),
  ...Placement,
  system: z.string(),
  version: z.string(),
  n: z.number().int().min(1),
  batch: z.number().int().min(1),
  seconds: num.positive(),
  jobs_per_s: num.positive(),
  client_cpu_us_per_job: num,
  redis_cpu_us_per_job: num,
  redis_cmds_per_job: num,
  redis_bytes_per_job_queued: num,
  base_used_memory: num,
  others_cpu_pct: num,
});

export const DrainRecord = z.looseObject({
  kind: z.literal('drain'),
  ...Placement,
  system: z.string(),
  version: z.string(),
  n: z.number().int().min(1),
  concurrency: z.number().int().min(1),
  remove: z.boolean(),
  seconds: num.positive(),
  jobs_per_s: num.positive(),
  completed: z.number().int(),
  rss_peak_mb: num.positive(),
  child_rss_peak_mb: num.optional(),
  client_cpu_us_per_job: num,
  redis_cpu_us_per_job: num,
  redis_cmds_per_job: num,
  redis_bytes_per_job_kept: num.nullable(),
  others_cpu_pct: num,
});

export const LatencyRecord = z.looseObject({
  kind: z.literal('latency'),
  ...Placement,
  system: z.string(),
  version: z.string(),
  rate: num.positive(),
  concurrency: z.number().int().min(1),
  count: z.number().int().min(1),
  p50_ms: num.nonnegative(),
  p99_ms: num.nonnegative(),
  max_ms: num.nonnegative(),
  mean_ms: num.nonnegative(),
  rss_peak_mb: num.positive(),
});

export const DashboardRecord = z.object({
  kind: z.literal('dashboard'),
  server,
  /** what was asked: the overview, or the middle page of the failed jobs */
  endpoint: z.enum(['queues', 'failed-page']),
  path: z.string(),
  failed_jobs: z.number().int().min(0),
  queues: z.number().int().min(1),
  requests: z.number().int().min(1),
  p50_ms: num.positive(),
  p95_ms: num.positive(),
  max_ms: num.positive(),
  /** Redis commands one request sent (median over a few single requests), Lua-inner included */
  commands_per_request: num.nonnegative(),
  calls: z.record(z.string(), z.number()),
});

/** Scheduled jobs' promotion lag: when each became queued minus its due time, both Redis TIME. */
export const ScheduleRecord = z.looseObject({
  kind: z.literal('schedule'),
  server,
  system: z.literal('conveyor'),
  version: z.string(),
  concurrency: z.number().int().min(1),
  /** every worker slot was held by a long job while the scheduled jobs came due */
  busy: z.boolean(),
  jobs: z.number().int().min(1),
  /** the due times were spread over this many seconds */
  seconds: num.positive(),
  count: z.number().int().min(1),
  p50_ms: num,
  p99_ms: num,
  max_ms: num,
  mean_ms: num,
  min_ms: num,
  /** jobs still scheduled when the probe stopped waiting (their lag is a lower bound) */
  unpromoted: z.number().int().min(0),
  /** median of stored due time minus the time asked for (client clock vs Redis TIME) */
  due_skew_ms: num,
});

export const SeedRecord = z.looseObject({
  kind: z.literal('seed'),
  server,
  queue: z.string(),
  added: z.number().int().min(0),
  failed_total: z.number().int().min(0),
  seconds: num,
});

/** A long-lived process the run started (and must have stopped by its end). */
export const ProcessRecord = z.object({ kind: z.literal('process'), what: z.enum(['redis-server', 'dashboard']), server, pid: z.number().int() });

export const SkipRecord = z.object({ kind: z.literal('skip'), system: z.string(), reason: z.string() });

export const ErrorRecord = z.object({
  kind: z.literal('error'),
  server: server.optional(),
  round: z.number().optional(),
  system: z.string(),
  scenario: z.string(),
  message: z.string(),
});

export const RunRecord = z.object({
  kind: z.literal('run'),
  started: z.string(),
  smoke: z.boolean(),
  config: z.record(z.string(), z.unknown()),
  machine: z.record(z.string(), z.unknown()),
  versions: z.record(z.string(), z.string()),
});

export const RunEndRecord = z.object({
  kind: z.literal('run-end'),
  finished: z.string(),
  seconds: num,
  loadavg: z.array(num),
  others_cpu_pct_median: num.nullable(),
});

export const AnyRecord = z.discriminatedUnion('kind', [
  EnqueueRecord, DrainRecord, LatencyRecord, DashboardRecord, ScheduleRecord, SeedRecord, ProcessRecord, SkipRecord, ErrorRecord, RunRecord, RunEndRecord,
]);

export type EnqueueRec = z.infer<typeof EnqueueRecord>;
export type DrainRec = z.infer<typeof DrainRecord>;
export type LatencyRec = z.infer<typeof LatencyRecord>;
export type DashboardRec = z.infer<typeof DashboardRecord>;
export type ScheduleRec = z.infer<typeof ScheduleRecord>;
export type AnyRec = z.infer<typeof AnyRecord>;
