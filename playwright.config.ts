/**
 * Browser end-to-end tests (e2e/). Global setup starts the built dashboard (`next start`) on a
 * free port against a private Redis with a key prefix unique to the run; each test starts the
 * real worker processes it needs. `npm test` builds the app first and passes the reporters.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  // One browser at a time: the machine has two cores, and the dashboard, Redis and the worker
  // processes share them.
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  // Generous: these wait for real processes on a shared, noisy machine (never a speed check).
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: 'list',
  outputDir: 'test-results',
  use: {
    // Set by global setup before the test workers start (see e2e/support/run.ts).
    baseURL: process.env.CONVEYOR_E2E_BASE_URL,
    headless: true,
    viewport: { width: 1400, height: 900 },
    timezoneId: 'UTC',
    locale: 'en-US',
    // CI discards test-results/; locally a failed test keeps its trace.
    trace: process.env.CI ? 'off' : 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
