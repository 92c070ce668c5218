import type { Page } from '@playwright/test';
import { uniqueQueue } from './support/names';
import { expect, queuePath, test } from './support/test';

const counts = async (page: Page) => ({
  queued: await page.getByTestId('state-count-queued').textContent(),
  failed: await page.getByTestId('state-count-failed').textContent(),
});

test('"Retry all failed" and "Empty queue" ask first naming the count, report it, and cancel changes nothing', async ({ page, openQueue, startWorker }) => {
  const name = uniqueQueue('actions');
  const queue = openQueue(name);
  await queue.enqueueMany(Array.from({ length: 3 }, (_, i) => ({ task: 'fail', data: { message: `failure ${i}` } })));
  const worker = await startWorker({ queues: [name], concurrency: 2 });
  await page.goto(queuePath(name, { state: 'failed' }));
  await expect(page.getByTestId('state-count-failed')).toHaveText('3');
  // Without a worker, retried jobs stay queued where the test can count them.
  await worker.stop();
  await expect(page.getByTestId('empty-queue')).toBeDisabled();

  await page.getByTestId('retry-all-failed').click();
  const retryDialog = page.getByTestId('retry-all-failed-dialog');
  await expect(retryDialog).toContainText('Retry all 3 failed jobs?');
  await expect(retryDialog).toContainText(name);
  await retryDialog.getByTestId('confirm-cancel').click();
  await expect(retryDialog).toBeHidden();
  await expect(page.getByTestId('retry-all-failed-result')).toHaveCount(0);
  expect(await queue.getCounts()).toMatchObject({ failed: 3, queued: 0 });
  expect(await counts(page)).toEqual({ failed: '3', queued: '0' });

  await page.getByTestId('retry-all-failed').click();
  await page.getByTestId('retry-all-failed-dialog').getByTestId('confirm-ok').click();
  await expect(page.getByTestId('retry-all-failed-result')).toHaveAttribute('data-outcome', 'ok');
  await expect(page.getByTestId('retry-all-failed-result')).toContainText('Retried 3 failed jobs');
  await expect(page.getByTestId('state-count-failed')).toHaveText('0');
  await expect(page.getByTestId('state-count-queued')).toHaveText('3');
  await expect(page.getByTestId('job-row')).toHaveCount(0);
  await expect(page.getByTestId('retry-all-failed')).toBeDisabled();
  expect(await queue.getCounts()).toMatchObject({ failed: 0, queued: 3 });

  await page.getByTestId('empty-queue').click();
  const emptyDialog = page.getByTestId('empty-queue-dialog');
  await expect(emptyDialog).toContainText('Delete 3 queued jobs?');
  await expect(emptyDialog).toContainText(name);
  await emptyDialog.getByTestId('confirm-cancel').click();
  await expect(emptyDialog).toBeHidden();
  expect(await queue.getCounts()).toMatchObject({ queued: 3 });
  await expect(page.getByTestId('state-count-queued')).toHaveText('3');

  await page.getByTestId('empty-queue').click();
  await page.getByTestId('empty-queue-dialog').getByTestId('confirm-ok').click();
  await expect(page.getByTestId('empty-queue-result')).toHaveAttribute('data-outcome', 'ok');
  await expect(page.getByTestId('empty-queue-result')).toContainText('Deleted 3 queued jobs');
  await expect(page.getByTestId('state-count-queued')).toHaveText('0');
  await expect(page.getByTestId('empty-queue')).toBeDisabled();
  expect(await queue.getCounts()).toMatchObject({ queued: 0, failed: 0 });
});
