/**
 * Measurement process: processing throughput. One worker at CONCURRENCY with a no-op handler
 * drains the N jobs the enqueue process left; the clock runs from start() to the N-th
 * completion recorded in Redis. Also reports this process's peak RSS and Redis memory per
 * finished job kept (used_memory now minus before the enqueue, over N).
 */
import { loadSystem } from '../adapters/index';
import { adminClient, childSettings, emit, nowUs, peakRssMb, perJob, Phase, runMeasurement } from './common';

runMeasurement(async () => {
  const s = childSettings();
  const system = await loadSystem(s.SYSTEM);
  const admin = adminClient(s.REDIS_URL);
  let completed = 0;
  let finish = () => {};
  const allDone = new Promise<void>((resolve) => (finish = resolve));
  const onCompleted = () => {
    completed++;
    if (completed === s.N) finish();
  };
  const worker = await system.worker(
    { redisUrl: s.REDIS_URL, queue: s.QUEUE, remove: s.REMOVE },
    { concurrency: s.CONCURRENCY, handler: async () => {}, onCompleted },
  );

  const phase = await Phase.begin(admin);
  const fromUs = nowUs();
  await worker.start();
  await allDone;
  const toUs = nowUs();
  const p = await phase.end();
  const rssPeakMb = peakRssMb();

  await worker.close();
  await admin.quit();
  emit({
    kind: 'drain',
    system: system.name,
    version: system.version,
    n: s.N,
    concurrency: s.CONCURRENCY,
    remove: s.REMOVE,
    seconds: p.seconds,
    jobs_per_s: Math.round(s.N / p.seconds),
    completed,
    rss_peak_mb: rssPeakMb,
    client_cpu_us_per_job: perJob(p.clientCpuUs, s.N),
    redis_cpu_us_per_job: perJob(p.redisCpuUs, s.N),
    redis_cmds_per_job: perJob(p.commands, s.N, 2),
    redis_calls: p.calls,
    redis_bytes_per_job_kept: s.BASE_USED_MEMORY > 0 ? Math.round((p.usedMemoryAfter - s.BASE_USED_MEMORY) / s.N) : null,
    others_cpu_pct: p.othersCpuPct,
    /** the drain on the monotonic clock (µs), to cut a CPU profile to it */
    window_us: [fromUs, toUs],
  });
});
