export interface Counted {
  passed: number;
  failed: number;
}
export interface Outcome extends Counted {
  /** why a failure was counted that no test shows (crash, missing report) */
  note?: string;
}
export function countVitest(report: unknown): Counted;
export function countPlaywright(report: unknown): Counted;
export function runnerOutcome(run: {
  exitCode: number | null;
  signal?: string | null;
  report: unknown;
  count: (report: any) => Counted;
}): Outcome;
export function sumOutcomes(outcomes: Counted[]): Counted;
export function totalsLine(totals: Counted): string;
