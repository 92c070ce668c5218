/**
 * Scenario 6, Conveyor only: how late scheduled jobs become queued, with no scheduler process.
 * For each concurrency of SCHED_CONCURRENCIES a fresh worker process runs twice on a flushed
 * Redis: first with every slot held by a long job (no claim is made, so only the worker's
 * promotion tick can promote), then idle (blocked on its wake list, the block's timeout cut to
 * the next due time). A probe process schedules the jobs and measures their lag.
 */
import { runChild, startChild, type ChildResult } from '../lib/child';
import { waitPersistenceIdle } from '../lib/redis-info';
import { measurementSpec, type BenchServer, type RunContext } from './context';

export async function runSchedule(ctx: RunContext, srv: BenchServer): Promise<void> {
  for (const concurrency of ctx.cfg.SCHED_CONCURRENCIES) {
    for (const busy of [true, false]) {
      await srv.admin.flushall();
      await waitPersistenceIdle(srv.admin);
      await scheduleCell(ctx, srv, concurrency, busy);
    }
  }
}

function recordError(ctx: RunContext, srv: BenchServer, result: ChildResult): void {
  const message = result.error ?? 'no error message';
  ctx.log.write({ kind: 'error', server: srv.kind, system: 'conveyor', scenario: 'schedule', message });
  ctx.say(`  ERROR conveyor schedule: ${message.slice(0, 300)}`);
}

async function scheduleCell(ctx: RunContext, srv: BenchServer, concurrency: number, busy: boolean): Promise<void> {
  const env = {
    REDIS_URL: srv.url, QUEUE: `bench-schedule-c${concurrency}-${busy ? 'busy' : 'idle'}`, CONCURRENCY: String(concurrency),
    BUSY: String(busy), SCHED_JOBS: String(ctx.cfg.SCHED_JOBS), SCHED_SECONDS: String(ctx.cfg.SCHED_SECONDS),
  };
  const worker = startChild(measurementSpec(ctx, 'conveyor', 'schedule-worker', env));
  try {
    await worker.ready;
  } catch {
    return recordError(ctx, srv, await worker.result);
  }
  const probe = await runChild(measurementSpec(ctx, 'conveyor', 'schedule-probe', env));
  if (probe.error) {
    worker.kill(); // it would wait for jobs that never come
    return recordError(ctx, srv, probe);
  }
  // The worker ends once every job ran: that the scheduled jobs really ran is part of the result.
  const done = await worker.result;
  if (done.error) return recordError(ctx, srv, done);
  const rec = ctx.log.write({ ...probe, server: srv.kind });
  if (rec.kind === 'schedule') {
    const how = busy ? 'slots busy' : 'idle';
    ctx.say(`${srv.kind} schedule c${concurrency} ${how.padEnd(10)} lag p50 ${rec.p50_ms} ms  p99 ${rec.p99_ms} ms  max ${rec.max_ms} ms  (${rec.count} jobs over ${rec.seconds} s${rec.unpromoted ? `, ${rec.unpromoted} not promoted` : ''})`);
  }
}
