// `next build`, skipped when the last successful build is newer than every input, so a second
// `npm run demo` starts in seconds. node: builtins only (runs right after `npm ci`).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folders whose files go into the app build (engine/: the dashboard imports it). */
const SOURCE_DIRS = ['app', 'components', 'lib', 'engine', 'public', 'styles'];
/** Root files that change the build: config, dependencies, env files Next loads. */
const SOURCE_FILE = /^(next\.config\.\w+|postcss\.config\.\w+|tailwind\.config\.\w+|proxy\.ts|middleware\.ts|instrumentation\.ts|tsconfig\.json|package(-lock)?\.json|\.env.*)$/;
const SKIP_DIRS = new Set(['node_modules', '.next', '.git', 'test-results', 'playwright-report']);
/** Written into .next after a successful build: when that build started. */
export const STAMP = 'conveyor-build.json';

function newestIn(dir, newest = 0) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return newest;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) newest = newestIn(path, newest);
    } else if (entry.isFile()) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** mtime (ms) of the newest file the build reads. */
export function newestSource(root) {
  let newest = 0;
  for (const dir of SOURCE_DIRS) newest = newestIn(join(root, dir), newest);
  for (const name of readdirSync(root)) {
    if (SOURCE_FILE.test(name)) newest = Math.max(newest, statSync(join(root, name)).mtimeMs);
  }
  return newest;
}

/** Why a build is needed, or null when the existing one is current. */
export function buildNeeded(root) {
  const stampFile = join(root, '.next', STAMP);
  if (!existsSync(join(root, '.next', 'BUILD_ID')) || !existsSync(stampFile)) return 'no previous build';
  let startedAt;
  try {
    startedAt = JSON.parse(readFileSync(stampFile, 'utf8')).startedAt;
  } catch {
    return 'unreadable build stamp';
  }
  if (typeof startedAt !== 'number') return 'unreadable build stamp';
  return newestSource(root) >= startedAt ? 'sources changed since the last build' : null;
}

function runNextBuild(root) {
  return new Promise((resolve) => {
    const next = join(root, 'node_modules', '.bin', 'next');
    const child = spawn(next, ['build'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    child.on('error', (e) => resolve({ ok: false, why: `could not start next: ${e.message}` }));
    child.on('exit', (code, signal) => resolve({ ok: code === 0, why: signal ? `killed by ${signal}` : `exit code ${code}` }));
  });
}

/**
 * Builds the app unless it is current (`force` builds anyway).
 * Returns { ok, built, why }: why says why it built, or why it failed.
 */
export async function buildApp(root, { force = false, log = console.log } = {}) {
  const reason = force ? 'forced' : buildNeeded(root);
  if (!reason) {
    log('[build] the app build is up to date (no source is newer); skipping next build');
    return { ok: true, built: false, why: 'up to date' };
  }
  log(`[build] next build (${reason})`);
  // The start time, not the end: a file saved during the build must trigger the next one.
  const startedAt = Date.now();
  const result = await runNextBuild(root);
  if (result.ok) writeFileSync(join(root, '.next', STAMP), JSON.stringify({ startedAt }) + '\n');
  return { ok: result.ok, built: true, why: result.ok ? reason : `next build failed (${result.why})` };
}
