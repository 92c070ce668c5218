import { mean, percentile, round } from '../lib/stats';

/** p50/p99/max/mean of latency samples in ms, as they appear in a latency record. */
export function latencySummary(samplesMs: number[]) {
  return {
    count: samplesMs.length,
    p50_ms: round(percentile(samplesMs, 50), 3),
    p99_ms: round(percentile(samplesMs, 99), 3),
    max_ms: round(Math.max(...samplesMs), 3),
    mean_ms: round(mean(samplesMs), 3),
  };
}
