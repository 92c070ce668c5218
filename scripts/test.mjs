// `npm test`: installs what is missing, runs every test runner, and prints the totals over all of
// them as the LAST line, exactly `N passed, N failed`. Exits non-zero if anything failed or a
// runner crashed (a crash counts as a failure).
//
//   npm test                  everything: vitest, next build, Playwright (when configured)
//   npm test -- engine queue  only test files whose path contains one of the words
//
// Plain Node with builtins at the top level: it runs before node_modules exists.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAll, SetupError } from './lib/ensure.mjs';
import { current, killGroup, RUNNERS } from './lib/runners.mjs';
import { sumOutcomes, totalsLine } from './lib/totals.mjs';

/** What the tests need from Debian: Redis for every suite, Chromium for e2e, RQ for interop. */
const SYSTEM_PACKAGES = ['redis-server', 'chromium', 'python3-rq'];

const root = fileURLToPath(new URL('..', import.meta.url));
let interrupted = false;

function onSignal(signal) {
  if (interrupted && current.pid) killGroup(current.pid, 'SIGKILL');
  else if (current.pid) killGroup(current.pid, signal);
  interrupted = true;
}

async function runAll(ctx) {
  const lines = [];
  const outcomes = [];
  for (const runner of RUNNERS) {
    if (interrupted) break;
    const skipped = runner.skip(ctx);
    if (skipped) {
      lines.push(`${runner.name}: skipped (${skipped})`);
      continue;
    }
    console.log(`\n[test] ── ${runner.name} ──`);
    const outcome = await runner.run(ctx);
    outcomes.push(outcome);
    if (outcome.failed > 0) ctx.failedSoFar.push(runner.name);
    const note = outcome.note ? ` (${outcome.note})` : '';
    lines.push(`${runner.name}: ${outcome.passed} passed, ${outcome.failed} failed${note}`);
  }
  if (interrupted) outcomes.push({ passed: 0, failed: 1, note: 'interrupted' });
  return { lines, totals: sumOutcomes(outcomes) };
}

async function main() {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const ctx = { root, filters: process.argv.slice(2), reportDir: mkdtempSync(join(tmpdir(), 'conveyor-test-')), failedSoFar: [] };
  try {
    ensureAll(root, SYSTEM_PACKAGES);
    const { lines, totals } = await runAll(ctx);
    console.log(`\n[test] ── summary ──\n${lines.join('\n')}${interrupted ? '\ninterrupted' : ''}`);
    const nothingRan = totals.passed + totals.failed === 0;
    if (nothingRan) console.log(`no test ran${ctx.filters.length ? ` (no test file matches ${ctx.filters.join(' ')})` : ''}`);
    return { totals, ok: totals.failed === 0 && !nothingRan };
  } catch (e) {
    console.error(e instanceof SetupError ? `[setup] ${e.message}` : e);
    return { totals: { passed: 0, failed: 1 }, ok: false };
  } finally {
    rmSync(ctx.reportDir, { recursive: true, force: true });
  }
}

const { totals, ok } = await main();
console.log(totalsLine(totals));
process.exitCode = ok ? 0 : 1;
