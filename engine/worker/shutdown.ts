/**
 * What a worker does on its way out, apart from its state: give leases back so other workers
 * take the jobs at once, leave the registry, and turn SIGTERM/SIGINT into a graceful close.
 */
import type { Redis } from 'ioredis';
import { workerKey, workersKey, type QueueKeys } from '../keys';
import { runScript } from '../scripts';
import type { RunningJob } from './running-job';
import type { Logger } from './settings';

/** Jobs of a worker grouped by their queue, in first-seen order. */
export function byQueue(jobs: readonly RunningJob[]): Map<string, RunningJob[]> {
  const groups = new Map<string, RunningJob[]>();
  for (const job of jobs) {
    const list = groups.get(job.queue);
    if (list) list.push(job);
    else groups.set(job.queue, [job]);
  }
  return groups;
}

/**
 * Puts leased jobs of one queue back at the front of it; a lease whose token is no longer the
 * job's is left alone. Returns how many were given back.
 */
export async function giveBackLeases(client: Redis, keys: QueueKeys, jobs: readonly RunningJob[]): Promise<number> {
  const args: (string | number)[] = [keys.jobPrefix];
  for (const j of jobs) args.push(j.id, j.token);
  return runScript<number>(client, 'release', keys, args);
}

export async function leaveRegistry(client: Redis, prefix: string, name: string): Promise<void> {
  await client.pipeline().del(workerKey(prefix, name)).zrem(workersKey(prefix), name).exec();
}

/**
 * The first SIGTERM/SIGINT closes gracefully; a second one cuts the grace period short.
 * Returns the function that removes the handlers again.
 */
export function handleShutdownSignals(logger: Logger, close: () => void, hurry: () => void): () => void {
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      logger.info(`${sig}: finishing running jobs (send again to stop at once)`);
      close();
    } else {
      logger.warn(`${sig} again: giving back running jobs now`);
      hurry();
    }
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}
