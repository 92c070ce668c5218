import { uniqueQueue } from './support/names';
import { pathSegments } from './support/pages';
import { expect, jobPath, screenshot, test } from './support/test';

test('a deferred job lists its parents with links, allowFailure and the pending count, and runs once they end', async ({ page, openQueue, startWorker, release }) => {
  const name = uniqueQueue('deps');
  const otherName = uniqueQueue('deps-other');
  const queue = openQueue(name);
  const other = openQueue(otherName);
  const parent = await queue.enqueue('hold', {});
  const remote = await other.enqueue('fail', { message: 'the other queue failed' });
  const child = await queue.enqueue('ok', { n: 1 }, { dependsOn: [parent.id, { id: remote.id, queue: otherName, allowFailure: true }] });

  await page.goto(jobPath(name, child.id));
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'deferred');
  await expect(page.getByTestId('job-pending-dependencies')).toHaveAttribute('data-pending', '2');
  const deps = page.getByTestId('job-dependency');
  await expect(deps).toHaveCount(2);
  const remoteDep = deps.filter({ hasText: remote.id });
  await expect(remoteDep.getByTestId('job-dependency-allow-failure')).toBeVisible();
  await expect(remoteDep).toContainText(`in queue ${otherName}`);
  await expect(deps.filter({ hasText: parent.id }).getByTestId('job-dependency-allow-failure')).toHaveCount(0);
  await screenshot(page, 'job-deferred');

  await startWorker({ queues: [otherName], concurrency: 1 });
  await expect(remoteDep.getByTestId('job-dependency-status')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('job-pending-dependencies')).toHaveAttribute('data-pending', '1');

  await startWorker({ queues: [name], concurrency: 2 });
  await release(name, parent.id);
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'finished');

  await deps.filter({ hasText: parent.id }).getByTestId('job-dependency-link').click();
  await expect.poll(() => pathSegments(new URL(page.url()))).toEqual({ queue: name, id: parent.id });
  await expect(page.getByTestId('job-state')).toHaveAttribute('data-state', 'finished');
});
