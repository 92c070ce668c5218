/**
 * What every measurement process shares: its settings from the environment (parsed once), a
 * deadline after which it exits by itself, the one-line result protocol, and phase accounting
 * (wall time, this process's CPU, redis-server's CPU, commands and memory, others' load).
 */
import { Redis } from 'ioredis';
import { z } from 'zod';
import { cpuTimes, loadShare, type CpuTimes } from '../lib/machine';
import { callsBetween, commandsBetween, snapshot, type InfoSnapshot } from '../lib/redis-info';

const int = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const ChildEnv = z.object({
  SYSTEM: z.string().min(1),
  REDIS_URL: z.string().regex(/^redis:\/\//),
  QUEUE: z.string().min(1),
  N: int(20_000),
  BATCH: int(1000),
  CONCURRENCY: int(1),
  REMOVE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  TIMEOUT_MS: int(180_000),
  /** used_memory before the enqueue of this cell (from the enqueue process), for bytes per job */
  BASE_USED_MEMORY: int(0),
  LAT_COUNT: int(250),
  LAT_WARMUP: int(10),
  LAT_RATE: int(50),
  /** schedule scenario: every worker slot held by a long job while the scheduled jobs come due */
  BUSY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  SCHED_JOBS: int(200),
  SCHED_SECONDS: int(5),
});

export type ChildSettings = z.infer<typeof ChildEnv>;

export const RESULT_PREFIX = 'BENCH_RESULT ';
export const READY_LINE = 'BENCH_READY';

/** Reads the settings and arms the deadline: past it the process prints an error and exits. */
export function childSettings(): ChildSettings {
  const settings = ChildEnv.parse(process.env);
  armDeadline(settings.TIMEOUT_MS);
  return settings;
}

/** After `ms` the process prints an error record and exits, whatever it is doing. */
export function armDeadline(ms: number): void {
  const killer = setTimeout(() => {
    emit({ error: `timed out after ${ms} ms` });
    process.exit(3);
  }, ms);
  killer.unref();
}

export function emit(record: Record<string, unknown>): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(record)}\n`);
}

/** Tells the parent that this process is ready (the latency worker waits for jobs now). */
export function signalReady(): void {
  process.stdout.write(`${READY_LINE}\n`);
}

/** Runs a measurement; any failure is reported as an error record and a non-zero exit. */
export function runMeasurement(body: () => Promise<void>): void {
  body().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      emit({ error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
      process.exit(1);
    },
  );
}

/** Monotonic clock in microseconds (CLOCK_MONOTONIC: the same clock in every process here). */
export function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

interface Mark {
  t: number;
  cpuUs: number;
  machine: CpuTimes;
  info: InfoSnapshot;
}

async function mark(admin: Redis): Promise<Mark> {
  const info = await snapshot(admin);
  const u = process.cpuUsage();
  return { t: performance.now(), cpuUs: u.user + u.system, machine: cpuTimes(), info };
}

export interface PhaseResult {
  seconds: number;
  clientCpuUs: number;
  redisCpuUs: number;
  commands: number;
  calls: Record<string, number>;
  usedMemoryBefore: number;
  usedMemoryAfter: number;
  othersCpuPct: number;
  busyPct: number;
}

/** Counters around one phase of a measurement, read from an admin connection of its own. */
export class Phase {
  private constructor(
    private readonly admin: Redis,
    private readonly start: Mark,
  ) {}

  static async begin(admin: Redis): Promise<Phase> {
    return new Phase(admin, await mark(admin));
  }

  async end(): Promise<PhaseResult> {
    const a = this.start;
    const b = await mark(this.admin);
    const seconds = (b.t - a.t) / 1000;
    const clientCpuUs = b.cpuUs - a.cpuUs;
    const redisCpuUs = (b.info.cpuS - a.info.cpuS) * 1e6;
    const share = loadShare(a.machine, b.machine, seconds, (clientCpuUs + redisCpuUs) / 1e6);
    return {
      seconds, clientCpuUs, redisCpuUs,
      calls: callsBetween(a.info, b.info),
      commands: commandsBetween(a.info, b.info),
      usedMemoryBefore: a.info.usedMemory,
      usedMemoryAfter: b.info.usedMemory,
      othersCpuPct: share.othersPct,
      busyPct: share.busyPct,
    };
  }
}

export function adminClient(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 3 });
}

/** Peak resident set of this process so far, in MB (the kernel's high-water mark). */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 102.4) / 10;
}

export const perJob = (total: number, n: number, digits = 1) => Math.round((total / n) * 10 ** digits) / 10 ** digits;
