/**
 * Scenario 5, Conveyor only: the dashboard's API under a large failed set. A queue is brought to
 * FAILED_SMALL failed jobs, then to FAILED_JOBS, then DASH_QUEUES - 1 more queues are added; at
 * each step `GET /api/queues` and the middle page of the failed jobs are timed (p50/p95 over
 * DASH_REQUESTS sequential requests) and the Redis commands of single requests are counted
 * (INFO before and after, on a Redis nobody else uses meanwhile).
 */
import { Queue } from '../../engine/index';
import { runChild } from '../lib/child';
import { callsBetween, commandsBetween, snapshot, waitPersistenceIdle } from '../lib/redis-info';
import { median, percentile, round } from '../lib/stats';
import type { BenchServer, RunContext } from './context';
import { startDashboard, type DashboardServer } from './next-server';

const FAILED_QUEUE = 'bench failed/jobs';
const PAGE_SIZE = 20;
const WARMUP_REQUESTS = 5;
const COUNTED_REQUESTS = 3;

interface Target {
  endpoint: 'queues' | 'failed-page';
  path: string;
  failedJobs: number;
  queues: number;
  /** why the response is not what it should be, or null */
  check(body: unknown): string | null;
}

export async function runDashboard(ctx: RunContext, srv: BenchServer): Promise<void> {
  await srv.admin.flushall();
  let dash: DashboardServer;
  try {
    dash = await startDashboard(ctx.root, srv.url, ctx.cfg.VERBOSE);
  } catch (e) {
    ctx.log.write({ kind: 'error', server: srv.kind, system: 'conveyor', scenario: 'dashboard', message: (e as Error).message });
    ctx.say(`  ERROR dashboard: ${(e as Error).message}`);
    return;
  }
  ctx.log.write({ kind: 'process', what: 'dashboard', server: srv.kind, pid: dash.pid });
  try {
    await measureAtSize(ctx, srv, dash, ctx.cfg.FAILED_SMALL);
    await measureAtSize(ctx, srv, dash, ctx.cfg.FAILED_JOBS);
    await addQueues(srv, ctx.cfg.DASH_QUEUES - 1);
    await measure(ctx, srv, dash, overview(ctx.cfg.FAILED_JOBS, ctx.cfg.DASH_QUEUES));
  } catch (e) {
    ctx.log.write({ kind: 'error', server: srv.kind, system: 'conveyor', scenario: 'dashboard', message: (e as Error).message });
    ctx.say(`  ERROR dashboard: ${(e as Error).message}`);
  } finally {
    await dash.stop();
  }
}

async function measureAtSize(ctx: RunContext, srv: BenchServer, dash: DashboardServer, failed: number): Promise<void> {
  await seed(ctx, srv, failed);
  await measure(ctx, srv, dash, overview(failed, 1));
  await measure(ctx, srv, dash, middlePage(failed));
}

async function seed(ctx: RunContext, srv: BenchServer, target: number): Promise<void> {
  const started = performance.now();
  const result = await runChild({
    label: 'seed failed jobs', command: process.execPath, args: [ctx.entries['seed-failed']], cwd: ctx.root,
    env: { REDIS_URL: srv.url, QUEUE: FAILED_QUEUE, TARGET: String(target), TIMEOUT_MS: String(ctx.cfg.RUN_TIMEOUT_MS * 2) },
    timeoutMs: ctx.cfg.RUN_TIMEOUT_MS * 2, verbose: ctx.cfg.VERBOSE,
  });
  if (result.error) throw new Error(`seeding ${target} failed jobs: ${result.error}`);
  ctx.log.write({ ...result, server: srv.kind });
  ctx.say(`${srv.kind} dashboard: ${target.toLocaleString('en-US')} failed jobs seeded through the engine in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function overview(failedJobs: number, queues: number): Target {
  return {
    endpoint: 'queues', path: '/api/queues', failedJobs, queues,
    check: (body) => {
      const got = (body as { queues?: unknown[] }).queues?.length;
      return got === queues ? null : `expected ${queues} queues, got ${got}`;
    },
  };
}

function middlePage(failedJobs: number): Target {
  const page = Math.max(1, Math.ceil(failedJobs / PAGE_SIZE / 2));
  return {
    endpoint: 'failed-page', failedJobs, queues: 1,
    path: `/api/queues/${encodeURIComponent(FAILED_QUEUE)}/jobs?state=failed&page=${page}&pageSize=${PAGE_SIZE}`,
    check: (body) => {
      const b = body as { total?: number; jobs?: unknown[] };
      return b.total === failedJobs && b.jobs?.length === PAGE_SIZE ? null : `expected ${PAGE_SIZE} of ${failedJobs} jobs, got ${b.jobs?.length} of ${b.total}`;
    },
  };
}

async function getChecked(dash: DashboardServer, target: Target): Promise<void> {
  const res = await fetch(dash.baseUrl + target.path);
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${target.path}: HTTP ${res.status} ${text.slice(0, 200)}`);
  const problem = target.check(JSON.parse(text));
  if (problem) throw new Error(`GET ${target.path}: ${problem}`);
}

async function measure(ctx: RunContext, srv: BenchServer, dash: DashboardServer, target: Target): Promise<void> {
  await waitPersistenceIdle(srv.admin);
  for (let i = 0; i < WARMUP_REQUESTS; i++) await getChecked(dash, target);
  const counted: { commands: number; calls: Record<string, number> }[] = [];
  for (let i = 0; i < COUNTED_REQUESTS; i++) {
    const before = await snapshot(srv.admin);
    await getChecked(dash, target);
    const after = await snapshot(srv.admin);
    counted.push({ commands: commandsBetween(before, after), calls: callsBetween(before, after) });
  }
  const times: number[] = [];
  for (let i = 0; i < ctx.cfg.DASH_REQUESTS; i++) {
    const t0 = performance.now();
    await getChecked(dash, target);
    times.push(performance.now() - t0);
  }
  const commands = median(counted.map((c) => c.commands));
  const rec = ctx.log.write({
    kind: 'dashboard', server: srv.kind, endpoint: target.endpoint, path: target.path, failed_jobs: target.failedJobs,
    queues: target.queues, requests: times.length, p50_ms: round(percentile(times, 50), 2), p95_ms: round(percentile(times, 95), 2),
    max_ms: round(Math.max(...times), 2), commands_per_request: commands,
    calls: counted.find((c) => c.commands === commands)?.calls ?? counted[0].calls,
  });
  if (rec.kind === 'dashboard') {
    ctx.say(`${srv.kind} dashboard: ${target.endpoint} (${target.failedJobs.toLocaleString('en-US')} failed, ${target.queues} queues) p50 ${rec.p50_ms} ms p95 ${rec.p95_ms} ms, ${commands} Redis commands per request`);
  }
}

/** More queues for the overview: each with a few waiting jobs, registered the engine's way. */
async function addQueues(srv: BenchServer, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    const q = new Queue(`bench-queue-${String(i).padStart(3, '0')}`, { connection: srv.admin });
    await q.enqueueMany(Array.from({ length: 5 }, (_, k) => ({ task: 'noop', data: { k } })));
    await q.close();
  }
}
