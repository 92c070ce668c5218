/**
 * Seeding process for the dashboard scenario: brings one queue to TARGET failed jobs through the
 * engine itself (enqueueMany, then a worker whose handler throws), so every key and hash field
 * is exactly what Conveyor writes for a real failure, stack trace included.
 */
import { z } from 'zod';
import { Queue, Worker, type Logger } from '../../engine/index';
import { armDeadline, emit, runMeasurement } from '../measure/common';

const SeedEnv = z.object({
  REDIS_URL: z.string().regex(/^redis:\/\//),
  QUEUE: z.string().min(1),
  TARGET: z.coerce.number().int().min(1),
  CONCURRENCY: z.coerce.number().int().min(1).default(200),
  TIMEOUT_MS: z.coerce.number().int().min(1).default(600_000),
});

const BATCH = 1000;
/** enqueue calls in flight at once: enough to keep Redis busy, few enough to bound memory */
const IN_FLIGHT = 4;
const quiet: Logger = { info() {}, warn() {}, error: (msg, extra) => console.error(`[conveyor] ${msg}`, extra ?? '') };

class SeedFailure extends Error {
  override name = 'SeedFailure';
}

async function enqueueAll(queue: Queue, count: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const from = next;
      next = Math.min(count, next + BATCH);
      const jobs = Array.from({ length: next - from }, (_, k) => ({ task: 'fail', data: { i: from + k } }));
      await queue.enqueueMany(jobs);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

runMeasurement(async () => {
  const s = SeedEnv.parse(process.env);
  armDeadline(s.TIMEOUT_MS);
  const started = performance.now();
  const queue = new Queue(s.QUEUE, { connection: s.REDIS_URL });
  const toAdd = Math.max(0, s.TARGET - (await queue.getCounts()).failed);
  let failed = 0;
  let finish = () => {};
  const allFailed = new Promise<void>((resolve) => (finish = resolve));
  const handlers = {
    fail: (job: { data: unknown }) => {
      throw new SeedFailure(`seeded failure for job ${JSON.stringify(job.data)}`);
    },
  };
  const worker = new Worker(s.QUEUE, handlers, { connection: s.REDIS_URL, concurrency: s.CONCURRENCY, logger: quiet, keep: { failed: -1 } });
  worker.on('failed', () => {
    failed++;
    if (failed === toAdd) finish();
  });
  if (toAdd > 0) {
    await worker.start();
    await enqueueAll(queue, toAdd);
    await allFailed;
  }
  await worker.close({ timeoutMs: 1000 });
  const counts = await queue.getCounts();
  await queue.close();
  emit({ kind: 'seed', queue: s.QUEUE, added: toAdd, failed_total: counts.failed, counts, seconds: (performance.now() - started) / 1000 });
});
