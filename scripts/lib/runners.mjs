// The test runners behind `npm test`, in the order they run. Each one is
//   { name, skip(ctx) -> reason | null, run(ctx) -> Promise<{ passed, failed, note? }> }
// and `commandRunner` builds one from a command that writes a JSON report, so a new runner
// (say, a Python RQ interop suite) is one more entry in RUNNERS.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildApp } from './build-app.mjs';
import { startRedis } from './redis-server.mjs';
import { countPlaywright, countVitest, runnerOutcome } from './totals.mjs';

const MINUTE = 60_000;
/** A safety net against a hung runner, not a speed limit: the whole suite takes minutes. */
const DEFAULT_RUNNER_TIMEOUT_MS = 30 * MINUTE;

/** The process group of the runner running now, so a signal to `npm test` can be passed on. */
export const current = { pid: undefined };

function readReport(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Sends `signal` to a whole process group; quiet when it is already gone. */
export function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

/**
 * Runs a command in its own process group (so nothing it starts outlives it: the group is
 * killed once the command exits) and resolves with its exit.
 */
function runGroup(command, args, { cwd, env, timeoutMs, output = 'inherit' }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', output, output], detached: true });
    current.pid = child.pid;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`[test] ${command} ran longer than ${timeoutMs / MINUTE} min; stopping it`);
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), 10_000).unref();
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ exitCode: null, signal: null, startError: e.message });
    });
    child.on('exit', (exitCode, signal) => {
      clearTimeout(timer);
      killGroup(child.pid, 'SIGKILL');
      current.pid = undefined;
      resolve({ exitCode, signal: timedOut ? 'a timeout' : signal });
    });
  });
}

/**
 * A runner from a command that writes a JSON report to `reportFile` (a path in ctx.reportDir).
 * spec: { name, skip?, command(ctx, reportFile) -> { bin, args, env? }, count, redis?, timeoutMs?, output? }
 * With `redis: true` the runner gets a private redis-server as CONVEYOR_TEST_REDIS_URL;
 * `output: 'ignore'` hides what the command prints (default: shown).
 */
export function commandRunner(spec) {
  return {
    name: spec.name,
    skip: spec.skip ?? (() => null),
    async run(ctx) {
      const reportFile = join(ctx.reportDir, `${spec.name.replace(/\W+/g, '-')}.json`);
      rmSync(reportFile, { force: true });
      const redis = spec.redis ? await startRedis() : undefined;
      try {
        const { bin, args, env = {} } = spec.command(ctx, reportFile);
        const fullEnv = { ...process.env, ...env, ...(redis && { CONVEYOR_TEST_REDIS_URL: redis.url }) };
        const timeoutMs = spec.timeoutMs ?? DEFAULT_RUNNER_TIMEOUT_MS;
        const exit = await runGroup(bin, args, { cwd: ctx.root, env: fullEnv, timeoutMs, output: spec.output });
        if (exit.startError) return { passed: 0, failed: 1, note: `could not start ${bin}: ${exit.startError}` };
        return runnerOutcome({ ...exit, report: readReport(reportFile), count: spec.count });
      } finally {
        await redis?.stop();
      }
    },
  };
}

const bin = (ctx, name) => join(ctx.root, 'node_modules', '.bin', name);

const PLAYWRIGHT_CONFIGS = ['playwright.config.ts', 'playwright.config.mts', 'playwright.config.js', 'playwright.config.mjs'];
const hasPlaywrightConfig = (ctx) => PLAYWRIGHT_CONFIGS.some((f) => existsSync(join(ctx.root, f)));

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

/** With filters (`npm test -- words`), does any e2e file path contain one of them? */
function e2eMatches(ctx) {
  if (ctx.filters.length === 0) return true;
  const files = filesUnder(join(ctx.root, 'e2e')).map((f) => relative(ctx.root, f));
  return files.some((f) => ctx.filters.some((word) => f.includes(word)));
}

export const vitest = commandRunner({
  name: 'vitest',
  command: (ctx, reportFile) => ({
    bin: bin(ctx, 'vitest'),
    args: [
      'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`,
      // a filter that matches only e2e files is not an error here; the totals check catches "nothing ran"
      ...(ctx.filters.length ? ['--passWithNoTests', ...ctx.filters] : []),
    ],
  }),
  count: countVitest,
});

export const nextBuild = {
  name: 'next build',
  skip: (ctx) => (e2eMatches(ctx) && (ctx.filters.length === 0 || hasPlaywrightConfig(ctx)) ? null : 'no e2e test matches the filters'),
  async run(ctx) {
    const result = await buildApp(ctx.root);
    return result.ok ? { passed: 0, failed: 0 } : { passed: 0, failed: 1, note: result.why };
  },
};

export const playwright = commandRunner({
  name: 'playwright',
  skip: (ctx) => {
    if (!hasPlaywrightConfig(ctx)) return 'no playwright.config.ts';
    if (ctx.failedSoFar.some((name) => name === 'next build')) return 'the app did not build';
    return e2eMatches(ctx) ? null : 'no e2e test matches the filters';
  },
  redis: true,
  command: (ctx, reportFile) => ({
    bin: bin(ctx, 'playwright'),
    args: ['test', '--reporter=list,json', ...ctx.filters],
    env: { PLAYWRIGHT_JSON_OUTPUT_FILE: reportFile, NEXT_TELEMETRY_DISABLED: '1' },
  }),
  count: countPlaywright,
});

/** Every runner, in order. Add one line here for a new kind of test. */
export const RUNNERS = [vitest, nextBuild, playwright];
