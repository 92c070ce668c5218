/**
 * The benchmark's own redis-servers: `volatile` (no persistence) and `aof` (appendonly,
 * appendfsync everysec, in a temporary folder removed afterwards). Loopback only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startRedis } from '../../scripts/lib/redis-server.mjs';
import type { BenchServer } from '../scenarios/context';
import { stopLater } from './cleanup';
import type { ServerKind } from './config';

export interface StartedServer {
  server: BenchServer;
  pid: number;
  stop(): Promise<void>;
}

export async function startBenchServer(kind: ServerKind): Promise<StartedServer> {
  const dir = kind === 'aof' ? mkdtempSync(join(tmpdir(), 'conveyor-bench-aof-')) : undefined;
  const redis = await startRedis({ appendonly: kind === 'aof', dir });
  const admin = new Redis(redis.url, { maxRetriesPerRequest: 3 });
  const stop = stopLater(async () => {
    admin.disconnect();
    await redis.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return { server: { kind, url: redis.url, admin }, pid: redis.pid, stop };
}
