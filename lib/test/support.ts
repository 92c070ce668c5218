/**
 * Helpers for lib/ tests. Each test file gets its own key prefix on the shared test Redis, so the
 * dashboard's inspector (which lists every queue under its prefix) sees only that file's queues.
 * Test files also replace the `server-only` marker, which throws outside a React server bundle.
 */
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { redisUrl } from '@/engine/test/support/fixtures';

/** Points lib/env at the test Redis under a fresh prefix (call before lib code first reads env). */
export function useDashboardEnv(extra: Record<string, string> = {}): string {
  const prefix = `dash${randomBytes(4).toString('hex')}`;
  Object.assign(process.env, { REDIS_URL: redisUrl(), CONVEYOR_PREFIX: prefix, ...extra });
  afterAll(async () => {
    const { closeEngine } = await import('../engine');
    await closeEngine();
  });
  return prefix;
}

/** A same-origin request as the dashboard's own pages send it. */
export function request(path: string, init: RequestInit & { origin?: string | null } = {}): Request {
  const { origin = 'http://dash.test', ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set('host', 'dash.test');
  if (origin) headers.set('origin', origin);
  return new Request(`http://dash.test${path}`, { ...rest, headers });
}

/** The context Next passes to a route handler. */
export const params = <P extends Record<string, string>>(p: P) => ({ params: Promise.resolve(p) });
