import type { Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { jobRow, pathSegments, queueRow } from './support/pages';
import { apiJobPath, expect, jobPath, queuePath, screenshot, test } from './support/test';

const SPECIAL_ID = 'a/b c:d#e%25f?g=ü';
const OTHER_IDS = ['x/y #2 %41', 'z?w=1&v=% 📦'];

async function expectJobPage(page: Page, queue: string, id: string, state: string) {
  await expect(page.getByTestId('job-id')).toHaveText(id);
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', state);
  await expect(page.getByTestId('job-queue-link')).toHaveText(queue);
  expect(pathSegments(new URL(page.url()))).toEqual({ queue, id });
}

async function expectQueuePage(page: Page, queue: string, state: string) {
  await expect(page.getByTestId('queue-name')).toHaveText(queue);
  await expect(page.getByTestId(`state-tab-${state}`)).toHaveAttribute('aria-selected', 'true');
  expect(pathSegments(new URL(page.url()))).toEqual({ queue, id: undefined });
}

test('queue names and job ids with spaces, / : # % ?, accents and emoji work in every page and action', async ({ page, openQueue, startWorker, request }) => {
  const name = `e2e / eu:west #1 100% ünï 📦 ${randomBytes(3).toString('hex')}`;
  const queue = openQueue(name);
  await queue.enqueue('fail-once', { which: 'special' }, { jobId: SPECIAL_ID });
  for (const jobId of OTHER_IDS) await queue.enqueue('fail', { message: `failed ${jobId}` }, { jobId });
  const worker = await startWorker({ queues: [name], concurrency: 2 });

  await test.step('overview -> queue -> job by clicks', async () => {
    await page.goto('/');
    const row = queueRow(page, name);
    await expect(row.getByTestId('queue-link')).toHaveText(name);
    await expect(row.getByTestId('queue-count-failed')).toHaveAttribute('data-count', '3');
    await row.getByTestId('queue-count-failed').click();
    await expectQueuePage(page, name, 'failed');
    await expect(page.getByTestId('job-row')).toHaveCount(3);
    for (const id of [SPECIAL_ID, ...OTHER_IDS]) await expect(jobRow(page, id).getByTestId('job-link')).toHaveText(id);
    await jobRow(page, SPECIAL_ID).getByTestId('job-link').click();
    await expectJobPage(page, name, SPECIAL_ID, 'failed');
    await screenshot(page, 'special-job');
  });

  await test.step('the same pages by deep links and after a reload', async () => {
    await page.reload();
    await expectJobPage(page, name, SPECIAL_ID, 'failed');
    await page.goto(jobPath(name, OTHER_IDS[0]));
    await expectJobPage(page, name, OTHER_IDS[0], 'failed');
    await page.goto(queuePath(name, { state: 'failed' }));
    await page.reload();
    await expectQueuePage(page, name, 'failed');
    await expect(page.getByTestId('job-row')).toHaveCount(3);
    const api = await request.get(apiJobPath(name, SPECIAL_ID));
    expect(api.status()).toBe(200);
    expect(await api.json()).toMatchObject({ id: SPECIAL_ID, queue: name, state: 'failed' });
  });

  await test.step('retry the job: `fail-once` succeeds on its second run', async () => {
    await page.goto(jobPath(name, SPECIAL_ID));
    await page.getByTestId('retry-job').click();
    await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'finished');
  });
  // The other two jobs always fail; without a worker they stay queued once retried.
  await worker.stop();

  await test.step('retry all failed, then empty the queue', async () => {
    await page.getByTestId('job-queue-link').click();
    await expectQueuePage(page, name, 'finished');
    await expect(page.getByTestId('state-count-failed')).toHaveText('2');
    await page.getByTestId('retry-all-failed').click();
    await expect(page.getByTestId('retry-all-failed-dialog')).toContainText('Retry all 2 failed jobs?');
    await expect(page.getByTestId('retry-all-failed-dialog')).toContainText(name);
    await page.getByTestId('retry-all-failed-dialog').getByTestId('confirm-ok').click();
    await expect(page.getByTestId('retry-all-failed-result')).toContainText('Retried 2 failed jobs');
    await expect(page.getByTestId('state-count-failed')).toHaveText('0');
    await expect(page.getByTestId('state-count-queued')).toHaveText('2');
    await page.getByTestId('empty-queue').click();
    await expect(page.getByTestId('empty-queue-dialog')).toContainText('Delete 2 queued jobs?');
    await page.getByTestId('empty-queue-dialog').getByTestId('confirm-ok').click();
    await expect(page.getByTestId('empty-queue-result')).toContainText('Deleted 2 queued jobs');
    await expect(page.getByTestId('state-count-queued')).toHaveText('0');
  });

  await test.step('delete the job: back on its tab, gone from the page and the API', async () => {
    await jobRow(page, SPECIAL_ID).getByTestId('job-link').click();
    await expectJobPage(page, name, SPECIAL_ID, 'finished');
    await page.getByTestId('delete-job').click();
    await page.getByTestId('delete-job-dialog').getByTestId('confirm-ok').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('state')).toBe('finished');
    await expectQueuePage(page, name, 'finished');
    await expect(page.getByTestId('state-count-finished')).toHaveText('0');
    await expect(jobRow(page, SPECIAL_ID)).toHaveCount(0);
    expect((await request.get(apiJobPath(name, SPECIAL_ID))).status()).toBe(404);
    expect(await queue.getCounts()).toMatchObject({ queued: 0, failed: 0, finished: 0 });
  });
});
