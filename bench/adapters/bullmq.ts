/**
 * BullMQ with its defaults (events stream, locks, stalled-job checks on). Enqueue: Queue.addBulk.
 * Process: one Worker started with run(); 'completed' fires after moveToFinished returned.
 * remove: the job option removeOnComplete true; else false (kept).
 */
import { createRequire } from 'node:module';
import { Queue, Worker } from 'bullmq';
import type { Payload, QueueSystem } from './types';

const require = createRequire(import.meta.url);
const version = (require('bullmq/package.json') as { version: string }).version;

const connection = (redisUrl: string) => ({ url: redisUrl, maxRetriesPerRequest: null });

export const bullmq: QueueSystem = {
  name: 'bullmq',
  version,

  async producer({ redisUrl, queue, remove }) {
    const q = new Queue<Payload>(queue, { connection: connection(redisUrl) });
    await q.waitUntilReady();
    const opts = { removeOnComplete: remove };
    return {
      enqueueMany: async (payloads) => {
        await q.addBulk(payloads.map((data) => ({ name: 'noop', data, opts })));
      },
      enqueueOne: async (payload) => {
        await q.add('noop', payload, opts);
      },
      close: () => q.close(),
    };
  },

  async worker({ redisUrl, queue }, spec) {
    const worker = new Worker<Payload>(queue, (job) => Promise.resolve(spec.handler(job.data)), {
      connection: connection(redisUrl),
      concurrency: spec.concurrency,
      autorun: false,
    });
    worker.on('completed', () => spec.onCompleted());
    worker.on('failed', (job, err) => console.error('bullmq: job failed', job?.id, err));
    worker.on('error', (err) => console.error('bullmq: worker error', err));
    await worker.waitUntilReady();
    return {
      start: async () => {
        worker.run().catch((e: unknown) => console.error('bullmq: run failed', e));
      },
      close: () => worker.close(),
    };
  },
};
