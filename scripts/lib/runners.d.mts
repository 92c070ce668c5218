import type { Counted, Outcome } from './totals.mjs';

export interface RunContext {
  root: string;
  /** words from `npm test -- words`: only test files whose path contains one run */
  filters: string[];
  /** a temporary folder for report files */
  reportDir: string;
  /** names of runners that failed so far in this run */
  failedSoFar: string[];
}

export interface Runner {
  name: string;
  /** a reason to skip this runner, or null to run it */
  skip(ctx: RunContext): string | null;
  run(ctx: RunContext): Promise<Outcome>;
}

export interface CommandRunnerSpec {
  name: string;
  skip?: (ctx: RunContext) => string | null;
  command(ctx: RunContext, reportFile: string): { bin: string; args: string[]; env?: Record<string, string> };
  count: (report: any) => Counted;
  redis?: boolean;
  timeoutMs?: number;
  /** 'ignore' hides what the command prints; default 'inherit' */
  output?: 'inherit' | 'ignore';
}

export const current: { pid: number | undefined };
export function killGroup(pid: number, signal: NodeJS.Signals): void;
export function commandRunner(spec: CommandRunnerSpec): Runner;
export const vitest: Runner;
export const nextBuild: Runner;
export const playwright: Runner;
export const RUNNERS: Runner[];
