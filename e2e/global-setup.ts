/**
 * Starts what every browser test needs and returns the teardown that stops it all:
 * a private Redis (unless the test runner gave one in CONVEYOR_TEST_REDIS_URL) and the built
 * dashboard (`next start`, built by `npm test` or `npx next build` beforehand) on a free port,
 * with a key prefix unique to this run. Worker processes are started by the tests themselves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startRedis } from '../scripts/lib/redis-server.mjs';
import { publishRun } from './support/run';
import { stopProcess } from './support/processes';

const root = fileURLToPath(new URL('..', import.meta.url));

async function startDashboard(redisUrl: string, prefix: string): Promise<{ child: ChildProcess; baseUrl: string; output: () => string }> {
  if (!existsSync(join(root, '.next', 'BUILD_ID'))) {
    throw new Error('no dashboard build: run `npx next build` first (npm test builds it itself)');
  }
  const port = await freePort();
  const child = spawn(join(root, 'node_modules', '.bin', 'next'), ['start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, REDIS_URL: redisUrl, CONVEYOR_PREFIX: prefix, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, child, () => output);
  return { child, baseUrl, output: () => output };
}

/** Polls /api/health until Redis answers through the dashboard; fails early if next exits. */
async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  // A safety net against a server that never comes up, not a speed requirement.
  for (let tries = 0; tries < 1200; tries++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`next start exited:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the dashboard at ${baseUrl} did not become healthy:\n${output()}`);
}

export default async function globalSetup() {
  const ownRedis = process.env.CONVEYOR_TEST_REDIS_URL ? undefined : await startRedis();
  const redisUrl = process.env.CONVEYOR_TEST_REDIS_URL ?? ownRedis!.url;
  const prefix = `e2e-${randomBytes(4).toString('hex')}`;
  let dashboard: Awaited<ReturnType<typeof startDashboard>> | undefined;
  try {
    dashboard = await startDashboard(redisUrl, prefix);
  } catch (e) {
    await ownRedis?.stop();
    throw e;
  }
  publishRun({ baseUrl: dashboard.baseUrl, redisUrl, prefix });
  return async () => {
    await stopProcess(dashboard.child);
    await ownRedis?.stop();
  };
}
