import { uniqueQueue, XSS_IMG } from './support/names';
import { jobRow } from './support/pages';
import { expect, jobPath, queuePath, screenshot, test } from './support/test';

const HOUR = 3_600_000;

test('a scheduled job canceled from its page, with a reason, shows it there and on the canceled tab; "Requeue all canceled" queues it again', async ({ page, openQueue }) => {
  const name = uniqueQueue('cancel-scheduled');
  const queue = openQueue(name);
  const { id } = await queue.enqueue('ok', { n: 1 }, { delay: HOUR });
  const reason = `customer withdrew ${XSS_IMG}`;

  await page.goto(jobPath(name, id));
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'scheduled');
  await page.getByTestId('cancel-job').click();
  const dialog = page.getByTestId('cancel-job-dialog');
  await expect(dialog).toContainText('Cancel this job?');
  await expect(dialog).toContainText('It will not run at its due time.');
  // Keeping the job changes nothing.
  await dialog.getByTestId('confirm-cancel').click();
  await expect(dialog).toBeHidden();
  expect((await queue.getJob(id))?.state).toBe('scheduled');

  await page.getByTestId('cancel-job').click();
  await page.getByTestId('cancel-reason').fill(reason);
  await screenshot(page, 'job-cancel-dialog');
  await page.getByTestId('cancel-job-dialog').getByTestId('confirm-ok').click();
  await expect(page.getByTestId('job-action-result')).toHaveAttribute('data-outcome', 'ok');
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'canceled');
  await expect(page.getByTestId('job-cancel-reason')).toHaveText(reason);
  await expect(page.getByTestId('cancel-job')).toHaveCount(0);
  await expect(page.getByTestId('retry-job')).toBeVisible();
  expect(await queue.getJob(id)).toMatchObject({ state: 'canceled', cancelReason: reason });

  await page.goto(queuePath(name, { state: 'canceled' }));
  await expect(page.getByTestId('state-count-canceled')).toHaveText('1');
  await expect(jobRow(page, id).getByTestId('job-cancel-reason')).toHaveText(reason);
  await screenshot(page, 'queue-canceled-tab');

  await page.getByTestId('requeue-all-canceled').click();
  const requeue = page.getByTestId('requeue-all-canceled-dialog');
  await expect(requeue).toContainText('Requeue all 1 canceled job?');
  await requeue.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('requeue-all-canceled-result')).toContainText('Requeued 1 canceled job');
  await expect(page.getByTestId('state-count-canceled')).toHaveText('0');
  await expect(page.getByTestId('state-count-queued')).toHaveText('1');
  await expect(page.getByTestId('requeue-all-canceled')).toBeDisabled();
  expect((await queue.getJob(id))?.state).toBe('queued');
});

test('a running job canceled from its page is aborted by its worker; canceling one that ended meanwhile says why it cannot', async ({ page, openQueue, startWorker, inspector, release }) => {
  const name = uniqueQueue('cancel-running');
  const queue = openQueue(name);
  const worker = await startWorker({ queues: [name], concurrency: 2 });
  // `hold` runs until released, or until its signal is aborted.
  const running = await queue.enqueue('hold', {});
  const other = await queue.enqueue('hold', {});
  const runningJobs = async () => (await inspector.listWorkers()).find((w) => w.name === worker.name)?.jobs.map((j) => j.id).sort() ?? [];
  await expect.poll(runningJobs).toEqual([running.id, other.id].sort());

  await page.goto(jobPath(name, running.id));
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'started');
  await page.getByTestId('cancel-job').click();
  await expect(page.getByTestId('cancel-job-dialog')).toContainText('its worker aborts the handler');
  await page.getByTestId('cancel-job-dialog').getByTestId('confirm-ok').click();
  await expect(page.getByTestId('job-action-result')).toContainText('Job canceled');
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'canceled');
  await expect(page.getByTestId('job-canceled')).toBeVisible();
  // The worker dropped the handler: only the other job still runs there.
  await expect.poll(runningJobs).toEqual([other.id]);

  await page.goto(jobPath(name, other.id));
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'started');
  await page.getByTestId('cancel-job').click();
  await expect(page.getByTestId('cancel-job-dialog')).toBeVisible();
  await release(name, other.id);
  await expect.poll(async () => (await queue.getJob(other.id))?.state).toBe('finished');
  await page.getByTestId('cancel-job-dialog').getByTestId('confirm-ok').click();
  await expect(page.getByTestId('job-action-result')).toHaveAttribute('data-outcome', 'error');
  await expect(page.getByTestId('job-action-result')).toHaveText(/^Cannot cancel job .*: it is finished\.$/);
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'finished');
  await expect(page.getByTestId('cancel-job')).toHaveCount(0);
});
