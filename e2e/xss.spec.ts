import type { Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { XSS_IMG, XSS_SVG, XSS_TASK } from './support/names';
import { jobRow, queueRow } from './support/pages';
import { expect, jobPath, queuePath, screenshot, test } from './support/test';

/** No element was made from the markup, and the markup shows as literal text. */
async function expectMarkupAsText(page: Page, literal: string) {
  await expect(page.getByText(literal).first()).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('svg[onload], img[onerror], [onload], [onerror]')).toHaveCount(0);
}

// The `dialogs` fixture (support/test.ts) fails this test if any alert() fires.
test('markup in queue names, job ids, payloads, descriptions, task names and errors is shown as text', async ({ page, openQueue, startWorker }) => {
  const name = `e2e-xss ${XSS_SVG} ${randomBytes(3).toString('hex')}`;
  const id = `xss-${XSS_IMG}`;
  const queue = openQueue(name);
  await queue.enqueue(
    XSS_TASK,
    { html: XSS_IMG, svg: XSS_SVG, errorName: `${XSS_SVG}Error`, message: `${XSS_IMG} broke ${XSS_SVG}` },
    { jobId: id, description: `about ${XSS_IMG}`, meta: { note: XSS_SVG } },
  );
  await startWorker({ queues: [name], concurrency: 1 });

  await page.goto('/');
  const row = queueRow(page, name);
  await expect(row.getByTestId('queue-count-failed')).toHaveAttribute('data-count', '1');
  await expect(row.getByTestId('queue-link')).toHaveText(name);
  await expectMarkupAsText(page, name);

  await page.goto(queuePath(name, { state: 'failed' }));
  const failed = jobRow(page, id);
  await expect(failed.getByTestId('job-link')).toHaveText(id);
  await expect(failed.getByTestId('job-task')).toHaveText(XSS_TASK);
  await expect(failed).toContainText(`about ${XSS_IMG}`);
  await expect(failed.getByTestId('job-error-summary')).toContainText(`${XSS_SVG}Error: ${XSS_IMG} broke ${XSS_SVG}`);
  await expect(page.getByTestId('queue-name')).toHaveText(name);
  await expectMarkupAsText(page, XSS_IMG);
  await screenshot(page, 'xss-queue');

  await failed.getByTestId('job-link').click();
  await expect(page.getByTestId('job-id')).toHaveText(id);
  await expect(page.getByTestId('job-task')).toHaveText(XSS_TASK);
  await expect(page.getByTestId('job-description')).toHaveText(`about ${XSS_IMG}`);
  await expect(page.getByTestId('job-payload')).toContainText(`"html": "${XSS_IMG}"`);
  await expect(page.getByTestId('job-payload')).toContainText(`"svg": "${XSS_SVG}"`);
  await expect(page.getByTestId('job-meta')).toContainText(`"note": "${XSS_SVG}"`);
  await expect(page.getByTestId('job-error-name')).toHaveText(`${XSS_SVG}Error`);
  await expect(page.getByTestId('job-error-message')).toHaveText(`${XSS_IMG} broke ${XSS_SVG}`);
  await expect(page.getByTestId('job-error-stack')).toContainText(XSS_IMG);
  await expectMarkupAsText(page, XSS_IMG);
  await screenshot(page, 'xss-job');

  // The same page opened directly (server-rendered first, then hydrated).
  await page.goto(jobPath(name, id));
  await expect(page.getByTestId('job-error-message')).toHaveText(`${XSS_IMG} broke ${XSS_SVG}`);
  await expectMarkupAsText(page, XSS_IMG);
});
