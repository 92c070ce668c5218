/**
 * What reaches a worker besides its own round trips: cancel commands (pub/sub, fast; the heartbeat
 * finds the same jobs by their bumped token, so a lost message only delays the abort), and a
 * promotion tick that moves due scheduled jobs to queued within a second even while every slot
 * is busy and no round trip is made.
 */
import type { Redis } from 'ioredis';
import { duplicate } from '../connection';
import { cancelChannel, type QueueKeys } from '../keys';
import { runScript } from '../scripts';
import { MAX_LOG_LINE, type JobReporter, type RunningJob } from './running-job';

export const PROMOTE_TICK_MS = 400;
const PROMOTE_LIMIT = 1000;
const MAX_LOG_LINES = 1000;

/**
 * Subscribes to cancel commands; `onCancel(queue, id)` runs for each. Resolves once subscribed,
 * so a job claimed after the worker started cannot miss its cancel message.
 */
export async function listenForCancels(client: Redis, prefix: string, onCancel: (queue: string, id: string) => void): Promise<Redis> {
  const sub = duplicate(client);
  sub.on('error', () => {}); // reconnects by itself; the heartbeat covers what is missed meanwhile
  const channel = cancelChannel(prefix);
  sub.on('message', (ch: string, message: string) => {
    if (ch !== channel) return;
    const sep = message.indexOf('\n');
    if (sep > 0) onCancel(message.slice(0, sep), message.slice(sep + 1));
  });
  await sub.subscribe(channel);
  return sub;
}

/**
 * One pipeline promoting due jobs of every queue and looking at their outboxes (dependency
 * resolutions for other queues). Resolves with the queues whose outbox has records.
 */
export async function promoteDue(client: Redis, keys: readonly QueueKeys[]): Promise<QueueKeys[]> {
  const pipe = client.pipeline();
  for (const k of keys) runScript(pipe, 'promote', k, [k.jobPrefix, PROMOTE_LIMIT]).llen(k.outbox);
  const replies = (await pipe.exec()) ?? [];
  const withOutbox: QueueKeys[] = [];
  keys.forEach((k, i) => {
    const [err, length] = replies[2 * i + 1] ?? [new Error('missing reply'), 0];
    if (err) throw err;
    if (Number(length) > 0) withOutbox.push(k);
  });
  return withOutbox;
}

/** Progress and log lines of running jobs, written under their fencing token. */
export function jobReporter(client: Redis, keysOf: (queue: string) => QueueKeys): JobReporter {
  return {
    async progress(job: RunningJob, json: string) {
      const k = keysOf(job.queue);
      await runScript(client, 'progress', k, [k.jobPrefix, job.id, job.token, json]);
    },
    async log(job: RunningJob, line: string) {
      const k = keysOf(job.queue);
      await runScript(client, 'jobLog', k, [k.jobPrefix, job.id, job.token, MAX_LOG_LINES, line.slice(0, MAX_LOG_LINE + 1)]);
    },
  };
}
