/**
 * Handlers for the demo workers (`conveyor worker --tasks demo/tasks.ts`). They stand in for real
 * work with sleeps whose length follows the payload (bigger image, more rows: longer), and fail
 * the way real integrations do: a flaky webhook that succeeds on retry, an inventory sync with a
 * bug that always throws, a transcode that sometimes runs past its timeout, a report export that
 * a lagging replica sometimes refuses (its report is then canceled). Reports and images show
 * progress and log lines.
 */
import type { Handler } from '../engine/index';

/** Waits `ms`, or rejects at once with the abort reason (timeout, lost lease, hard shutdown). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

const between = (min: number, max: number) => min + Math.random() * (max - min);

export interface EmailData {
  to: string;
  template: string;
  locale?: string;
}

export interface ImageData {
  imageId: string;
  source: string;
  width: number;
  height: number;
  sizes: number[];
}

export interface TranscodeData {
  videoId: string;
  source: string;
  seconds: number;
}

export interface ReportData {
  account: string;
  report: string;
  period: string;
  rows: number;
}

export interface WebhookData {
  endpoint: string;
  event: string;
  deliveryId: string;
}

export interface InventoryLine {
  warehouse: string;
  quantity: number;
  product: { sku: string } | null;
}

export interface InventoryData {
  feed: string;
  lines: InventoryLine[];
}

/** An error like the ones Node's HTTP client raises, with its `code`. */
export class WebhookError extends Error {
  override name = 'WebhookError';
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

const WEBHOOK_FAILURES = [
  () => new WebhookError('ECONNRESET: upstream webhook timed out', 'ECONNRESET'),
  () => new WebhookError('endpoint answered 503 Service Unavailable', 'HTTP_503'),
  () => new WebhookError('connect ETIMEDOUT 203.0.113.7:443', 'ETIMEDOUT'),
];

/** How often a webhook delivery fails; each retry gets a fresh chance. */
export const WEBHOOK_FAILURE_RATE = 0.4;

const sendEmail: Handler<EmailData> = async (job) => {
  await sleep(between(20, 80), job.signal);
  return { messageId: `<${job.id}@mail.conveyor.test>`, to: job.data.to, template: job.data.template };
};

const resizeImage: Handler<ImageData> = async (job) => {
  const { width, height, sizes } = job.data;
  // ~100 ms per megapixel and ~40 ms per output size: 300-1500 ms for the demo's photos
  await sleep((width * height) / 10_000, job.signal);
  const variants: string[] = [];
  for (const size of sizes) {
    await sleep(40, job.signal);
    variants.push(`${job.data.imageId}/w${size}.webp`);
    await job.log(`wrote ${variants.at(-1)} (${size} px wide)`);
    await job.updateProgress(Math.round((variants.length / sizes.length) * 100));
  }
  return { imageId: job.data.imageId, variants };
};

const transcodePreview: Handler<TranscodeData> = async (job) => {
  // 40 ms per second of footage: long videos run past the 3 s timeout the producer sets
  await sleep(job.data.seconds * 40, job.signal);
  return { videoId: job.data.videoId, preview: `${job.data.videoId}/preview.mp4` };
};

/** How often the read replica the exports use is behind; each retry gets a fresh chance. */
export const EXPORT_FAILURE_RATE = 0.25;

const exportReportData: Handler<ReportData> = async (job) => {
  await sleep(between(300, 1200), job.signal);
  if (Math.random() < EXPORT_FAILURE_RATE) {
    throw Object.assign(new Error('read replica is 45 s behind the primary; refusing a stale export'), { code: 'REPLICA_LAG' });
  }
  return { rows: job.data.rows, file: `exports/${job.data.account}/${job.data.report}-${job.data.period}.csv` };
};

const REPORT_STEPS = 10;

const generateReport: Handler<ReportData> = async (job) => {
  // 0.5 ms per row: 2-8 s for the demo's 4 000-16 000 rows, reported in tenths
  const { rows } = job.data;
  await job.log(`rendering ${rows} rows in ${REPORT_STEPS} pages`);
  for (let step = 1; step <= REPORT_STEPS; step++) {
    await sleep(rows / 2 / REPORT_STEPS, job.signal);
    await job.updateProgress(step * (100 / REPORT_STEPS));
    if (step % 3 === 0) await job.log(`page ${step} of ${REPORT_STEPS} done`);
  }
  const file = `${job.data.account}-${job.data.report}-${job.data.period}.pdf`;
  return { url: `https://files.conveyor.test/reports/${encodeURIComponent(file)}`, rows };
};

const callWebhook: Handler<WebhookData> = async (job) => {
  await sleep(between(50, 400), job.signal);
  if (Math.random() < WEBHOOK_FAILURE_RATE) {
    throw WEBHOOK_FAILURES[Math.floor(Math.random() * WEBHOOK_FAILURES.length)]();
  }
  return { status: 200, endpoint: job.data.endpoint, attempt: job.attempt };
};

/** The bug the demo shows in every failed sync: the feed has lines whose product was deleted. */
function skuOf(line: InventoryLine): string {
  return line.product!.sku.trim();
}

const syncInventory: Handler<InventoryData> = async (job) => {
  await sleep(between(100, 300), job.signal);
  const skus = job.data.lines.map(skuOf);
  return { feed: job.data.feed, synced: skus.length };
};

export const tasks: Record<string, Handler> = {
  'send-email': sendEmail,
  'resize-image': resizeImage,
  'transcode-preview': transcodePreview,
  'export-report-data': exportReportData,
  'generate-report': generateReport,
  'call-webhook': callWebhook,
  'sync-inventory': syncInventory,
};

export default tasks;
