/**
 * Measurement process: the producer of the latency scenario. Enqueues LAT_WARMUP + LAT_COUNT
 * jobs one at a time at LAT_RATE jobs/s, on a fixed schedule (no drift), each carrying the
 * monotonic time taken right before its enqueue call.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { loadSystem } from '../adapters/index';
import { childSettings, emit, nowUs, runMeasurement } from './common';

runMeasurement(async () => {
  const s = childSettings();
  const system = await loadSystem(s.SYSTEM);
  const producer = await system.producer({ redisUrl: s.REDIS_URL, queue: s.QUEUE, remove: s.REMOVE });
  const total = s.LAT_WARMUP + s.LAT_COUNT;
  const intervalUs = 1e6 / s.LAT_RATE;
  const t0 = nowUs() + 20_000;
  let late = 0;
  for (let i = 0; i < total; i++) {
    const waitMs = (t0 + i * intervalUs - nowUs()) / 1000;
    if (waitMs > 0) await sleep(waitMs);
    else if (waitMs < -intervalUs / 1000) late++;
    await producer.enqueueOne({ i, t: nowUs() });
  }
  await producer.close();
  emit({ kind: 'latency-producer', system: system.name, sent: total, late });
});
