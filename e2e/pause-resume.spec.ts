import { uniqueQueue } from './support/names';
import { queueRow } from './support/pages';
import { expect, queuePath, screenshot, test } from './support/test';

test('Pause stops the workers claiming from a queue (shown on the queue page and the overview); Resume lets them run its jobs', async ({ page, openQueue, startWorker }) => {
  const name = uniqueQueue('pause');
  const canaryName = uniqueQueue('pause-canary');
  const queue = openQueue(name);
  const canary = openQueue(canaryName);
  await queue.enqueue('ok', { n: 0 });
  // One slot, and the paused queue listed first: while it had claimable work the worker would take it first.
  await startWorker({ queues: [name, canaryName], concurrency: 1 });

  await page.goto(queuePath(name));
  await expect(page.getByTestId('state-count-finished')).toHaveText('1');
  await expect(page.getByTestId('queue-paused-badge')).toHaveCount(0);
  await expect(page.getByTestId('pause-toggle')).toHaveText(/Pause/);

  await page.getByTestId('pause-toggle').click();
  await expect(page.getByTestId('queue-paused-badge')).toBeVisible();
  await expect(page.getByTestId('queue-paused-notice')).toBeVisible();
  await expect(page.getByTestId('pause-toggle')).toHaveText(/Resume/);
  expect(await queue.isPaused()).toBe(true);

  // Jobs enqueued now stay queued while the same worker keeps running another queue's jobs.
  const held = await queue.enqueueMany([{ task: 'ok', data: { n: 1 } }, { task: 'ok', data: { n: 2 } }]);
  for (const n of [1, 2]) {
    const { id } = await canary.enqueue('ok', { canary: n });
    await expect.poll(async () => (await canary.getJob(id))?.state).toBe('finished');
  }
  expect(await queue.getCounts()).toMatchObject({ queued: 2, started: 0, finished: 1 });
  await expect(page.getByTestId('state-count-queued')).toHaveText('2');
  await expect(page.getByTestId('job-row')).toHaveCount(2);
  await screenshot(page, 'queue-paused');

  await page.goto('/');
  const row = queueRow(page, name);
  await expect(row).toHaveAttribute('data-paused', 'true');
  await expect(row.getByTestId('queue-paused')).toHaveText(/Paused/);
  await expect(queueRow(page, canaryName).getByTestId('queue-paused')).toHaveCount(0);
  await screenshot(page, 'overview-paused');
  await row.getByTestId('queue-link').click();

  await page.getByTestId('pause-toggle').click();
  await expect(page.getByTestId('queue-paused-badge')).toHaveCount(0);
  await expect(page.getByTestId('pause-toggle')).toHaveText(/Pause/);
  await expect(page.getByTestId('state-count-finished')).toHaveText('3');
  await expect(page.getByTestId('state-count-queued')).toHaveText('0');
  for (const { id } of held) expect((await queue.getJob(id))?.state).toBe('finished');
  expect(await queue.isPaused()).toBe(false);
});
