import { uniqueQueue } from './support/names';
import { chartShapes, paintedBars, queueRow, shownNumber, yAxisMax } from './support/pages';
import { expect, screenshot, test } from './support/test';

const HOUR = 3_600_000;
const ok = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ task: 'ok', data: { n: from + i } }));

test('overview lists every queue with its counts and workers online, and its charts move while jobs run', async ({ page, openQueue, startWorker }) => {
  const waitingName = uniqueQueue('waiting');
  const busyName = uniqueQueue('busy');
  const waiting = openQueue(waitingName);
  const busy = openQueue(busyName);
  // No worker takes `waiting`: its 1,234 queued and 2 scheduled jobs stay put.
  await waiting.enqueueMany(ok(1234));
  await waiting.enqueueMany([
    { task: 'ok', data: {}, options: { delay: HOUR } },
    { task: 'ok', data: {}, options: { delay: HOUR } },
  ]);
  await busy.enqueueMany([...ok(3), { task: 'fail', data: {} }, { task: 'fail', data: {} }]);
  await startWorker({ queues: [busyName], concurrency: 2 });

  await page.goto('/');
  const waitingRow = queueRow(page, waitingName);
  await expect(waitingRow.getByTestId('queue-link')).toHaveText(waitingName);
  await expect(waitingRow.getByTestId('queue-count-queued')).toHaveAttribute('data-count', '1234');
  await expect(waitingRow.getByTestId('queue-count-queued')).toHaveText('1,234');
  await expect(waitingRow.getByTestId('queue-count-scheduled')).toHaveAttribute('data-count', '2');
  for (const state of ['deferred', 'started', 'finished', 'failed', 'canceled']) {
    await expect(waitingRow.getByTestId(`queue-count-${state}`)).toHaveAttribute('data-count', '0');
  }
  const busyRow = queueRow(page, busyName);
  await expect(busyRow.getByTestId('queue-count-finished')).toHaveAttribute('data-count', '3');
  await expect(busyRow.getByTestId('queue-count-failed')).toHaveAttribute('data-count', '2');
  for (const state of ['queued', 'scheduled', 'deferred', 'started', 'canceled']) {
    await expect(busyRow.getByTestId(`queue-count-${state}`)).toHaveAttribute('data-count', '0');
  }
  await expect.poll(() => shownNumber(page.getByTestId('workers-online'))).toBeGreaterThanOrEqual(1);
  await expect.poll(() => shownNumber(page.getByTestId('total-queued'))).toBeGreaterThanOrEqual(1234);
  await expect.poll(() => shownNumber(page.getByTestId('total-failed'))).toBeGreaterThanOrEqual(2);

  // Backlog: the waiting queue is a series, drawn up to its 1,234 jobs.
  const backlog = page.getByTestId('chart-backlog');
  await expect(backlog.locator('.recharts-legend-item-text', { hasText: waitingName })).toBeVisible();
  await expect.poll(() => yAxisMax(backlog)).toBeGreaterThanOrEqual(1234);
  // Throughput: the finished and the failed jobs of `busy` are drawn as bars.
  const throughput = page.getByTestId('chart-throughput');
  await expect.poll(() => paintedBars(throughput, 'finished').count()).toBeGreaterThan(0);
  await expect.poll(() => paintedBars(throughput, 'failed').count()).toBeGreaterThan(0);
  await screenshot(page, 'overview');

  // Both charts move without a reload while jobs arrive and are processed.
  const backlogBefore = await chartShapes(backlog);
  const throughputBefore = await chartShapes(throughput);
  expect(backlogBefore).toContain('M');
  expect(throughputBefore).toContain('finished:M');
  await waiting.enqueueMany(ok(600, 1234));
  await busy.enqueueMany(ok(20, 3));
  await expect.poll(() => yAxisMax(backlog)).toBeGreaterThanOrEqual(1834);
  await expect.poll(() => chartShapes(backlog)).not.toBe(backlogBefore);
  await expect(busyRow.getByTestId('queue-count-finished')).toHaveAttribute('data-count', '23');
  await expect.poll(() => chartShapes(throughput)).not.toBe(throughputBefore);
  await expect(waitingRow.getByTestId('queue-count-queued')).toHaveText('1,834');
});
