import 'server-only';
/**
 * Redis health for the header badge and for load balancers: a PING with its round-trip time.
 */
import { inspector } from './engine';
import { isRedisConnectionError } from './http';
import type { HealthResponse } from './wire';

const PING_TIMEOUT_MS = 2000;

/** Resolves with `work`, or rejects as unavailable when it takes longer than `ms`. */
async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no PING reply within ${ms} ms`), { name: 'RedisUnavailableError' })), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(): Promise<HealthResponse> {
  const started = performance.now();
  try {
    await within(inspector().client.ping(), PING_TIMEOUT_MS);
    return { ok: true, redis: 'up', latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (err) {
    if (!isRedisConnectionError(err)) console.error('[conveyor] health check failed:', err);
    return { ok: false, redis: 'down', latencyMs: null };
  }
}
