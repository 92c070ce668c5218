import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { demoConfig, portProblem } from '../lib/demo-config.mjs';
import { redisPassword, startEmbeddedRedis } from '../lib/demo-redis.mjs';

describe('demoConfig', () => {
  test('defaults: port 3000 on 127.0.0.1, embedded Redis, 2 workers of concurrency 4', () => {
    expect(demoConfig({})).toEqual({ port: 3000, host: '127.0.0.1', redisUrl: undefined, workers: 2, concurrency: 10 });
  });

  test('reads PORT, HOST, REDIS_URL, DEMO_WORKERS and DEMO_CONCURRENCY', () => {
    const env = { PORT: '4100', HOST: '0.0.0.0', REDIS_URL: 'redis://:pw@db:6380/2', DEMO_WORKERS: '3', DEMO_CONCURRENCY: '4' };
    expect(demoConfig(env)).toEqual({ port: 4100, host: '0.0.0.0', redisUrl: 'redis://:pw@db:6380/2', workers: 3, concurrency: 4 });
  });

  test('a bad value is refused with a message naming the variable', () => {
    expect(() => demoConfig({ PORT: '80x' })).toThrow(/PORT must be a whole number/);
    expect(() => demoConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => demoConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL must be a redis:\/\//);
    expect(() => demoConfig({ DEMO_WORKERS: '0' })).toThrow(/DEMO_WORKERS/);
  });
});

test('portProblem: a free port is fine, a taken one is explained', async () => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const taken = (server.address() as net.AddressInfo).port;
  try {
    expect(await portProblem('127.0.0.1', taken)).toMatch(new RegExp(`port ${taken} on 127.0.0.1 is already in use.*PORT=${taken + 1}`));
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  expect(await portProblem('127.0.0.1', taken)).toBeNull();
});

describe('the embedded Redis', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('its password is generated once, kept with mode 600, and reused', () => {
    dir = mkdtempSync(join(tmpdir(), 'conveyor-demo-test-'));
    const file = join(dir, 'redis-password');
    const first = redisPassword(file);
    expect(first).toMatch(/^[0-9a-f]{48}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    chmodSync(file, 0o644);
    expect(redisPassword(file)).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, 'kept-by-hand\n');
    expect(redisPassword(file)).toBe('kept-by-hand');
  });

  test('refuses clients without the password and keeps data across a restart (AOF)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'conveyor-demo-test-'));
    const ask = (port: number, commands: string) =>
      new Promise<string>((resolve, reject) => {
        const sock = net.connect(port, '127.0.0.1', () => sock.end(commands));
        let reply = '';
        sock.on('data', (d) => (reply += d));
        sock.on('end', () => resolve(reply));
        sock.on('error', reject);
      });
    const first = await startEmbeddedRedis(dir);
    const password = readFileSync(join(dir, 'redis-password'), 'utf8').trim();
    try {
      expect(await ask(first.port, 'GET k\r\n')).toMatch(/NOAUTH/);
      expect(await ask(first.port, `AUTH ${password}\r\nSET k kept\r\n`)).toBe('+OK\r\n+OK\r\n');
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedRedis(dir);
    try {
      expect(second.url).toContain(`:${password}@127.0.0.1:`);
      expect(await ask(second.port, `AUTH ${password}\r\nGET k\r\n`)).toBe('+OK\r\n$4\r\nkept\r\n');
    } finally {
      await second.stop();
    }
  });
});
