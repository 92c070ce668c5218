/**
 * Scenario `profile`: one extra Conveyor enqueue and drain (at the highest concurrency) under
 * `node --cpu-prof`, not part of the results (profiling slows them down). Each profile is cut
 * to its measured phase and summarised by library and by function (profiles/*.md).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildResult } from '../lib/child';
import { runChild } from '../lib/child';
import { table } from '../report/markdown';
import { readProfile, type HotEntry } from '../report/profile';
import { measurementSpec, type BenchServer, type Mode, type RunContext } from './context';

const rows = (entries: HotEntry[]) => entries.map((h) => [String(h.selfMs), `${h.pct} %`, h.where ? `\`${h.name}\` ${h.where}` : h.name]);

function describeProfile(file: string, result: ChildResult, title: string): string {
  const window = Array.isArray(result.window_us) ? (result.window_us as [number, number]) : undefined;
  const report = readProfile(file, window);
  return [
    `#### ${title}: ${String(result.jobs_per_s)} jobs/s while profiled; the phase alone: ${report.busyMs} ms busy, ${report.idleMs} ms idle`,
    table(['self ms', '% of busy', 'library'], rows(report.libraries)),
    table(['self ms', '% of busy', 'function'], rows(report.functions)),
  ].join('\n\n');
}

async function profiled(ctx: RunContext, mode: Mode, env: Record<string, string>, name: string): Promise<{ result: ChildResult; file: string }> {
  const dir = join(ctx.log.dir, 'profiles');
  const args = ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}`];
  return { result: await runChild(measurementSpec(ctx, 'conveyor', mode, env, args)), file: join(dir, name) };
}

export async function profileConveyor(ctx: RunContext, srv: BenchServer): Promise<void> {
  const concurrency = Math.max(...ctx.cfg.CONCURRENCIES);
  await srv.admin.flushall();
  const env = { REDIS_URL: srv.url, QUEUE: 'bench-profile', N: String(ctx.cfg.N), BATCH: String(ctx.cfg.BATCH), REMOVE: 'false', CONCURRENCY: String(concurrency) };
  const enq = await profiled(ctx, 'enqueue', env, 'conveyor-enqueue.cpuprofile');
  if (enq.result.error || !existsSync(enq.file)) return ctx.say(`  profile: enqueue failed: ${enq.result.error ?? 'no profile written'}`);
  const drain = await profiled(ctx, 'drain', env, `conveyor-c${concurrency}-drain.cpuprofile`);
  if (drain.result.error || !existsSync(drain.file)) return ctx.say(`  profile: drain failed: ${drain.result.error ?? 'no profile written'}`);
  const md = [
    describeProfile(enq.file, enq.result, `Conveyor bulk enqueue of ${ctx.cfg.N} jobs`),
    describeProfile(drain.file, drain.result, `Conveyor drain of ${ctx.cfg.N} jobs at concurrency ${concurrency}`),
  ].join('\n\n');
  writeFileSync(join(ctx.log.dir, 'profiles', 'conveyor-hot.md'), `${md}\n`);
  ctx.say(`profiles in ${join(ctx.log.dir, 'profiles')}\n${md}`);
}
