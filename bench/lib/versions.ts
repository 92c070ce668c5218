/** Versions of everything measured, for the results and RESULTS.md. */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ownPackageVersion } from './package-version';

const require = createRequire(import.meta.url);
const pkgVersion = (name: string) => (require(`${name}/package.json`) as { version: string }).version;

export function redisServerVersion(): string {
  const out = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout ?? '';
  return /v=(\S+)/.exec(out)?.[1] ?? 'unknown';
}

/** RQ's version from `python`, or why it cannot be used. */
export function rqVersion(python: string): { version: string } | { reason: string } {
  const r = spawnSync(python, ['-c', 'import rq, redis; print(rq.__version__, redis.__version__)'], { encoding: 'utf8', timeout: 30_000 });
  if (r.error) return { reason: `${python} could not run: ${r.error.message}` };
  if (r.status !== 0) return { reason: `\`${python} -c "import rq"\` failed: ${(r.stderr || '').trim().split('\n').pop()} (install Debian's python3-rq)` };
  const [rq, redisPy] = r.stdout.trim().split(' ');
  return { version: `${rq} (redis-py ${redisPy})` };
}

export function baseVersions(): Record<string, string> {
  return {
    node: process.version,
    'redis-server': redisServerVersion(),
    conveyor: ownPackageVersion('conveyor', import.meta.url),
    ioredis: pkgVersion('ioredis'),
    bullmq: pkgVersion('bullmq'),
    'bee-queue': pkgVersion('bee-queue'),
  };
}
