import { describe, expect, it, vi } from 'vitest';
import { parseEnv } from '../env';

vi.mock('server-only', () => ({}));

describe('parseEnv', () => {
  it('has working defaults', () => {
    expect(parseEnv({})).toEqual({ redisUrl: 'redis://127.0.0.1:6379', prefix: 'conveyor', auth: null, readOnly: false });
  });

  it('reads every variable, treating empty strings as unset', () => {
    const env = parseEnv({ REDIS_URL: 'redis://:pw@10.0.0.1:6380/2', CONVEYOR_PREFIX: 'acme', DASHBOARD_USER: 'ops', DASHBOARD_PASSWORD: 's3cret', DASHBOARD_READ_ONLY: 'true' });
    expect(env).toEqual({ redisUrl: 'redis://:pw@10.0.0.1:6380/2', prefix: 'acme', auth: { user: 'ops', password: 's3cret' }, readOnly: true });
    expect(parseEnv({ REDIS_URL: '', DASHBOARD_READ_ONLY: '' })).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379', readOnly: false });
  });

  it('defaults the user name to admin when only a password is set', () => {
    expect(parseEnv({ DASHBOARD_PASSWORD: 'pw' }).auth).toEqual({ user: 'admin', password: 'pw' });
  });

  it.each([
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL: REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    [{ CONVEYOR_PREFIX: 'has space' }, /CONVEYOR_PREFIX: /],
    [{ DASHBOARD_READ_ONLY: 'maybe' }, /DASHBOARD_READ_ONLY: DASHBOARD_READ_ONLY must be true or false/],
    [{ DASHBOARD_USER: 'ops' }, /DASHBOARD_USER: DASHBOARD_USER is set but DASHBOARD_PASSWORD is not/],
  ])('names the bad variable in %j', (raw, message) => {
    expect(() => parseEnv(raw)).toThrow(message);
  });
});
