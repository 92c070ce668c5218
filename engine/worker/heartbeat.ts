/**
 * The worker's periodic round trip: keep its leases alive, take back jobs of dead workers, apply
 * retention, and say it is alive. One pipeline per tick. (Due jobs and outboxes are the promotion
 * tick's, every PROMOTE_TICK_MS, in control.ts.)
 */
import type { ChainableCommander, Redis } from 'ioredis';
import { workerKey, workersKey, type QueueKeys } from '../keys';
import { runScript, STATS_BUCKET_MS } from '../scripts';
import type { RunningJob } from './running-job';

/** How long the stats hash keeps its buckets. */
export const STATS_RETENTION_MS = 30 * 60 * 1000;
const REAP_LIMIT = 100;
const CLEANUP_LIMIT = 1000;
/** Workers silent for this long are dropped from the registry's index. */
const FORGET_WORKER_MS = 60 * 60 * 1000;
const TRIM_STATS_EVERY = 10;

export interface WorkerIdentity {
  name: string;
  host: string;
  pid: number;
  queues: string[];
  concurrency: number;
  startedAt: number;
  version: string;
}

export interface WorkerCounters {
  running: RunningJob[];
  processed: number;
  failed: number;
  state: 'idle' | 'busy' | 'stopping';
}

export interface TickSettings {
  prefix: string;
  leaseMs: number;
  heartbeatMs: number;
  maxCrashes: number;
  failureTtl: number;
  keep: { finished: number; failed: number; canceled: number };
}

interface QueueTick {
  queue: string;
  keys: QueueKeys;
  jobs: RunningJob[];
}

/** Queues one queue's upkeep on `pipe`; returns whether the reply list starts with extendLeases. */
function queueUpkeep(pipe: ChainableCommander, q: QueueTick, s: TickSettings, tick: number): boolean {
  const { keys, jobs } = q;
  const extend = jobs.length > 0;
  if (extend) {
    const args: (string | number)[] = [keys.jobPrefix, s.leaseMs];
    for (const j of jobs) args.push(j.id, j.token);
    runScript(pipe, 'extendLeases', keys, args);
  }
  runScript(pipe, 'reap', keys, [keys.jobPrefix, REAP_LIMIT, s.maxCrashes, s.failureTtl]);
  runScript(pipe, 'cleanup', keys, [keys.jobPrefix, CLEANUP_LIMIT, s.keep.finished, s.keep.failed, s.keep.canceled]);
  if (tick % TRIM_STATS_EVERY === 0) {
    const oldest = Math.floor((Date.now() - STATS_RETENTION_MS) / STATS_BUCKET_MS);
    runScript(pipe, 'trimStats', keys, [Math.ceil((STATS_RETENTION_MS / STATS_BUCKET_MS) * 4.5), oldest]);
  }
  return extend;
}

function registryFields(id: WorkerIdentity, c: WorkerCounters, now: number): Record<string, string | number> {
  return {
    name: id.name,
    host: id.host,
    pid: id.pid,
    queues: JSON.stringify(id.queues),
    concurrency: id.concurrency,
    startedAt: id.startedAt,
    version: id.version,
    heartbeatAt: now,
    state: c.state,
    running: c.running.length,
    jobs: JSON.stringify(c.running.slice(0, 50).map((j) => ({ queue: j.queue, id: j.id, task: j.task }))),
    processed: c.processed,
    failed: c.failed,
  };
}

export interface TickResult {
  /** jobs whose lease this worker no longer holds */
  lost: RunningJob[];
  /** jobs taken back from dead workers, and jobs failed for using up their crash budget */
  reaped: number;
}

export async function heartbeat(
  client: Redis,
  queues: QueueTick[],
  settings: TickSettings,
  identity: WorkerIdentity,
  counters: WorkerCounters,
  tick: number,
): Promise<TickResult> {
  const pipe = client.pipeline();
  const layout = queues.map((q) => ({ q, extend: queueUpkeep(pipe, q, settings, tick) }));
  const now = Date.now();
  const key = workerKey(settings.prefix, identity.name);
  pipe.hset(key, registryFields(identity, counters, now)).pexpire(key, settings.heartbeatMs * 3);
  pipe.zadd(workersKey(settings.prefix), now, identity.name);
  pipe.zremrangebyscore(workersKey(settings.prefix), '-inf', now - FORGET_WORKER_MS);
  const replies = (await pipe.exec()) ?? [];
  return readTick(replies, layout, tick);
}

function readTick(replies: [Error | null, unknown][], layout: { q: QueueTick; extend: boolean }[], tick: number): TickResult {
  const result: TickResult = { lost: [], reaped: 0 };
  let i = 0;
  const next = () => {
    const [err, value] = replies[i++] ?? [new Error('missing reply'), null];
    if (err) throw err;
    return value;
  };
  for (const { q, extend } of layout) {
    if (extend) {
      const lost = new Set(next() as string[]);
      for (const j of q.jobs) if (lost.has(j.id)) result.lost.push(j);
    }
    const [requeued, failed] = next() as [number, number];
    result.reaped += requeued + failed;
    next(); // cleanup
    if (tick % TRIM_STATS_EVERY === 0) next();
  }
  return result;
}
