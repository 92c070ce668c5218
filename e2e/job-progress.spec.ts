import { uniqueQueue, XSS_IMG } from './support/names';
import { jobRow } from './support/pages';
import { expect, jobPath, queuePath, screenshot, test } from './support/test';

test('a running job shows its progress bar and log lines on its page and a compact bar in the started tab', async ({ page, openQueue, startWorker, release }) => {
  const name = uniqueQueue('progress');
  const queue = openQueue(name);
  await startWorker({ queues: [name], concurrency: 2 });
  const lines = ['fetching 3 pages', `page 1 of 3: ${XSS_IMG}`, '  indented\tand tabbed'];
  // `progress` logs its lines, reports its progress, then runs until released.
  const { id } = await queue.enqueue('progress', { lines, progress: 40 }, { priority: 'high', description: 'monthly report' });

  await page.goto(queuePath(name, { state: 'started' }));
  const row = jobRow(page, id);
  await expect(row.getByTestId('job-row-progress')).toHaveAttribute('data-percent', '40');
  await expect(row.getByTestId('job-row-progress-value')).toHaveText('40%');
  await expect(row.getByTestId('job-priority')).toHaveText(/high/);
  await screenshot(page, 'queue-started-tab');
  await row.getByTestId('job-link').click();

  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'started');
  await expect(page.getByTestId('job-progress-value')).toHaveText('40%');
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '40');
  await expect(page.getByTestId('job-priority')).toHaveText('high');
  await expect(page.getByTestId('job-log-line')).toHaveCount(3);
  // Each line is text, whitespace kept; markup is not parsed.
  const shown = await page.getByTestId('job-log-line').locator('span:not([aria-hidden])').allTextContents();
  expect(shown).toEqual(lines);
  await expect(page.getByTestId('job-logs').locator('img')).toHaveCount(0);
  await expect(page.getByTestId('job-logs-summary')).toContainText('3 lines');
  await screenshot(page, 'job-progress');

  await release(name, id);
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'finished');
  await expect(page.getByTestId('job-log-line')).toHaveCount(3);
  await expect(page.getByTestId('job-progress-value')).toHaveText('40%');
});

test('a job reporting an object as progress shows it as JSON text', async ({ page, openQueue, startWorker, release }) => {
  const name = uniqueQueue('progress-object');
  const queue = openQueue(name);
  await startWorker({ queues: [name], concurrency: 1 });
  const { id } = await queue.enqueue('progress', { progress: { stage: 'upload', note: XSS_IMG } });

  await page.goto(jobPath(name, id));
  await expect(page.getByTestId('job-progress-json')).toContainText('"stage": "upload"');
  await expect(page.getByTestId('job-progress-json')).toContainText(XSS_IMG);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expect(page.getByTestId('job-logs-empty')).toHaveText('No log lines yet.');
  await release(name, id);
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'finished');
});

test('"Run now" queues a scheduled job at once, from its page and from the scheduled tab', async ({ page, openQueue, startWorker }) => {
  const name = uniqueQueue('run-now');
  const queue = openQueue(name);
  await startWorker({ queues: [name], concurrency: 1 });
  const [fromPage, fromRow] = await queue.enqueueMany([
    { task: 'ok', data: { n: 1 }, options: { delay: 3_600_000 } },
    { task: 'ok', data: { n: 2 }, options: { delay: 3_600_000 } },
  ]);

  await page.goto(jobPath(name, fromPage.id));
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'scheduled');
  await expect(page.getByTestId('job-due')).toContainText(/in \d+ min/);
  await page.getByTestId('run-now').click();
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'finished');
  await expect(page.getByTestId('job-result')).toContainText('"n": 1');

  await page.goto(queuePath(name, { state: 'scheduled' }));
  await expect(page.getByTestId('job-row')).toHaveCount(1);
  await screenshot(page, 'queue-scheduled-tab');
  await jobRow(page, fromRow.id).getByTestId('row-run-now').click();
  await expect(page.getByTestId('state-count-scheduled')).toHaveText('0');
  await expect(page.getByTestId('state-count-finished')).toHaveText('2');
  expect((await queue.getJob(fromRow.id))?.state).toBe('finished');
});
