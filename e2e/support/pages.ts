/**
 * Locators and reads shared by the specs. Test ids are the dashboard's own (components/).
 */
import type { Locator, Page } from '@playwright/test';

/** A CSS attribute value in double quotes (names here hold no control characters). */
const quoted = (value: string) => JSON.stringify(value);

export const queueRow = (page: Page, queue: string) => page.locator(`[data-testid="queue-row"][data-queue=${quoted(queue)}]`);

export const jobRow = (page: Page, id: string) => page.locator(`[data-testid="job-row"][data-job-id=${quoted(id)}]`);

export const workerRow = (page: Page, name: string) => page.locator(`[data-testid="worker-row"][data-worker=${quoted(name)}]`);

/** The one path segment after /queues/ (and after /jobs/), decoded once. */
export function pathSegments(url: URL): { queue?: string; id?: string } {
  const parts = url.pathname.split('/');
  const decode = (s: string | undefined) => (s === undefined ? undefined : decodeURIComponent(s));
  return { queue: decode(parts[2]), id: parts[3] === 'jobs' ? decode(parts[4]) : undefined };
}

/** A number shown with thousands separators ("1,234"), as a number. */
export async function shownNumber(locator: Locator): Promise<number> {
  return Number(((await locator.textContent()) ?? '').replace(/[,\s]/g, ''));
}

/** Largest value on a chart's Y axis: grows with the largest value the chart draws. */
export async function yAxisMax(chart: Locator): Promise<number> {
  const labels = await chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
  return Math.max(...labels.map((t) => Number(t.replace(/,/g, ''))));
}

/** Every shape a chart paints (bars and areas) as one string: it changes whenever the chart moves. */
export async function chartShapes(chart: Locator): Promise<string> {
  const paths = chart.locator('path.recharts-rectangle, .recharts-area path');
  const ds = await paths.evaluateAll((els) => els.map((el) => `${el.getAttribute('name') ?? ''}:${el.getAttribute('d') ?? ''}`));
  return ds.join('|');
}

/** Bars a chart paints for one series (recharts draws no shape for a zero value). */
export const paintedBars = (chart: Locator, series: string) => chart.locator(`path.recharts-rectangle[name=${quoted(series)}]`);
