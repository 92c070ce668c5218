/**
 * Conveyor through its public API. Enqueue: Queue.enqueueMany (one script call per 1,000 jobs).
 * Process: one Worker; 'completed' fires after the round trip that recorded the completion.
 * remove: the worker's resultTtl 0 (the job hash is deleted on completion); else the default TTL.
 */
import { Queue, Worker, type Handler, type Logger } from '../../engine/index';
import { ownPackageVersion } from '../lib/package-version';
import type { Payload, QueueSystem } from './types';

const quiet: Logger = { info() {}, warn() {}, error: (msg, extra) => console.error(`[conveyor] ${msg}`, extra ?? '') };

const version = ownPackageVersion('conveyor', import.meta.url);

export const conveyor: QueueSystem = {
  name: 'conveyor',
  version,

  async producer({ redisUrl, queue }) {
    const q = new Queue(queue, { connection: redisUrl });
    return {
      enqueueMany: async (payloads) => {
        await q.enqueueMany(payloads.map((data) => ({ task: 'noop', data })));
      },
      enqueueOne: async (payload) => {
        await q.enqueue('noop', payload);
      },
      close: () => q.close(),
    };
  },

  async worker({ redisUrl, queue, remove }, spec) {
    const handlers: Record<string, Handler<Payload>> = { noop: (job) => spec.handler(job.data) };
    const worker = new Worker(queue, handlers, {
      connection: redisUrl,
      concurrency: spec.concurrency,
      resultTtl: remove ? 0 : undefined,
      logger: quiet,
    });
    worker.on('completed', spec.onCompleted);
    worker.on('failed', (job: { id: string }, err: unknown) => console.error('conveyor: job failed', job.id, err));
    return { start: () => worker.start(), close: () => worker.close({ timeoutMs: 1000 }) };
  },
};
