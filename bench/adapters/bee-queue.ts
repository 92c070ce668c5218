/**
 * bee-queue. Enqueue: saveAll (pipelined) from a non-worker queue. Process: a worker queue with
 * process(concurrency, handler); 'succeeded' fires after the finishing MULTI returned.
 * Both sides have getEvents and storeJobs off (no pub/sub listener); sendEvents stays on.
 * remove: removeOnSuccess true; else false (kept).
 */
import { createRequire } from 'node:module';
import BeeQueue from 'bee-queue';
import type { Payload, QueueSystem } from './types';

const require = createRequire(import.meta.url);
const version = (require('bee-queue/package.json') as { version: string }).version;

const settings = (redisUrl: string, isWorker: boolean, remove: boolean): BeeQueue.QueueSettings => ({
  redis: { url: redisUrl } as BeeQueue.QueueSettings['redis'],
  isWorker,
  getEvents: false,
  storeJobs: false,
  removeOnSuccess: remove,
});

export const beeQueue: QueueSystem = {
  name: 'bee-queue',
  version,

  async producer({ redisUrl, queue }) {
    const q = new BeeQueue<Payload>(queue, settings(redisUrl, false, false));
    await q.ready();
    return {
      enqueueMany: async (payloads) => {
        const errors = await q.saveAll(payloads.map((p) => q.createJob(p)));
        if (errors.size > 0) throw new Error(`bee-queue saveAll: ${errors.size} errors`);
      },
      enqueueOne: async (payload) => {
        await q.createJob(payload).save();
      },
      close: () => q.close(10_000),
    };
  },

  async worker({ redisUrl, queue, remove }, spec) {
    const q = new BeeQueue<Payload>(queue, settings(redisUrl, true, remove));
    q.on('succeeded', () => spec.onCompleted());
    q.on('failed', (job, err) => console.error('bee-queue: job failed', job.id, err));
    q.on('error', (err) => console.error('bee-queue: error', err));
    await q.ready();
    return {
      start: async () => {
        q.process(spec.concurrency, async (job) => spec.handler(job.data));
      },
      close: () => q.close(10_000),
    };
  },
};
