/**
 * Measurement process: the worker of the schedule scenario, a plain Conveyor Worker at
 * CONCURRENCY and nothing else (no scheduler process). `hold` jobs sleep until the time in their
 * data: while they run every slot is taken, the worker makes no claim, and due jobs can become
 * queued only through its promotion tick. `noop` jobs are the scheduled ones. It exits once all
 * of them have finished: the holds (with BUSY) and SCHED_JOBS scheduled jobs.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker, type JobContext, type Logger } from '../../engine/index';
import { childSettings, emit, peakRssMb, runMeasurement, signalReady } from './common';

const quiet: Logger = { info() {}, warn() {}, error: (msg, extra) => console.error(`[conveyor] ${msg}`, extra ?? '') };

/** Data of a hold job: when it ends, epoch ms (the probe's clock; one machine, one clock). */
export interface HoldData {
  until: number;
}

runMeasurement(async () => {
  const s = childSettings();
  const total = (s.BUSY ? s.CONCURRENCY : 0) + s.SCHED_JOBS;
  let completed = 0;
  let finish = () => {};
  const allDone = new Promise<void>((resolve) => (finish = resolve));
  const handlers = {
    hold: (job: JobContext<HoldData>) => sleep(Math.max(0, job.data.until - Date.now()), undefined, { signal: job.signal }),
    noop: () => {},
  };
  const worker = new Worker(s.QUEUE, handlers, { connection: s.REDIS_URL, concurrency: s.CONCURRENCY, logger: quiet });
  worker.on('completed', () => {
    completed++;
    if (completed === total) finish();
  });
  worker.on('failed', (job: { id: string }, err: unknown) => console.error('conveyor: job failed', job.id, err));
  await worker.start();
  signalReady();
  await allDone;
  await worker.close({ timeoutMs: 1000 });
  emit({ kind: 'schedule-worker', completed, rss_peak_mb: peakRssMb() });
});
