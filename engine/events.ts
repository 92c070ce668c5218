/**
 * The queue's event stream (a capped Redis stream written by the state-transition scripts) and
 * waiting for a job to end.
 */
import type { Redis } from 'ioredis';
import { duplicate } from './connection';
import { JobNotFoundError, ValidationError, WaitTimeoutError } from './errors';
import type { JobRecord } from './job';
import type { QueueKeys } from './keys';

export const EVENT_NAMES = [
  'enqueued', 'started', 'progress', 'finished', 'failed', 'retrying', 'canceled', 'removed', 'paused', 'resumed',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export interface QueueEvent {
  /** stream entry id (events recorded by one script call share it); pass it back to read what came after */
  id: string;
  event: EventName;
  /** '' for queue-wide events (paused, resumed) */
  jobId: string;
  /** ms since the epoch, from the entry id */
  at: number;
  /** the rest of the entry: state, attempt, error, delay, reason, progress */
  fields: Record<string, string>;
}

type RawEntry = [string, string[]];

/** One stream entry holds one kind of event for several jobs: 'jobs' and each field are line lists. */
function toEvents([id, flat]: RawEntry): QueueEvent[] {
  const entry: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) entry[flat[i]] = flat[i + 1];
  const { event, jobs, ...rest } = entry;
  const lists = Object.entries(rest).map(([name, values]) => [name, values.split('\n')] as const);
  const at = Number(id.split('-')[0]);
  return (jobs ?? '').split('\n').map((jobId, i) => {
    const fields: Record<string, string> = {};
    for (const [name, values] of lists) if (values[i]) fields[name] = values[i];
    // The scripts leave out the common case to keep entries small.
    if (event === 'enqueued' && fields.state === undefined) fields.state = 'queued';
    return { id, event: event as EventName, jobId, at, fields };
  });
}

const STREAM_ID = /^(\$|0|\d+(-\d+)?)$/;

export async function readEvents(client: Redis, keys: QueueKeys, fromId: string, count: number): Promise<QueueEvent[]> {
  if (typeof fromId !== 'string' || !STREAM_ID.test(fromId)) throw new ValidationError('fromId must be a stream id like 1700000000000-0, 0 or $', 'fromId');
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw new ValidationError('count must be an integer from 1 to 1000', 'count');
  if (fromId === '$') return [];
  const entries = (await client.xrange(keys.events, `(${fromId === '0' ? '0-0' : fromId}`, '+', 'COUNT', count)) as RawEntry[];
  return entries.flatMap(toEvents);
}

/** Blocks up to `blockMs` for events after `fromId` on a connection of the caller's. */
export async function blockForEvents(blocker: Redis, keys: QueueKeys, fromId: string, blockMs: number): Promise<QueueEvent[]> {
  const reply = (await blocker.xread('COUNT', 500, 'BLOCK', Math.max(1, blockMs), 'STREAMS', keys.events, fromId)) as [string, RawEntry[]][] | null;
  return reply ? reply[0][1].flatMap(toEvents) : [];
}

const ENDED = new Set(['finished', 'failed', 'canceled']);
const RECHECK_MS = 1000;

interface Waitable {
  name: string;
  keys: QueueKeys;
  client: Redis;
  getJob(id: string): Promise<JobRecord | null>;
}

/**
 * Resolves with the job once it has ended. Listens on the event stream and re-reads the job at
 * least every second, so a trimmed stream or a lost connection only delays the answer.
 */
export async function waitUntilFinished(queue: Waitable, id: string, timeoutMs: number): Promise<JobRecord> {
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) throw new ValidationError('timeoutMs must be a positive number', 'timeoutMs');
  const deadline = Date.now() + timeoutMs;
  const blocker = duplicate(queue.client);
  blocker.on('error', () => {});
  try {
    const last = (await queue.client.xrevrange(queue.keys.events, '+', '-', 'COUNT', 1)) as RawEntry[];
    let cursor = last[0]?.[0] ?? '0-0';
    for (;;) {
      const job = await queue.getJob(id);
      if (!job) throw new JobNotFoundError(queue.name, id);
      if (ENDED.has(job.state)) return job;
      const left = deadline - Date.now();
      if (left <= 0) throw new WaitTimeoutError(id, timeoutMs);
      const events = await blockForEvents(blocker, queue.keys, cursor, Math.min(left, RECHECK_MS));
      if (events.length > 0) cursor = events[events.length - 1].id;
    }
  } finally {
    blocker.disconnect();
  }
}
