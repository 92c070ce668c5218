/**
 * Measurement process: the idle worker of the latency scenario. It starts, says it is ready,
 * and waits; the producer process then enqueues LAT_WARMUP + LAT_COUNT jobs one by one at a
 * fixed rate, each carrying its enqueue time. The handler records now - enqueue time on the
 * monotonic clock both processes share. Warm-up jobs are not counted.
 */
import { loadSystem } from '../adapters/index';
import type { Payload } from '../adapters/types';
import { childSettings, emit, nowUs, peakRssMb, runMeasurement, signalReady } from './common';
import { latencySummary } from './latency-summary';

runMeasurement(async () => {
  const s = childSettings();
  const system = await loadSystem(s.SYSTEM);
  const total = s.LAT_WARMUP + s.LAT_COUNT;
  const samplesMs: number[] = [];
  let completed = 0;
  let finish = () => {};
  const allDone = new Promise<void>((resolve) => (finish = resolve));
  const handler = (p: Payload) => {
    const startedAt = nowUs();
    if (p.i >= s.LAT_WARMUP && p.t !== undefined) samplesMs.push((startedAt - p.t) / 1000);
  };
  const onCompleted = () => {
    completed++;
    if (completed === total) finish();
  };
  const worker = await system.worker(
    { redisUrl: s.REDIS_URL, queue: s.QUEUE, remove: s.REMOVE },
    { concurrency: s.CONCURRENCY, handler: async (p) => handler(p), onCompleted },
  );
  await worker.start();
  signalReady();
  await allDone;
  await worker.close();
  emit({
    kind: 'latency',
    system: system.name,
    version: system.version,
    rate: s.LAT_RATE,
    concurrency: s.CONCURRENCY,
    ...latencySummary(samplesMs),
    rss_peak_mb: peakRssMb(),
  });
});
