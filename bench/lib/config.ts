/**
 * The harness's settings, from the environment, parsed once. SMOKE=1 switches to the small
 * version that `npm test` runs (each value can still be overridden).
 */
import { z } from 'zod';

const count = (min = 1) => z.coerce.number().int().min(min);
const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(z.enum(values)).min(1));
const numbers = z.string().transform((s) => s.split(',').map(Number)).pipe(z.array(z.number().int().min(1)).min(1));
const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

export const SERVER_KINDS = ['volatile', 'aof'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];
export const SYSTEM_NAMES = ['conveyor', 'bullmq', 'bee-queue', 'rq'] as const;
export const RQ_WORKERS = ['simple', 'fork'] as const;
/**
 * queues: scenarios 1-4 (enqueue, processing, latency, memory); dashboard: scenario 5;
 * schedule: scenario 6 (scheduled jobs' promotion lag); profile: a CPU profile of one extra
 * Conveyor drain at the highest concurrency (first server)
 */
export const SCENARIO_NAMES = ['queues', 'dashboard', 'schedule', 'profile'] as const;

const Schema = z.object({
  SMOKE: flag.default(false),
  N: count(),
  N_RQ: count().optional(),
  ROUNDS: count(),
  BATCH: count().default(1000),
  CONCURRENCIES: numbers,
  SERVERS: list(SERVER_KINDS),
  SYSTEMS: list(SYSTEM_NAMES),
  RQ_WORKERS: list(RQ_WORKERS),
  PYTHON: z.string().default('/usr/bin/python3'),
  LAT_RATE: count(),
  LAT_SECONDS: count(),
  LAT_WARMUP: count(0).default(10),
  LAT_CONCURRENCY: count().default(1),
  SCENARIOS: list(SCENARIO_NAMES),
  DASHBOARD_SERVERS: list(SERVER_KINDS),
  FAILED_JOBS: count(),
  FAILED_SMALL: count(),
  DASH_REQUESTS: count(),
  DASH_QUEUES: count(),
  /** worker concurrencies of the schedule scenario (each with its slots busy, then idle) */
  SCHED_CONCURRENCIES: numbers,
  /** jobs scheduled per measurement, their due times spread evenly over SCHED_SECONDS */
  SCHED_JOBS: count(),
  SCHED_SECONDS: count(),
  RUN_TIMEOUT_MS: count().default(300_000),
  RESULTS_DIR: z.string().optional(),
  VERBOSE: flag.default(false),
});

const FULL: Record<string, string> = {
  N: '20000', ROUNDS: '3', SCENARIOS: 'queues,dashboard,schedule,profile', CONCURRENCIES: '1,10,50', SERVERS: 'volatile,aof',
  SYSTEMS: 'conveyor,bullmq,bee-queue,rq', RQ_WORKERS: 'simple,fork', LAT_RATE: '50', LAT_SECONDS: '5',
  DASHBOARD_SERVERS: 'volatile,aof', FAILED_JOBS: '1000000', FAILED_SMALL: '1000', DASH_REQUESTS: '50', DASH_QUEUES: '100',
  SCHED_CONCURRENCIES: '1,50', SCHED_JOBS: '200', SCHED_SECONDS: '5',
};

const SMOKE: Record<string, string> = {
  ...FULL,
  N: '500', N_RQ: '100', ROUNDS: '1', SCENARIOS: 'queues,dashboard,schedule', SERVERS: 'volatile', RQ_WORKERS: 'simple', LAT_SECONDS: '1', LAT_WARMUP: '5',
  DASHBOARD_SERVERS: 'volatile', FAILED_JOBS: '3000', FAILED_SMALL: '300', DASH_REQUESTS: '10', DASH_QUEUES: '100',
  SCHED_JOBS: '20', SCHED_SECONDS: '1',
};

/** Every variable the harness reads (a caller that wants the defaults removes them all). */
export const CONFIG_KEYS = Object.keys(Schema.shape);

export type BenchConfig = Omit<z.infer<typeof Schema>, 'N_RQ'> & { N_RQ: number };

export function parseConfig(env: Record<string, string | undefined> = process.env): BenchConfig {
  const smoke = env.SMOKE === '1' || env.SMOKE === 'true';
  const given = Object.fromEntries(Object.entries(env).filter(([k, v]) => k in Schema.shape && v !== undefined && v !== ''));
  const parsed = Schema.safeParse({ ...(smoke ? SMOKE : FULL), ...given });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`bench: invalid environment\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  // RQ runs 50-400 jobs/s: N jobs per run would take minutes, so it gets fewer by default.
  return { ...c, N_RQ: c.N_RQ ?? Math.min(c.N, 2000) };
}
