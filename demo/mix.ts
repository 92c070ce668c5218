/**
 * The demo's job mix: which task, on which queue, with what payload and options. Pure functions of
 * a random source, so tests can check that every job they make is one the engine accepts and a
 * demo handler exists for.
 */
import type { JobSpec, Priority } from '../engine/index';
import queueNames from './queues.json' with { type: 'json' };
import type { EmailData, ImageData, InventoryLine, ReportData, TranscodeData, WebhookData } from './tasks';

/** Queue names in the workers' priority order (the workers read the same file). */
export const QUEUES: readonly string[] = queueNames;

export interface DemoJob {
  queue: string;
  job: JobSpec;
}

type Random = () => number;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const pick = <T>(rand: Random, list: readonly T[]): T => list[Math.floor(rand() * list.length)];
const int = (rand: Random, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

const CUSTOMERS = ['alice@example.com', 'bob@example.org', 'zoë.müller@example.de', 'li.wei@example.cn', 'ops@acme.test'];
const ACCOUNTS = ['acme', 'globex', 'initech', 'umbrella', 'müller-gmbh'];
const TEMPLATES = ['order-confirmation', 'password-reset', 'shipping-update', 'weekly-digest'];
const EVENTS = ['order.paid', 'order.shipped', 'invoice.created', 'customer.updated'];
const REPORTS = ['monthly-revenue', 'churn', 'inventory-aging'];

/** Finished jobs are kept for a while, not the engine's 24 h: the demo makes thousands an hour. */
const KEEP = { resultTtl: 30 * MINUTE, failureTtl: 24 * HOUR };

/** A password reset jumps the queue; the digest waits for everything else. */
const PRIORITY_OF: Record<string, Priority | undefined> = { 'password-reset': 'high', 'weekly-digest': 'low' };

function email(rand: Random): DemoJob {
  const template = pick(rand, TEMPLATES);
  const to = pick(rand, CUSTOMERS);
  const order = int(rand, 10_000, 99_999);
  // one in ten is a reminder scheduled for later, so the scheduled registry is never empty
  const delay = rand() < 0.1 ? int(rand, 10, 90) * 1000 : undefined;
  const jobId = template === 'order-confirmation' ? `order-confirmation:${order}` : undefined;
  return {
    queue: 'emails',
    job: {
      task: 'send-email',
      data: { to, template, locale: pick(rand, ['en', 'de', 'fr']) } satisfies EmailData,
      options: {
        ...KEEP, jobId, delay, priority: PRIORITY_OF[template], description: `${template} to ${to}`, meta: { order, source: 'demo' },
      },
    },
  };
}

function image(rand: Random): DemoJob {
  const imageId = `img_${int(rand, 100_000, 999_999)}`;
  const [width, height] = pick(rand, [[1600, 1200], [2048, 1536], [3000, 2000], [3264, 2448]] as const);
  return {
    queue: 'images',
    job: {
      task: 'resize-image',
      data: { imageId, source: `s3://uploads/photos/${imageId}.jpg`, width, height, sizes: [320, 640, 1280].slice(0, int(rand, 1, 3)) } satisfies ImageData,
      options: { ...KEEP, timeout: 30_000, description: `thumbnails for ${imageId}` },
    },
  };
}

function transcode(rand: Random): DemoJob {
  const videoId = `vid_${int(rand, 1000, 9999)}`;
  return {
    queue: 'images',
    job: {
      task: 'transcode-preview',
      // 20-100 s of footage takes 0.8-4 s: the longer ones hit the 3 s timeout
      data: { videoId, source: `s3://uploads/videos/${videoId}.mov`, seconds: int(rand, 20, 100) } satisfies TranscodeData,
      options: { ...KEEP, timeout: 3000, description: `preview clip for ${videoId}` },
    },
  };
}

/**
 * A report is two jobs: the data export, then the PDF, which waits in `deferred` until the export
 * finished (and is canceled with the reason when the export fails for good).
 */
function report(rand: Random, now: number): DemoJob[] {
  const account = pick(rand, ACCOUNTS);
  const kind = pick(rand, REPORTS);
  const period = `2026-${String(int(rand, 1, 12)).padStart(2, '0')}`;
  const data = { account, report: kind, period, rows: int(rand, 4000, 16_000) } satisfies ReportData;
  // the same report asked for twice within a minute (a double click) is a duplicate: the engine
  // keeps the first jobs and changes nothing
  const key = `${account}/${kind}/${period}@${new Date(now).toISOString().slice(0, 16)}`;
  const keep = { resultTtl: 2 * HOUR, failureTtl: 24 * HOUR };
  const exportId = `export:${key}`;
  return [
    {
      queue: 'reports',
      job: {
        task: 'export-report-data',
        data,
        options: { ...keep, jobId: exportId, retry: { attempts: 2, backoff: 1000 }, description: `${kind} data for ${account}, ${period}` },
      },
    },
    {
      queue: 'reports',
      job: {
        task: 'generate-report',
        data,
        options: {
          ...keep,
          jobId: `report:${key}`,
          dependsOn: [exportId],
          description: `${kind} report for ${account}, ${period}`,
          meta: { requestedBy: pick(rand, CUSTOMERS) },
        },
      },
    },
  ];
}

function webhook(rand: Random): DemoJob {
  const event = pick(rand, EVENTS);
  const account = pick(rand, ACCOUNTS);
  const deliveryId = `dlv_${int(rand, 1e6, 9e6)}`;
  return {
    queue: 'webhooks',
    job: {
      task: 'call-webhook',
      data: { endpoint: `https://hooks.${account}.test/conveyor`, event, deliveryId } satisfies WebhookData,
      options: {
        ...KEEP,
        retry: { attempts: 5, backoff: { type: 'exponential', delay: 1000, maxDelay: 20_000, jitter: 0.2 } },
        description: `${event} → ${account}`,
        meta: { account, deliveryId },
      },
    },
  };
}

function inventorySync(rand: Random): DemoJob {
  const warehouse = pick(rand, ['berlin-1', 'lyon-2', 'osaka-1']);
  const lines: InventoryLine[] = Array.from({ length: int(rand, 3, 8) }, (_, i) => ({ warehouse, quantity: int(rand, 0, 500), product: { sku: `SKU-${1000 + i}` } }));
  // the bug every sync trips on: a line whose product was deleted upstream
  lines.splice(int(rand, 0, lines.length - 1), 0, { warehouse, quantity: 3, product: null });
  return {
    queue: 'reports',
    job: {
      task: 'sync-inventory',
      data: { feed: `erp/${warehouse}`, lines },
      options: {
        ...KEEP,
        retry: { attempts: 2, backoff: 2000 },
        // one pending sync per warehouse: a feed sent again while one waits is a duplicate
        unique: { key: `inventory:${warehouse}`, until: 'started' },
        description: `inventory feed from ${warehouse}`,
      },
    },
  };
}

/** Relative frequency of each kind of work (a report is two jobs). */
const WEIGHTED: [number, (rand: Random, now: number) => DemoJob | DemoJob[]][] = [
  [40, email],
  [25, webhook],
  [20, image],
  [4, transcode],
  [7, report],
  [4, inventorySync],
];
const TOTAL_WEIGHT = WEIGHTED.reduce((sum, [w]) => sum + w, 0);

/** One piece of work: a job, or jobs that depend on each other (same queue, in order). */
export function randomWork(rand: Random = Math.random, now = Date.now()): DemoJob[] {
  let roll = rand() * TOTAL_WEIGHT;
  for (const [weight, make] of WEIGHTED) {
    roll -= weight;
    if (roll < 0) return [make(rand, now)].flat();
  }
  return [email(rand)];
}

/** At least `count` random jobs grouped by queue, ready for one enqueueMany per queue. */
export function batchByQueue(count: number, rand: Random = Math.random, now = Date.now()): Map<string, JobSpec[]> {
  const byQueue = new Map<string, JobSpec[]>();
  let made = 0;
  while (made < count) {
    for (const { queue, job } of randomWork(rand, now)) {
      const list = byQueue.get(queue);
      if (list) list.push(job);
      else byQueue.set(queue, [job]);
      made++;
    }
  }
  return byQueue;
}
