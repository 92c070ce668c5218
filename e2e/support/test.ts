/**
 * The `test` every browser test imports: Playwright's, plus real engine handles and worker
 * processes that are stopped after each test, a check that every queue the test touched is
 * still consistent, and guards that fail any test during which the page opened a dialog (an
 * `alert()` from injected markup would be one) or threw an uncaught error.
 */
import { mkdirSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import { assertConsistent, Inspector, Queue } from '../../engine';
import { markerKey } from './names';
import { runInfo } from './run';
import { spawnWorker, type WorkerProcess, type WorkerSpec } from './workers';

interface Fixtures {
  /** uncaught errors in the page's scripts during the test; must stay empty */
  pageErrors: string[];
  /** dialogs (alert, confirm, prompt) the page opened during the test; must stay empty */
  dialogs: string[];
  inspector: Inspector;
  /** a producer/operator handle on a queue (same Redis and prefix as the dashboard) */
  openQueue: (name: string) => Queue;
  startWorker: (spec: WorkerSpec) => Promise<WorkerProcess>;
  /** lets a running `hold` job finish */
  release: (queue: string, id: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  dialogs: [
    async ({ page }, use) => {
      const seen: string[] = [];
      page.on('dialog', (dialog) => {
        seen.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss().catch(() => {});
      });
      await use(seen);
      expect(seen, 'the page opened a dialog').toEqual([]);
    },
    { auto: true },
  ],

  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
      await use(errors);
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],

  inspector: async ({}, use) => {
    const { redisUrl, prefix } = runInfo();
    const inspector = new Inspector({ connection: redisUrl, prefix });
    await use(inspector);
    await inspector.close();
  },

  // Depends on openQueue so that it is torn down first: workers stop before the queues are
  // checked, since the check needs no job mid-transition.
  startWorker: async ({ inspector, openQueue: _checkedAfterWorkersStop }, use) => {
    const started: WorkerProcess[] = [];
    await use(async (spec) => {
      const worker = await spawnWorker(spec, inspector);
      started.push(worker);
      return worker;
    });
    await Promise.all(started.map((w) => w.stop()));
  },

  openQueue: async ({}, use) => {
    const { redisUrl, prefix } = runInfo();
    const opened: Queue[] = [];
    await use((name) => {
      const queue = new Queue(name, { connection: redisUrl, prefix });
      opened.push(queue);
      return queue;
    });
    try {
      for (const queue of opened) await assertConsistent(queue);
    } finally {
      await Promise.all(opened.map((q) => q.close()));
    }
  },

  release: async ({ inspector }, use) => {
    const { prefix } = runInfo();
    await use(async (queue, id) => {
      await inspector.client.set(markerKey(prefix, 'release', queue, id), '1');
    });
  },
});

export { expect };

/** Page path of a queue, each segment encoded here independently of the dashboard's own code. */
export function queuePath(queue: string, query: Record<string, string | number> = {}): string {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  return `/queues/${encodeURIComponent(queue)}${qs ? `?${qs}` : ''}`;
}

export function jobPath(queue: string, id: string): string {
  return `/queues/${encodeURIComponent(queue)}/jobs/${encodeURIComponent(id)}`;
}

export function apiJobPath(queue: string, id: string): string {
  return `/api/queues/${encodeURIComponent(queue)}/jobs/${encodeURIComponent(id)}`;
}

/** With CONVEYOR_E2E_SCREENSHOTS=1, saves a full-page screenshot to test-results/screens/NAME.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env.CONVEYOR_E2E_SCREENSHOTS) return;
  mkdirSync('test-results/screens', { recursive: true });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}
