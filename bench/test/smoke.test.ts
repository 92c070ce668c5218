/**
 * The benchmark harness end to end, small: `SMOKE=1 npm run bench` (N=500, one round, the
 * volatile server, a small failed set, a few scheduled jobs). Asserts that it produced a
 * well-formed record for every scenario and system (or a skip reason for RQ), a summary, and
 * left no process behind.
 * No timing is asserted: this machine is shared and its speed varies.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_KEYS, parseConfig } from '../lib/config';
import { readResults } from '../lib/results';
import type { AnyRec } from '../lib/records';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Inside the repository: the bundled measurement processes resolve node_modules from there.
const resultsDir = join(root, 'bench', 'results', `smoke-test-${process.pid}-${Date.now().toString(36)}`);
const resultsMd = join(root, 'bench', 'RESULTS.md');

function runSmoke(): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts'], {
      cwd: root,
      env: { ...smokeEnv(), SMOKE: '1', RESULTS_DIR: resultsDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

/** This environment without any harness setting, so the smoke defaults apply. */
function smokeEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of CONFIG_KEYS) delete env[key];
  return env;
}

function processesUsing(dir: string): string[] {
  const out: string[] = [];
  for (const pid of readdirPids()) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes(dir)) out.push(`${pid}: ${cmd.replace(/\0/g, ' ')}`);
    } catch {
      /* gone */
    }
  }
  return out;
}

function readdirPids(): string[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const SMOKE_TIMEOUT_MS = 15 * 60_000; // a `next build` may be due first; the run itself takes about a minute
let run: { code: number | null; stderr: string; records: AnyRec[]; mdBefore: number };

beforeAll(async () => {
  const mdBefore = existsSync(resultsMd) ? statSync(resultsMd).mtimeMs : 0;
  const { code, stderr } = await runSmoke();
  run = { code, stderr, mdBefore, records: readResults(join(resultsDir, 'results.jsonl')) };
}, SMOKE_TIMEOUT_MS);

afterAll(() => rmSync(resultsDir, { recursive: true, force: true }));

/** The systems the smoke run must have measured: RQ only when it was not skipped. */
function expectedSystems(): string[] {
  const skip = run.records.find((r) => r.kind === 'skip' && r.system === 'rq');
  if (skip?.kind === 'skip') console.log(`RQ was skipped: ${skip.reason}`);
  return ['conveyor', 'bullmq', 'bee-queue', ...(skip ? [] : ['rq-simple'])];
}

const slotsOf = (system: string) =>
  system.startsWith('rq-') ? ['c1-keep', 'c1-remove'] : ['c1-keep', 'c1-remove', 'c10-keep', 'c10-remove', 'c50-keep', 'c50-remove'];

describe('npm run bench (smoke)', () => {
  it('finishes without an error record, every line well-formed', () => {
    expect(run.records.filter((r) => r.kind === 'error'), run.stderr.slice(-3000)).toEqual([]);
    expect(run.code, run.stderr.slice(-3000)).toBe(0);
  });

  it('measures enqueue, processing (keep and remove, each concurrency) and latency for every system', () => {
    for (const system of expectedSystems()) {
      const mine = run.records.filter((r) => 'system' in r && r.system === system);
      for (const slot of slotsOf(system)) {
        expect(mine.filter((r) => r.kind === 'enqueue' && r.slot === slot), `${system} enqueue ${slot}`).toHaveLength(1);
        const drains = mine.flatMap((r) => (r.kind === 'drain' && r.slot === slot ? [r] : []));
        expect(drains, `${system} drain ${slot}`).toHaveLength(1);
        expect(drains[0].completed, `${system} ${slot} completed jobs`).toBe(drains[0].n);
      }
      expect(mine.filter((r) => r.kind === 'latency'), `${system} latency`).toHaveLength(1);
    }
  });

  it('measures the dashboard API at both failed-set sizes and with many queues', () => {
    const cfg = parseConfig({ SMOKE: '1' });
    const [small, large, many] = [cfg.FAILED_SMALL, cfg.FAILED_JOBS, cfg.DASH_QUEUES];
    const dash = run.records.flatMap((r) => (r.kind === 'dashboard' ? [r] : []));
    expect(dash.map((r) => `${r.endpoint}/${r.failed_jobs}/${r.queues}`)).toEqual([
      `queues/${small}/1`, `failed-page/${small}/1`, `queues/${large}/1`, `failed-page/${large}/1`, `queues/${large}/${many}`,
    ]);
    for (const r of dash) expect(r.commands_per_request, r.path).toBeGreaterThan(0);
  });

  it("measures scheduled jobs' promotion lag at each concurrency, with busy slots and idle", () => {
    const cfg = parseConfig({ SMOKE: '1' });
    const sched = run.records.flatMap((r) => (r.kind === 'schedule' ? [r] : []));
    expect(sched.map((r) => `${r.concurrency}/${r.busy ? 'busy' : 'idle'}`)).toEqual(cfg.SCHED_CONCURRENCIES.flatMap((c) => [`${c}/busy`, `${c}/idle`]));
    for (const r of sched) {
      expect(r.count).toBe(cfg.SCHED_JOBS);
      expect(Number.isFinite(r.p99_ms), `c${r.concurrency} p99`).toBe(true);
      // Not timing: a job the engine queued before its due time would be a bug whatever the machine.
      expect(r.min_ms, `c${r.concurrency} earliest lag`).toBeGreaterThanOrEqual(0);
    }
  });

  it('writes a summary with the targets, and leaves the committed RESULTS.md alone', () => {
    const summary = readFileSync(join(resultsDir, 'summary.md'), 'utf8');
    expect(summary).toContain('### Targets');
    for (const system of expectedSystems()) expect(summary).toContain(`| ${system} |`);
    expect(summary).toMatch(/\*\*(PASS|FAIL)\*\*/);
    expect(existsSync(resultsMd) ? statSync(resultsMd).mtimeMs : 0).toBe(run.mdBefore);
  });

  it('stops every process it started', () => {
    expect(processesUsing(resultsDir)).toEqual([]);
    const started = run.records.flatMap((r) => (r.kind === 'process' ? [r] : []));
    expect(started.map((r) => r.what).sort()).toEqual(['dashboard', 'redis-server']);
    for (const p of started) expect(isAlive(p.pid), `${p.what} (pid ${p.pid}) still runs`).toBe(false);
  });
});
