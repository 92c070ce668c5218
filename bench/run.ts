/**
 * `npm run bench`: Conveyor beside BullMQ, bee-queue and RQ on redis-servers this run starts
 * itself (persistence off, then AOF everysec). See bench/RESULTS.md for what is measured.
 * Writes bench/results/<UTC stamp>/{results.jsonl,summary.md} and, for a full default run only,
 * bench/RESULTS.md.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_SYSTEM_NAMES } from './adapters/index';
import { killAllChildren } from './lib/child';
import { compileEntries } from './lib/compile';
import { parseConfig, type BenchConfig } from './lib/config';
import { machineInfo } from './lib/machine';
import { ResultLog, utcStamp } from './lib/results';
import { stopEverything } from './lib/cleanup';
import { startBenchServer } from './lib/servers';
import { median } from './lib/stats';
import { baseVersions, rqVersion } from './lib/versions';
import { writeResultsMd } from './report/results-md';
import { buildSummary } from './report/summary';
import type { RunContext } from './scenarios/context';
import { runDashboard } from './scenarios/dashboard';
import { profileConveyor } from './scenarios/profile';
import { runQueueMatrix } from './scenarios/queue-matrix';
import { runSchedule } from './scenarios/schedule';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Settings that make a run partial: such a run does not rewrite bench/RESULTS.md. */
const PARTIAL_KEYS = ['N', 'ROUNDS', 'SYSTEMS', 'SERVERS', 'SCENARIOS', 'CONCURRENCIES', 'DASHBOARD_SERVERS', 'FAILED_JOBS', 'SCHED_CONCURRENCIES', 'SCHED_JOBS', 'RESULTS_DIR'];
const say = (line: string) => console.error(`[bench] ${line}`);

/** Node systems as asked, then RQ's workers if its Python has RQ (else a printed reason). */
function chooseSystems(cfg: BenchConfig, log: ResultLog, versions: Record<string, string>): string[] {
  const systems = cfg.SYSTEMS.filter((s) => NODE_SYSTEM_NAMES.includes(s));
  if (!cfg.SYSTEMS.includes('rq')) return systems;
  const rq = rqVersion(cfg.PYTHON);
  if ('reason' in rq) {
    say(`skipping RQ: ${rq.reason}`);
    log.write({ kind: 'skip', system: 'rq', reason: rq.reason });
    return systems;
  }
  versions.rq = rq.version;
  return [...systems, ...cfg.RQ_WORKERS.map((w) => `rq-${w}`)];
}

/** `node scripts/build.mjs`: builds the dashboard unless its build is current. */
function buildDashboard(): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: ['ignore', 2, 2] });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}

async function runServer(ctx: RunContext, kind: BenchConfig['SERVERS'][number], dashboard: boolean): Promise<void> {
  const { server, pid, stop } = await startBenchServer(kind);
  ctx.log.write({ kind: 'process', what: 'redis-server', server: kind, pid });
  try {
    say(`${kind}: redis-server at ${server.url}`);
    if (ctx.cfg.SCENARIOS.includes('queues')) await runQueueMatrix(ctx, server);
    if (ctx.cfg.SCENARIOS.includes('schedule')) await runSchedule(ctx, server);
    if (dashboard && ctx.cfg.DASHBOARD_SERVERS.includes(kind)) await runDashboard(ctx, server);
    if (ctx.cfg.SCENARIOS.includes('profile') && kind === ctx.cfg.SERVERS[0]) await profileConveyor(ctx, server);
  } finally {
    await stop();
  }
}

async function main(): Promise<number> {
  const cfg = parseConfig();
  const started = new Date();
  const stamp = `${utcStamp(started)}${cfg.SMOKE ? '-smoke' : ''}`;
  const log = new ResultLog(cfg.RESULTS_DIR ?? join(root, 'bench', 'results', stamp));
  say(`results -> ${log.dir}`);
  // Built inside the project whatever RESULTS_DIR says: the bundles import its node_modules.
  const entries = await compileEntries(join(root, 'bench', 'results', `build-${stamp}`));
  const versions = baseVersions();
  const systems = chooseSystems(cfg, log, versions);
  let dashboard = cfg.SCENARIOS.includes('dashboard');
  if (dashboard && !(await buildDashboard())) {
    log.write({ kind: 'error', system: 'conveyor', scenario: 'dashboard', message: 'the dashboard did not build (node scripts/build.mjs)' });
    dashboard = false;
  }
  log.write({ kind: 'run', started: started.toISOString(), smoke: cfg.SMOKE, config: { ...cfg }, machine: { ...machineInfo() }, versions });
  const ctx: RunContext = { cfg, root, entries, log, systems, say };
  for (const kind of cfg.SERVERS) await runServer(ctx, kind, dashboard);

  const others = log.records.flatMap((r) => (r.kind === 'drain' || r.kind === 'enqueue' ? [r.others_cpu_pct] : []));
  const seconds = (Date.now() - started.getTime()) / 1000;
  log.write({ kind: 'run-end', finished: new Date().toISOString(), seconds, loadavg: machineInfo().loadavg, others_cpu_pct_median: others.length ? median(others) : null });
  const summary = buildSummary(log.records, cfg);
  writeFileSync(join(log.dir, 'summary.md'), summary.markdown);
  // Only a full default run may replace the published figures.
  const partial = PARTIAL_KEYS.filter((k) => process.env[k]);
  if (cfg.SMOKE || partial.length > 0) say(`bench/RESULTS.md left as it is (${cfg.SMOKE ? 'smoke run' : `partial run: ${partial.join(', ')} set`})`);
  else writeResultsMd(join(root, 'bench', 'RESULTS.md'), summary.markdown, stamp);
  console.log(summary.markdown);
  const errors = log.records.filter((r) => r.kind === 'error').length;
  say(`done in ${(seconds / 60).toFixed(1)} min; ${errors} error(s); results in ${log.dir}`);
  return errors > 0 ? 1 : 0;
}

async function interrupted(signal: NodeJS.Signals): Promise<void> {
  say(`${signal}: stopping every process this run started`);
  killAllChildren();
  await stopEverything();
  process.exit(130);
}

async function crashed(e: unknown): Promise<void> {
  console.error(e);
  killAllChildren();
  await stopEverything();
  process.exit(1);
}

process.on('SIGINT', interrupted);
process.on('SIGTERM', interrupted);
process.on('unhandledRejection', crashed);
main().then((code) => process.exit(code), crashed);
