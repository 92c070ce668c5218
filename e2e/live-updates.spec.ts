import { uniqueQueue } from './support/names';
import { expect, queuePath, test } from './support/test';

test('the queue page updates its counts and rows without a reload as jobs arrive and finish', async ({ page, openQueue, startWorker }) => {
  const name = uniqueQueue('live');
  const queue = openQueue(name);
  await queue.enqueueMany([{ task: 'ok', data: { n: 1 } }, { task: 'ok', data: { n: 2 } }]);

  await page.goto(queuePath(name));
  await expect(page.getByTestId('state-count-queued')).toHaveText('2');
  await expect(page.getByTestId('job-row')).toHaveCount(2);
  // A reload or navigation would drop this marker.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));

  const added = await queue.enqueueMany(Array.from({ length: 3 }, (_, i) => ({ task: 'ok', data: { n: 3 + i } })));
  await expect(page.getByTestId('state-count-queued')).toHaveText('5');
  await expect(page.getByTestId('job-row')).toHaveCount(5);
  for (const { id } of added) await expect(page.locator(`[data-testid="job-row"][data-job-id="${id}"]`)).toBeVisible();

  await startWorker({ queues: [name], concurrency: 2 });
  await expect(page.getByTestId('state-count-queued')).toHaveText('0');
  await expect(page.getByTestId('state-count-finished')).toHaveText('5');
  await expect(page.getByTestId('job-row')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});
