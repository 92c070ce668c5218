// Turns each test runner's JSON report into { passed, failed } and adds them up. Pure functions,
// so the counting rules are unit-tested (scripts/test/totals.test.ts).
//
// The rule everywhere: what cannot be counted is a failure. A runner that wrote no report, or
// exited non-zero while its report shows no failure (a crash, an unhandled error, a failed
// global setup), adds one failed, never zero.

/** Vitest's json reporter: failed tests, plus files that failed without a failed test (import error, hook). */
export function countVitest(report) {
  let failed = report.numFailedTests ?? 0;
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed').length;
    if (file.status === 'failed' && failedTests === 0) failed += 1;
  }
  if (report.success === false && failed === 0) failed = 1;
  return { passed: report.numPassedTests ?? 0, failed };
}

/** Playwright's json reporter: flaky tests passed on a retry; global errors (setup, web server) fail. */
export function countPlaywright(report) {
  const stats = report.stats ?? {};
  const passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
  const failed = (stats.unexpected ?? 0) + (report.errors?.length ?? 0);
  return { passed, failed };
}

/**
 * One runner's outcome from its exit and its parsed report (undefined when none was written).
 * `note` explains a failure that no test shows.
 */
export function runnerOutcome({ exitCode, signal, report, count }) {
  const how = signal ? `was killed by ${signal}` : `exited with code ${exitCode}`;
  if (report === undefined) return { passed: 0, failed: 1, note: `no report: the runner ${how}` };
  let counted;
  try {
    counted = count(report);
  } catch (e) {
    return { passed: 0, failed: 1, note: `unreadable report: ${e.message}` };
  }
  if ((exitCode !== 0 || signal) && counted.failed === 0) {
    return { ...counted, failed: 1, note: `the runner ${how} although no test failed` };
  }
  return counted;
}

export function sumOutcomes(outcomes) {
  return outcomes.reduce((sum, o) => ({ passed: sum.passed + o.passed, failed: sum.failed + o.failed }), { passed: 0, failed: 0 });
}

/** The last line of `npm test`, exactly. */
export function totalsLine({ passed, failed }) {
  return `${passed} passed, ${failed} failed`;
}
