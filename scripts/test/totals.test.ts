import { describe, expect, test } from 'vitest';
import { countPlaywright, countVitest, runnerOutcome, sumOutcomes, totalsLine } from '../lib/totals.mjs';

describe('countVitest', () => {
  test('counts passed and failed tests', () => {
    const report = {
      numPassedTests: 7, numFailedTests: 2, success: false,
      testResults: [{ status: 'failed', assertionResults: [{ status: 'failed' }, { status: 'failed' }, { status: 'passed' }] }],
    };
    expect(countVitest(report)).toEqual({ passed: 7, failed: 2 });
  });

  test('a file that failed without a failed test (import error, failing hook) is one failure', () => {
    const report = {
      numPassedTests: 3, numFailedTests: 0, success: false,
      testResults: [
        { status: 'failed', assertionResults: [] },
        { status: 'passed', assertionResults: [{ status: 'passed' }] },
      ],
    };
    expect(countVitest(report)).toEqual({ passed: 3, failed: 1 });
  });

  test('an unsuccessful run never counts zero failures', () => {
    expect(countVitest({ numPassedTests: 4, numFailedTests: 0, success: false, testResults: [] })).toEqual({ passed: 4, failed: 1 });
  });
});

describe('countPlaywright', () => {
  test('flaky tests passed on retry; unexpected ones failed', () => {
    const report = { stats: { expected: 5, unexpected: 1, flaky: 2, skipped: 3 }, errors: [] };
    expect(countPlaywright(report)).toEqual({ passed: 7, failed: 1 });
  });

  test('global errors (web server, global setup) are failures', () => {
    const report = { stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 9 }, errors: [{ message: 'webServer exited' }] };
    expect(countPlaywright(report)).toEqual({ passed: 0, failed: 1 });
  });
});

describe('runnerOutcome', () => {
  const count = (r: { p: number; f: number }) => ({ passed: r.p, failed: r.f });

  test('uses the report when the exit code agrees', () => {
    expect(runnerOutcome({ exitCode: 1, report: { p: 3, f: 2 }, count })).toEqual({ passed: 3, failed: 2 });
    expect(runnerOutcome({ exitCode: 0, report: { p: 3, f: 0 }, count })).toEqual({ passed: 3, failed: 0 });
  });

  test('no report is a crash: one failure', () => {
    const out = runnerOutcome({ exitCode: 0, report: undefined, count });
    expect(out).toMatchObject({ passed: 0, failed: 1 });
    expect(out.note).toMatch(/no report/);
  });

  test('a non-zero exit with no failed test adds one failure', () => {
    const out = runnerOutcome({ exitCode: 1, report: { p: 10, f: 0 }, count });
    expect(out).toMatchObject({ passed: 10, failed: 1 });
    expect(runnerOutcome({ exitCode: null, signal: 'SIGKILL', report: { p: 1, f: 0 }, count }).failed).toBe(1);
  });

  test('a report the counter cannot read is a failure', () => {
    const broken = () => {
      throw new Error('bad shape');
    };
    expect(runnerOutcome({ exitCode: 0, report: {}, count: broken })).toMatchObject({ passed: 0, failed: 1 });
  });
});

test('totals line adds every runner and has the exact format', () => {
  const totals = sumOutcomes([{ passed: 40, failed: 0 }, { passed: 0, failed: 0 }, { passed: 12, failed: 3 }]);
  expect(totalsLine(totals)).toBe('52 passed, 3 failed');
});
