import { hostname } from 'node:os';
import { uniqueQueue } from './support/names';
import { pathSegments, workerRow } from './support/pages';
import { expect, screenshot, test } from './support/test';

test('the workers page lists each worker process with its queues, the job it runs, and a live heartbeat', async ({ page, openQueue, startWorker, release }) => {
  const first = uniqueQueue('workers-a');
  const second = uniqueQueue('workers-b');
  const queue = openQueue(first);
  openQueue(second);
  const worker = await startWorker({ queues: [first, second], concurrency: 3 });
  const idle = await startWorker({ queues: [second], concurrency: 1 });
  // `hold` runs until the test releases it: the job is surely running while the page is read.
  const { id } = await queue.enqueue('hold', {});

  await page.goto('/workers');
  const row = workerRow(page, worker.name);
  await expect(row.getByTestId('worker-host')).toHaveText(hostname());
  await expect(row.getByTestId('worker-pid')).toHaveText(String(worker.pid));
  await expect(row.getByTestId('worker-queue-link')).toHaveText([first, second]);
  await expect(row.getByTestId('worker-running')).toHaveText('1/3');
  await expect(row.getByTestId('worker-job-link')).toHaveText(id);
  await expect(row.getByTestId('worker-heartbeat')).toHaveText(/^(just now|\d+(\.\d)? s ago)$/);
  const idleRow = workerRow(page, idle.name);
  await expect(idleRow.getByTestId('worker-pid')).toHaveText(String(idle.pid));
  await expect(idleRow.getByTestId('worker-running')).toHaveText('0/1');
  await expect(idleRow.getByTestId('worker-job-link')).toHaveCount(0);
  await screenshot(page, 'workers');
  // At the configured 1400 px viewport the whole table fits in its card: nothing is cut at the right.
  const fits = await page.getByTestId('workers-table').evaluate((table) => table.scrollWidth <= table.parentElement!.clientWidth);
  expect(fits, 'the workers table is wider than its card').toBe(true);
  await expect(row.getByTestId('worker-started')).toBeInViewport({ ratio: 1 });

  // The heartbeat is renewed while the page is open (its time is in the cell's title).
  const beat = await row.getByTestId('worker-heartbeat').getAttribute('title');
  await expect(row.getByTestId('worker-heartbeat')).not.toHaveAttribute('title', beat ?? '');

  await row.getByTestId('worker-job-link').click();
  await expect.poll(() => pathSegments(new URL(page.url()))).toEqual({ queue: first, id });
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'started');
  await expect(page.getByTestId('job-worker')).toHaveText(worker.name);
  await expect(page.getByTestId('job-lease')).toContainText('UTC');

  await release(first, id);
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'finished');
  await page.goto('/workers');
  await expect(row.getByTestId('worker-running')).toHaveText('0/3');
  await expect(row.getByTestId('worker-job-link')).toHaveCount(0);
});
