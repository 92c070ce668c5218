/**
 * Dependencies that cross queues. A queue's keys live in one cluster slot, so a parent in another
 * queue is linked by a second script on the parent's queue after the child is written, and a
 * parent's end reaches children of other queues through its queue's outbox, which workers
 * deliver (see scripts/dependencies.ts for the records and why delivery may repeat).
 */
import type { Redis } from 'ioredis';
import { queueKeys, type QueueKeys } from './keys';
import type { EncodedJob } from './options';
import { DEFAULT_CANCELED_TTL_MS, runScript } from './scripts';

interface ChildQueue {
  name: string;
  prefix: string;
  keys: QueueKeys;
  client: Redis;
}

/** Links freshly written children to their parents in other queues; ended parents resolve at once. */
export async function linkCrossQueueParents(child: ChildQueue, jobs: readonly EncodedJob[]): Promise<void> {
  for (const job of jobs) {
    for (const dep of job.deps) {
      if (dep.queue === child.name) continue;
      const parentKeys = queueKeys(child.prefix, dep.queue);
      const status = await runScript<string>(child.client, 'linkDependent', parentKeys, [parentKeys.jobPrefix, dep.id, child.name, job.id]);
      if (status !== 'linked') await resolve(child.client, child.keys, job.id, dep.queue, dep.id, status);
    }
  }
}

function resolve(client: Redis, keys: QueueKeys, childId: string, parentQueue: string, parentId: string, outcome: string) {
  return runScript(client, 'resolveDependency', keys, [keys.jobPrefix, childId, parentQueue, parentId, outcome, DEFAULT_CANCELED_TTL_MS]);
}

const OUTBOX_BATCH = 100;

/**
 * Delivers up to OUTBOX_BATCH records of a queue's outbox to the children's queues, then removes
 * exactly those records. Two workers delivering the same record is harmless (resolution is
 * idempotent); a worker dying mid-way leaves the records for the next one.
 */
export async function deliverOutbox(client: Redis, prefix: string, keys: QueueKeys): Promise<number> {
  const records = await client.lrange(keys.outbox, 0, OUTBOX_BATCH - 1);
  if (records.length === 0) return 0;
  const pipe = client.pipeline();
  for (const record of records) {
    const [childQueue, childId, parentQueue, parentId, outcome] = record.split('\n');
    const childKeys = queueKeys(prefix, childQueue);
    runScript(pipe, 'resolveDependency', childKeys, [childKeys.jobPrefix, childId, parentQueue, parentId, outcome, DEFAULT_CANCELED_TTL_MS]);
  }
  const replies = (await pipe.exec()) ?? [];
  const done = records.filter((_, i) => replies[i] && !replies[i][0]);
  if (done.length > 0) {
    const ack = client.pipeline();
    for (const record of done) ack.lrem(keys.outbox, 1, record);
    await ack.exec();
  }
  return done.length;
}
