import { uniqueQueue } from './support/names';
import { jobRow, pathSegments } from './support/pages';
import { apiJobPath, expect, jobPath, queuePath, test } from './support/test';

test('deleting a job asks first, returns to its queue tab, and the job is gone everywhere', async ({ page, openQueue, request }) => {
  const name = uniqueQueue('delete');
  const queue = openQueue(name);
  // No worker: the three jobs stay queued.
  for (const jobId of ['keep-1', 'doomed', 'keep-2']) await queue.enqueue('ok', { jobId }, { jobId });

  await page.goto(queuePath(name));
  await expect(page.getByTestId('state-count-queued')).toHaveText('3');
  await jobRow(page, 'doomed').getByTestId('job-link').click();
  await expect(page.getByTestId('job-id')).toHaveText('doomed');
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'queued');

  // Cancel changes nothing.
  await page.getByTestId('delete-job').click();
  const dialog = page.getByTestId('delete-job-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('doomed');
  await dialog.getByTestId('confirm-cancel').click();
  await expect(dialog).toBeHidden();
  expect((await request.get(apiJobPath(name, 'doomed'))).status()).toBe(200);

  await page.getByTestId('delete-job').click();
  await page.getByTestId('delete-job-dialog').getByTestId('confirm-ok').click();
  await expect.poll(() => new URL(page.url()).searchParams.get('state')).toBe('queued');
  expect(pathSegments(new URL(page.url()))).toEqual({ queue: name, id: undefined });
  await expect(page.getByTestId('jobs-table')).toHaveAttribute('data-state', 'queued');
  await expect(page.getByTestId('state-count-queued')).toHaveText('2');
  await expect(page.getByTestId('job-row')).toHaveCount(2);
  await expect(jobRow(page, 'doomed')).toHaveCount(0);
  await expect(jobRow(page, 'keep-1')).toBeVisible();

  const response = await request.get(apiJobPath(name, 'doomed'));
  expect(response.status()).toBe(404);
  expect((await response.json()).error.code).toBe('JOB_NOT_FOUND');
  expect(await queue.getJob('doomed')).toBeNull();
  expect((await queue.getCounts()).queued).toBe(2);

  // Its old address now says so.
  const visit = await page.goto(jobPath(name, 'doomed'));
  expect(visit?.status()).toBe(404);
  await expect(page.getByTestId('not-found')).toContainText('Job not found');
});
