import { describe, expect, it, vi } from 'vitest';
import { route } from '../http';
import { params, request, useDashboardEnv } from './support';

vi.mock('server-only', () => ({}));

// This file's process runs the dashboard read-only and behind a password.
useDashboardEnv({ DASHBOARD_PASSWORD: 'pa:ss wörd', DASHBOARD_READ_ONLY: 'true' });

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('auth and read-only mode', () => {
  let runs = 0;
  const read = route(async () => ({ runs: ++runs }));
  const write = route(async () => ({ runs: ++runs }), { mutates: true });
  const health = route(async () => ({ ok: true }), { public: true });

  it('asks for credentials when none or wrong ones are sent', async () => {
    for (const authorization of [undefined, basic('admin', 'nope'), basic('root', 'pa:ss wörd'), 'Bearer x']) {
      const headers: Record<string, string> = authorization ? { authorization } : {};
      const response = await read(request('/api/queues', { headers }), params({}));
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    }
    expect(runs).toBe(0);
  });

  it('lets the configured user in (default user admin; the password may contain ":")', async () => {
    const response = await read(request('/api/queues', { headers: { authorization: basic('admin', 'pa:ss wörd') } }), params({}));
    expect(response.status).toBe(200);
    expect(runs).toBe(1);
  });

  it('keeps the health check open', async () => {
    expect((await health(request('/api/health'), params({}))).status).toBe(200);
  });

  it('refuses every mutation with 403 in read-only mode, even when authorized and same-origin', async () => {
    const before = runs;
    const response = await write(request('/api/x', { method: 'POST', headers: { authorization: basic('admin', 'pa:ss wörd') } }), params({}));
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('READ_ONLY');
    expect(runs).toBe(before);
  });
});
