/**
 * The operator's read model across queues: what the dashboard and `conveyor info` show.
 * Each method is a bounded number of round trips whatever the number of jobs.
 */
import type { Redis } from 'ioredis';
import { closeClient, connect, type ConnectionOptions, type OwnedClient } from './connection';
import { QueueNotFoundError } from './errors';
import { DEFAULT_PREFIX, JOB_STATES, queueKeys, queuesKey, validatePrefix, validateQueueName, workerKey, workersKey, type JobState } from './keys';
import { Queue, readQueueSummary, unwrap } from './queue';
import { runScript, STATS_BUCKET_MS } from './scripts';

export interface QueueSummary {
  name: string;
  counts: Record<JobState, number>;
  paused: boolean;
  /** jobs finished / failed since the stats began (not reduced by retention) */
  finishedTotal: number;
  failedTotal: number;
}

export interface WorkerInfo {
  name: string;
  host: string;
  pid: number;
  queues: string[];
  concurrency: number;
  state: string;
  running: number;
  jobs: { queue: string; id: string; task: string }[];
  processed: number;
  failed: number;
  startedAt: number;
  heartbeatAt: number;
  version: string;
}

export interface StatsPoint {
  /** bucket start (ms) */
  t: number;
  finished: number;
  failed: number;
  retried: number;
  /** queued jobs per queue at the end of the bucket */
  backlog: Record<string, number>;
}

export interface StatsSeries {
  bucketMs: number;
  points: StatsPoint[];
}

export interface InspectorOptions {
  connection?: ConnectionOptions;
  prefix?: string;
}

const MAX_STATS_BUCKETS = 360;

export class Inspector {
  readonly prefix: string;
  private readonly conn: OwnedClient;
  private readonly queues = new Map<string, Queue>();

  constructor(options: InspectorOptions = {}) {
    this.prefix = validatePrefix(options.prefix ?? DEFAULT_PREFIX);
    this.conn = connect(options.connection, 'interactive');
  }

  get client(): Redis {
    return this.conn.client;
  }

  async queueNames(): Promise<string[]> {
    const names = await this.client.smembers(queuesKey(this.prefix));
    return names.sort((a, b) => a.localeCompare(b));
  }

  /** A Queue handle sharing this inspector's connection; throws QueueNotFoundError if unknown. */
  async queue(name: string): Promise<Queue> {
    validateQueueName(name);
    if (!(await this.client.sismember(queuesKey(this.prefix), name))) throw new QueueNotFoundError(name);
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.client, prefix: this.prefix });
      this.queues.set(name, q);
    }
    return q;
  }

  /** Every queue with its counts per state: one round trip for the names, one for the rest. */
  async listQueues(): Promise<QueueSummary[]> {
    const names = await this.queueNames();
    if (names.length === 0) return [];
    const pipe = this.client.pipeline();
    for (const name of names) runScript(pipe, 'queueSummary', queueKeys(this.prefix, name), []);
    const replies = unwrap(await pipe.exec());
    return names.map((name, i) => ({ name, ...readQueueSummary(replies[i]) }));
  }

  /** Workers whose heartbeat is still fresh, by name. */
  async listWorkers(): Promise<WorkerInfo[]> {
    const names = await this.client.zrange(workersKey(this.prefix), 0, -1);
    if (names.length === 0) return [];
    const pipe = this.client.pipeline();
    for (const name of names) pipe.hgetall(workerKey(this.prefix, name));
    const replies = unwrap(await pipe.exec()) as Record<string, string>[];
    return replies.filter((h) => h.name).map(decodeWorker).sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Throughput (finished/failed/retried per bucket, summed over `queues`) and backlog per queue,
   * for the last `windowMs`. Buckets without a backlog sample carry the previous value forward.
   */
  async stats(queues: string[], windowMs: number): Promise<StatsSeries> {
    const count = Math.min(MAX_STATS_BUCKETS, Math.max(1, Math.ceil(windowMs / STATS_BUCKET_MS)));
    const last = Math.floor(Date.now() / STATS_BUCKET_MS);
    const buckets = Array.from({ length: count }, (_, i) => last - count + 1 + i);
    const fields = buckets.flatMap((b) => [`f:${b}`, `x:${b}`, `r:${b}`, `q:${b}`]);
    const pipe = this.client.pipeline();
    for (const q of queues) {
      const k = queueKeys(this.prefix, q);
      pipe.hmget(k.stats, ...fields).llen(k.queued).hget(k.meta, 'created');
    }
    const replies = unwrap(await pipe.exec());
    const points: StatsPoint[] = buckets.map((b) => ({ t: b * STATS_BUCKET_MS, finished: 0, failed: 0, retried: 0, backlog: {} }));
    queues.forEach((q, i) => {
      const [values, length, created] = replies.slice(3 * i, 3 * i + 3) as [(string | null)[], number, string | null];
      addQueueSeries(points, q, values, Number(length), created === null ? 0 : Number(created));
    });
    return { bucketMs: STATS_BUCKET_MS, points };
  }

  async close(): Promise<void> {
    await closeClient(this.conn);
  }
}

function addQueueSeries(points: StatsPoint[], queue: string, values: (string | null)[], current: number, createdAt: number): void {
  const samples = points.map((_, i) => values[4 * i + 3]);
  // Before the first sample in the window the backlog was what that sample says (or, with no
  // sample at all, what it is now): anything that changes it writes a sample. Before the queue
  // existed it was 0.
  let backlog = Number(samples.find((v) => v !== null) ?? current);
  points.forEach((p, i) => {
    p.finished += Number(values[4 * i] ?? 0);
    p.failed += Number(values[4 * i + 1] ?? 0);
    p.retried += Number(values[4 * i + 2] ?? 0);
    if (samples[i] !== null) backlog = Number(samples[i]);
    p.backlog[queue] = p.t + STATS_BUCKET_MS <= createdAt ? 0 : backlog;
  });
  // The newest bucket shows the live length, exact even if nothing sampled it yet.
  points[points.length - 1].backlog[queue] = current;
}

function decodeWorker(h: Record<string, string>): WorkerInfo {
  const json = <T>(s: string | undefined, fallback: T): T => {
    try {
      return s ? (JSON.parse(s) as T) : fallback;
    } catch {
      return fallback;
    }
  };
  return {
    name: h.name,
    host: h.host ?? '',
    pid: Number(h.pid ?? 0),
    queues: json<string[]>(h.queues, []),
    concurrency: Number(h.concurrency ?? 0),
    state: h.state ?? 'unknown',
    running: Number(h.running ?? 0),
    jobs: json(h.jobs, []),
    processed: Number(h.processed ?? 0),
    failed: Number(h.failed ?? 0),
    startedAt: Number(h.startedAt ?? 0),
    heartbeatAt: Number(h.heartbeatAt ?? 0),
    version: h.version ?? '',
  };
}
