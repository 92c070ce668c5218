import { uniqueQueue } from './support/names';
import { jobRow, pathSegments, queueRow } from './support/pages';
import { expect, screenshot, test } from './support/test';

test('a failed job opened from the failed tab shows its error; Retry runs it again and it finishes', async ({ page, openQueue, startWorker }) => {
  const name = uniqueQueue('retry');
  const queue = openQueue(name);
  // `fail-once` fails the first time a job runs and succeeds when it runs again.
  const { id } = await queue.enqueue('fail-once', { order: 42 }, { description: 'fails once, then works' });
  await startWorker({ queues: [name], concurrency: 1 });

  await page.goto('/');
  const row = queueRow(page, name);
  await expect(row.getByTestId('queue-count-failed')).toHaveAttribute('data-count', '1');
  await row.getByTestId('queue-link').click();
  await expect(page.getByTestId('queue-name')).toHaveText(name);
  await page.getByTestId('state-tab-failed').click();
  await expect(page.getByTestId('state-tab-failed')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('jobs-table')).toHaveAttribute('data-state', 'failed');
  const failedRow = jobRow(page, id);
  await expect(failedRow.getByTestId('job-task')).toHaveText('fail-once');
  await expect(failedRow.getByTestId('job-attempts')).toHaveText('1/1');
  await expect(failedRow.getByTestId('job-error-summary')).toContainText('FirstRunError');
  await failedRow.getByTestId('job-link').click();

  await expect.poll(() => pathSegments(new URL(page.url()))).toEqual({ queue: name, id });
  await expect(page.getByTestId('job-id')).toHaveText(id);
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('job-error-name')).toHaveText('FirstRunError');
  await expect(page.getByTestId('job-error-message')).toHaveText(`first run of job ${id} fails on purpose`);
  await expect(page.getByTestId('job-error-stack')).toContainText(`FirstRunError: first run of job ${id} fails on purpose`);
  await expect(page.getByTestId('job-error-stack')).toContainText('tasks.ts');
  await expect(page.getByTestId('job-payload')).toContainText('"order": 42');
  await screenshot(page, 'job-failed');

  await page.getByTestId('retry-job').click();
  await expect(page.getByTestId('job-action-result')).toHaveAttribute('data-outcome', 'ok');
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'finished');
  await expect(page.getByTestId('job-result')).toContainText('"runs": 2');
  await expect(page.getByTestId('job-attempts')).toHaveText('1/1');
  await screenshot(page, 'job-finished');

  await page.getByTestId('job-queue-link').click();
  await expect(page.getByTestId('state-tab-finished')).toHaveAttribute('aria-selected', 'true');
  await expect(jobRow(page, id)).toBeVisible();
  await expect(page.getByTestId('state-count-failed')).toHaveText('0');
  await expect(page.getByTestId('state-count-finished')).toHaveText('1');
});
