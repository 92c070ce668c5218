/**
 * Scenario `profile`: one extra Conveyor drain at the highest concurrency under `node --cpu-prof`
 * (not part of the results: profiling slows it down), and a list of its hottest functions.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChild } from '../lib/child';
import { table } from '../report/markdown';
import { readProfile, type HotEntry } from '../report/profile';
import { measurementSpec, type BenchServer, type RunContext } from './context';

export async function profileConveyor(ctx: RunContext, srv: BenchServer): Promise<void> {
  const concurrency = Math.max(...ctx.cfg.CONCURRENCIES);
  const dir = join(ctx.log.dir, 'profiles');
  await srv.admin.flushall();
  const env = { REDIS_URL: srv.url, QUEUE: 'bench-profile', N: String(ctx.cfg.N), BATCH: String(ctx.cfg.BATCH), REMOVE: 'false', CONCURRENCY: String(concurrency) };
  const enq = await runChild(measurementSpec(ctx, 'conveyor', 'enqueue', env));
  if (enq.error) return ctx.say(`  profile: enqueue failed: ${enq.error}`);
  const name = `conveyor-c${concurrency}-drain.cpuprofile`;
  const drain = await runChild(measurementSpec(ctx, 'conveyor', 'drain', env, ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}`]));
  if (drain.error) return ctx.say(`  profile: drain failed: ${drain.error}`);
  if (!readdirSync(dir).includes(name)) return ctx.say('  profile: no profile was written');
  const window = Array.isArray(drain.window_us) ? (drain.window_us as [number, number]) : undefined;
  const report = readProfile(join(dir, name), window);
  const rows = (entries: HotEntry[]) => entries.map((h) => [String(h.selfMs), `${h.pct} %`, h.where ? `\`${h.name}\` ${h.where}` : h.name]);
  const md = [
    `Conveyor drain of ${ctx.cfg.N} jobs at concurrency ${concurrency}, ${drain.jobs_per_s} jobs/s while profiled; the drain alone: ${report.busyMs} ms busy, ${report.idleMs} ms idle.`,
    table(['self ms', '% of busy', 'library'], rows(report.libraries)),
    table(['self ms', '% of busy', 'function'], rows(report.functions)),
  ].join('\n\n');
  writeFileSync(join(dir, `conveyor-c${concurrency}-hot.md`), `${md}\n`);
  ctx.say(`profile: ${join(dir, name)}\n${md}`);
}
