/**
 * Scenarios 1-4 side by side: bulk enqueue, processing (with worker RSS and Redis memory per
 * kept job) and enqueue-to-start latency. Cells that are compared form a slot; each round runs
 * every system of every slot once, each measurement in fresh processes on a flushed Redis, and
 * the order inside a slot rotates every round so slow drifts of the machine hit all alike.
 */
import { runChild, startChild } from '../lib/child';
import { waitPersistenceIdle } from '../lib/redis-info';
import { fmtInt } from '../lib/stats';
import { isRq, measurementSpec, type BenchServer, type RunContext } from './context';

interface Slot {
  name: string;
  kind: 'process' | 'latency';
  concurrency: number;
  remove: boolean;
  systems: string[];
}

export function buildSlots(ctx: RunContext): Slot[] {
  const nodeSystems = ctx.systems.filter((s) => !isRq(s));
  const rqSystems = ctx.systems.filter(isRq);
  const lowest = Math.min(...ctx.cfg.CONCURRENCIES);
  const slots: Slot[] = [];
  for (const concurrency of ctx.cfg.CONCURRENCIES) {
    for (const remove of [false, true]) {
      // RQ runs one job at a time per worker process: it sits beside the lowest concurrency.
      const systems = concurrency === lowest ? [...nodeSystems, ...rqSystems] : nodeSystems;
      slots.push({ name: `c${concurrency}-${remove ? 'remove' : 'keep'}`, kind: 'process', concurrency, remove, systems });
    }
  }
  slots.push({ name: 'latency', kind: 'latency', concurrency: ctx.cfg.LAT_CONCURRENCY, remove: false, systems: [...nodeSystems, ...rqSystems] });
  return slots;
}

const rotate = <T>(xs: T[], by: number) => xs.map((_, i) => xs[(i + by) % xs.length]);

export async function runQueueMatrix(ctx: RunContext, srv: BenchServer): Promise<void> {
  const slots = buildSlots(ctx);
  for (let round = 1; round <= ctx.cfg.ROUNDS; round++) {
    for (const [index, slot] of slots.entries()) {
      for (const system of rotate(slot.systems, round - 1 + index)) {
        await srv.admin.flushall();
        await waitPersistenceIdle(srv.admin);
        const place = { server: srv.kind, round, slot: slot.name };
        if (slot.kind === 'process') await processCell(ctx, srv, slot, system, place);
        else await latencyCell(ctx, srv, slot, system, place);
      }
    }
  }
}

type Place = { server: BenchServer['kind']; round: number; slot: string };

function recordOrError(ctx: RunContext, place: Place, system: string, scenario: string, result: Record<string, unknown>) {
  if (typeof result.error === 'string') {
    ctx.say(`  ERROR ${system} ${scenario}: ${result.error.slice(0, 300)}`);
    return ctx.log.write({ kind: 'error', ...place, system, scenario, message: result.error });
  }
  return ctx.log.write({ ...result, ...place });
}

async function processCell(ctx: RunContext, srv: BenchServer, slot: Slot, system: string, place: Place): Promise<void> {
  const n = isRq(system) ? ctx.cfg.N_RQ : ctx.cfg.N;
  const env = {
    REDIS_URL: srv.url, QUEUE: `bench-${system}-${slot.name}`, N: String(n), BATCH: String(ctx.cfg.BATCH),
    REMOVE: String(slot.remove), CONCURRENCY: String(slot.concurrency),
  };
  const enq = recordOrError(ctx, place, system, 'enqueue', await runChild(measurementSpec(ctx, system, 'enqueue', env)));
  if (enq.kind !== 'enqueue') return;
  const drainEnv = { ...env, BASE_USED_MEMORY: String(enq.base_used_memory) };
  const drain = recordOrError(ctx, place, system, 'drain', await runChild(measurementSpec(ctx, system, 'drain', drainEnv)));
  if (drain.kind !== 'drain') return;
  if (drain.completed !== n) ctx.say(`  WARNING ${system}: ${drain.completed} of ${n} jobs completed`);
  ctx.say(`${srv.kind} r${place.round} ${slot.name.padEnd(9)} ${system.padEnd(9)} enqueue ${fmtInt(enq.jobs_per_s).padStart(7)}/s  process ${fmtInt(drain.jobs_per_s).padStart(7)}/s  rss ${drain.rss_peak_mb} MB  others ${drain.others_cpu_pct}%`);
}

async function latencyCell(ctx: RunContext, srv: BenchServer, slot: Slot, system: string, place: Place): Promise<void> {
  const env = {
    REDIS_URL: srv.url, QUEUE: `bench-${system}-latency`, CONCURRENCY: String(slot.concurrency),
    LAT_RATE: String(ctx.cfg.LAT_RATE), LAT_COUNT: String(ctx.cfg.LAT_RATE * ctx.cfg.LAT_SECONDS), LAT_WARMUP: String(ctx.cfg.LAT_WARMUP),
  };
  const worker = startChild(measurementSpec(ctx, system, 'latency-worker', env));
  try {
    await worker.ready;
  } catch {
    recordOrError(ctx, place, system, 'latency', await worker.result);
    return;
  }
  const producer = await runChild(measurementSpec(ctx, system, 'latency-producer', env));
  if (producer.error) {
    recordOrError(ctx, place, system, 'latency-producer', producer);
    worker.kill(); // it would wait for jobs that never come
  }
  const rec = recordOrError(ctx, place, system, 'latency', await worker.result);
  if (rec.kind === 'latency') {
    ctx.say(`${srv.kind} r${place.round} latency   ${system.padEnd(9)} p50 ${rec.p50_ms} ms  p99 ${rec.p99_ms} ms  (${rec.count} jobs at ${rec.rate}/s)`);
  }
}
