/**
 * Measurement process: bulk enqueue. Adds N tiny jobs in batches of BATCH with the system's bulk
 * API, one batch after the other, and leaves them queued for the drain process that follows.
 */
import { loadSystem } from '../adapters/index';
import type { Payload } from '../adapters/types';
import { adminClient, childSettings, emit, nowUs, perJob, Phase, runMeasurement } from './common';

runMeasurement(async () => {
  const s = childSettings();
  const system = await loadSystem(s.SYSTEM);
  const admin = adminClient(s.REDIS_URL);
  const producer = await system.producer({ redisUrl: s.REDIS_URL, queue: s.QUEUE, remove: s.REMOVE });
  const payloads: Payload[] = Array.from({ length: s.N }, (_, i) => ({ i }));

  const phase = await Phase.begin(admin);
  const fromUs = nowUs();
  for (let i = 0; i < s.N; i += s.BATCH) await producer.enqueueMany(payloads.slice(i, i + s.BATCH));
  const toUs = nowUs();
  const p = await phase.end();

  await producer.close();
  await admin.quit();
  emit({
    kind: 'enqueue',
    system: system.name,
    version: system.version,
    n: s.N,
    batch: s.BATCH,
    seconds: p.seconds,
    jobs_per_s: Math.round(s.N / p.seconds),
    client_cpu_us_per_job: perJob(p.clientCpuUs, s.N),
    redis_cpu_us_per_job: perJob(p.redisCpuUs, s.N),
    redis_cmds_per_job: perJob(p.commands, s.N, 2),
    redis_bytes_per_job_queued: Math.round((p.usedMemoryAfter - p.usedMemoryBefore) / s.N),
    base_used_memory: p.usedMemoryBefore,
    others_cpu_pct: p.othersCpuPct,
    /** the enqueue on the monotonic clock (µs), to cut a CPU profile to it */
    window_us: [fromUs, toUs],
  });
});
