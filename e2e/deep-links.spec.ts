import { uniqueQueue } from './support/names';
import { expect, jobPath, queuePath, test } from './support/test';

test('a deep link opens the failed tab on page 2; unknown queues and jobs get the not-found page', async ({ page, openQueue, startWorker }) => {
  const name = uniqueQueue('pages');
  const queue = openQueue(name);
  // 25 failed jobs: the dashboard shows 20 per page, so page 2 holds the last 5.
  await queue.enqueueMany(Array.from({ length: 25 }, (_, i) => ({ task: 'fail', data: { message: `failure ${i}` } })));
  await startWorker({ queues: [name], concurrency: 4 });
  await expect.poll(async () => (await queue.getCounts()).failed).toBe(25);

  await page.goto(queuePath(name, { state: 'failed', page: 2 }));
  await expect(page.getByTestId('state-tab-failed')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('state-tab-queued')).toHaveAttribute('aria-selected', 'false');
  await expect(page.getByTestId('jobs-table')).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('page-summary')).toContainText('21–25 of 25');
  await expect(page.getByTestId('page-summary')).toContainText('page 2 of 2');
  await expect(page.getByTestId('job-row')).toHaveCount(5);
  await expect(page.getByTestId('page-next')).toHaveCount(0);
  const secondPage = await page.getByTestId('job-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-job-id')));

  await page.getByTestId('page-prev').click();
  await expect(page.getByTestId('page-summary')).toContainText('1–20 of 25');
  await expect(page.getByTestId('job-row')).toHaveCount(20);
  const firstPage = await page.getByTestId('job-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-job-id')));
  expect(new Set([...firstPage, ...secondPage]).size).toBe(25);
  await page.getByTestId('page-next').click();
  await expect(page.getByTestId('page-summary')).toContainText('page 2 of 2');
  expect(new URL(page.url()).searchParams.get('page')).toBe('2');

  const unknownQueue = await page.goto(queuePath(`${name}-nope`));
  expect(unknownQueue?.status()).toBe(404);
  await expect(page.getByTestId('not-found')).toContainText('Queue not found');
  await expect(page.getByTestId('not-found')).toContainText(`${name}-nope`);

  const unknownJob = await page.goto(jobPath(name, 'no-such-job'));
  expect(unknownJob?.status()).toBe(404);
  await expect(page.getByTestId('not-found')).toContainText('Job not found');
  await expect(page.getByTestId('not-found')).toContainText('no-such-job');

  await page.goto(queuePath(name, { state: 'bogus' }));
  await expect(page.getByTestId('bad-link')).toContainText('state must be one of');
});
