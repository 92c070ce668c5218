/**
 * The dashboard as an operator runs it: the production build under `next start`, on a free
 * loopback port, reading the benchmark's Redis. Stopped (its whole process group) when done.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../scripts/lib/redis-server.mjs';
import { stopLater } from '../lib/cleanup';

export interface DashboardServer {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

const START_DEADLINE_MS = 60_000;

/** The environment of the dashboard: this Redis, and none of the caller's dashboard settings. */
function dashboardEnv(redisUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, REDIS_URL: redisUrl, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };
  for (const key of ['DASHBOARD_USER', 'DASHBOARD_PASSWORD', 'DASHBOARD_READ_ONLY', 'CONVEYOR_PREFIX']) delete env[key];
  return env;
}

export async function startDashboard(root: string, redisUrl: string, verbose: boolean): Promise<DashboardServer> {
  const port = await freePort();
  const next = join(root, 'node_modules', '.bin', 'next');
  const child = spawn(next, ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root, env: dashboardEnv(redisUrl), stdio: ['ignore', verbose ? 'inherit' : 'ignore', 'pipe'], detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* gone */
    }
  };
  const stop = stopLater(async () => {
    killGroup('SIGTERM');
    const forced = setTimeout(() => killGroup('SIGKILL'), 5000);
    await exited;
    clearTimeout(forced);
    killGroup('SIGKILL');
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(baseUrl, () => child.exitCode !== null);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}${stderr ? `\n${stderr.trim()}` : ''}`);
  }
  return { baseUrl, pid: child.pid!, stop };
}

async function waitHealthy(baseUrl: string, hasExited: () => boolean): Promise<void> {
  const deadline = Date.now() + START_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error('next start exited before it answered');
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  throw new Error(`the dashboard did not answer /api/health within ${START_DEADLINE_MS / 1000} s`);
}
