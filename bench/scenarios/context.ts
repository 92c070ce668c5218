/**
 * What every scenario of a run shares: settings, where the measurement processes are, the
 * result log, and how to build the command line of one measurement process.
 */
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { EntryName } from '../lib/compile';
import type { BenchConfig, ServerKind } from '../lib/config';
import type { ChildSpec } from '../lib/child';
import type { ResultLog } from '../lib/results';

export interface BenchServer {
  kind: ServerKind;
  url: string;
  /** the harness's own connection: FLUSHALL between cells, INFO around requests */
  admin: Redis;
}

export interface RunContext {
  cfg: BenchConfig;
  /** repository root: the working directory of every process */
  root: string;
  entries: Record<EntryName, string>;
  log: ResultLog;
  /** systems measured side by side, Node ones first (`rq-simple`, `rq-fork` for RQ) */
  systems: string[];
  say(line: string): void;
}

export type Mode = 'enqueue' | 'drain' | 'latency-worker' | 'latency-producer' | 'schedule-worker' | 'schedule-probe';

export const isRq = (system: string) => system.startsWith('rq-');

/** The command line of one measurement process of `system` in `mode`. */
export function measurementSpec(ctx: RunContext, system: string, mode: Mode, env: Record<string, string>, extraNodeArgs: string[] = []): ChildSpec {
  const common = { cwd: ctx.root, timeoutMs: ctx.cfg.RUN_TIMEOUT_MS, verbose: ctx.cfg.VERBOSE, label: `${system} ${mode}` };
  const fullEnv = { ...env, SYSTEM: system, TIMEOUT_MS: String(ctx.cfg.RUN_TIMEOUT_MS) };
  if (isRq(system)) {
    return { ...common, command: ctx.cfg.PYTHON, args: [join(ctx.root, 'bench', 'rq', 'rq_measure.py'), mode], env: fullEnv };
  }
  return { ...common, command: process.execPath, args: [...extraNodeArgs, ctx.entries[mode]], env: fullEnv };
}
