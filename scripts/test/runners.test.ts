// The runner wrapper against the real vitest and Playwright CLIs, on tiny sample projects with
// known outcomes: proves the reporters' files are where we read them and counted as intended.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { waitFor } from '../../engine/test/support/fixtures';
import { commandRunner } from '../lib/runners.mjs';
import { countPlaywright, countVitest } from '../lib/totals.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const reportDir = mkdtempSync(join(tmpdir(), 'conveyor-runners-test-'));
const ctx = { root, filters: [], reportDir, failedSoFar: [] };
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
afterAll(() => rmSync(reportDir, { recursive: true, force: true }));

test('vitest: passed tests, failed tests and a file that fails to load are counted', async () => {
  const runner = commandRunner({
    name: 'vitest sample',
    output: 'ignore',
    command: (_ctx, reportFile) => ({
      bin: bin('vitest'),
      args: ['run', '--root', 'scripts/test/fixtures/vitest-sample', '--reporter=json', `--outputFile.json=${reportFile}`],
    }),
    count: countVitest,
  });
  expect(await runner.run(ctx)).toEqual({ passed: 2, failed: 2 });
});

test('playwright: passed and failed tests are counted', async () => {
  const runner = commandRunner({
    name: 'playwright sample',
    output: 'ignore',
    command: (_ctx, reportFile) => ({
      bin: bin('playwright'),
      args: ['test', '--config', 'scripts/test/fixtures/playwright-sample/playwright.config.ts', '--reporter=json'],
      env: { PLAYWRIGHT_JSON_OUTPUT_FILE: reportFile, SAMPLE_OUTPUT_DIR: join(reportDir, 'pw-output') },
    }),
    count: countPlaywright,
  });
  expect(await runner.run(ctx)).toEqual({ passed: 2, failed: 1 });
});

test('a runner that exits without a report counts as one failure, even with exit code 0', async () => {
  const runner = commandRunner({
    name: 'silent',
    command: () => ({ bin: process.execPath, args: ['-e', 'process.exit(0)'] }),
    count: countVitest,
  });
  const outcome = await runner.run(ctx);
  expect(outcome).toMatchObject({ passed: 0, failed: 1 });
  expect(outcome.note).toMatch(/no report/);
});

test('a runner with redis: true sees CONVEYOR_TEST_REDIS_URL of a live private redis-server', async () => {
  const script = `
    const url = new URL(process.env.CONVEYOR_TEST_REDIS_URL);
    const sock = require('node:net').connect(Number(url.port), url.hostname, () => sock.write('PING\\r\\n'));
    sock.on('data', (d) => {
      const ok = d.toString().startsWith('+PONG') && url.port !== '6379';
      require('node:fs').writeFileSync(process.argv[1], JSON.stringify({ p: ok ? 1 : 0, f: ok ? 0 : 1 }));
      process.exit(0);
    });`;
  const runner = commandRunner({
    name: 'redis probe',
    redis: true,
    command: (_ctx, reportFile) => ({ bin: process.execPath, args: ['-e', script, reportFile] }),
    count: (r: { p: number; f: number }) => ({ passed: r.p, failed: r.f }),
  });
  expect(await runner.run(ctx)).toEqual({ passed: 1, failed: 0 });
});

test('a hung runner is stopped at its timeout and counts as one failure', async () => {
  const runner = commandRunner({
    name: 'hung',
    timeoutMs: 300,
    output: 'ignore',
    command: () => ({ bin: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'] }),
    count: countVitest,
  });
  expect(await runner.run(ctx)).toMatchObject({ passed: 0, failed: 1, note: expect.stringMatching(/timeout/) });
});

test('whatever a runner started is gone once it exits (no orphan processes)', async () => {
  const pidFile = join(reportDir, 'grandchild.pid');
  const script = `
    const { spawn } = require('node:child_process');
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    require('node:fs').writeFileSync(process.argv[1], String(child.pid));
    child.unref();
    process.exit(0);`;
  const runner = commandRunner({
    name: 'leaky',
    command: () => ({ bin: process.execPath, args: ['-e', script, pidFile] }),
    count: countVitest,
  });
  await runner.run(ctx);
  const pid = Number(readFileSync(pidFile, 'utf8'));
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  await waitFor('the grandchild to be gone', () => !alive());
});
