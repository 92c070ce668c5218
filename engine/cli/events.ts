/**
 * `conveyor events <queue>`: the queue's event stream, oldest first, one line per event; with
 * --follow it then waits for new ones until SIGINT/SIGTERM.
 */
import type { Command } from 'commander';
import type { Redis } from 'ioredis';
import { duplicate } from '../connection';
import { ValidationError } from '../errors';
import { blockForEvents, type QueueEvent } from '../events';
import type { Queue } from '../queue';
import { withQueue } from './jobs';

interface EventsFlags {
  from: string;
  follow?: boolean;
  json?: boolean;
}

const PAGE = 1000;
const STREAM_ID = /^(\$|0|\d+(-\d+)?)$/;
const BLOCK_MS = 5000;

/**
 * Text from jobs (ids, reasons, error messages) goes to a terminal: control characters, line
 * breaks and bidi overrides are shown escaped, so a job cannot move the cursor or fake a line.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A field value, quoted (JSON) when it would not read as one word. */
function value(text: string): string {
  return text === '' || /[\s"=\\]|[^\x20-\x7e]/.test(text) ? printable(JSON.stringify(text)) : text;
}

/** `2026-01-02T03:04:05.678Z  1767323045678-0  failed  job-1  attempt=2 error="..."` */
export function formatEvent(e: QueueEvent): string {
  const fields = Object.entries(e.fields).map(([k, v]) => `${printable(k)}=${value(v)}`);
  return [new Date(e.at).toISOString(), e.id, e.event, e.jobId === '' ? '-' : printable(e.jobId), ...fields].join('  ');
}

/** The id of the newest entry ('0-0' when the stream is empty): '$' made concrete. */
async function lastId(q: Queue): Promise<string> {
  const [last] = (await q.client.xrevrange(q.keys.events, '+', '-', 'COUNT', 1)) as [string, string[]][];
  return last?.[0] ?? '0-0';
}

/** Prints the events after `from` up to the newest at the start; returns the last id printed (or `from`). */
async function printBacklog(q: Queue, from: string, print: (e: QueueEvent) => void): Promise<string> {
  const end = await lastId(q);
  let cursor = from;
  for (;;) {
    const page = await q.readEvents(cursor, PAGE); // validates the id, too
    for (const e of page) {
      if (compareIds(e.id, end) > 0) return cursor;
      print(e);
      cursor = e.id;
    }
    if (page.length < PAGE) return cursor;
  }
}

function compareIds(a: string, b: string): number {
  const [am, as = '0'] = a.split('-');
  const [bm, bs = '0'] = b.split('-');
  return BigInt(am) === BigInt(bm) ? Number(BigInt(as) - BigInt(bs)) : BigInt(am) < BigInt(bm) ? -1 : 1;
}

/** Blocks for new events after `cursor` until a signal stops it (the blocked read is cut short). */
async function follow(q: Queue, cursor: string, print: (e: QueueEvent) => void): Promise<void> {
  const blocker: Redis = duplicate(q.client);
  blocker.on('error', () => {}); // a failed read is reported by the loop
  let stopping = false;
  const stop = () => {
    stopping = true;
    blocker.disconnect();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    while (!stopping) {
      let events: QueueEvent[];
      try {
        events = await blockForEvents(blocker, q.keys, cursor, BLOCK_MS);
      } catch (e) {
        if (stopping) return;
        throw e;
      }
      for (const e of events) print(e);
      if (events.length > 0) cursor = events[events.length - 1].id;
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    blocker.disconnect();
  }
}

export function registerEventsCommand(program: Command): void {
  program
    .command('events')
    .description("print a queue's events (enqueued, started, progress, finished, failed, retrying, canceled, ...), oldest first")
    .argument('<queue>')
    .option('--from <id>', 'print only events after this stream id ("$": none of the past ones)', '0')
    .option('-f, --follow', 'then wait for new events until Ctrl-C')
    .option('--json', 'one JSON object per line')
    .action((queue: string, flags: EventsFlags, cmd: Command) =>
      withQueue(cmd, queue, async (q) => {
        if (!STREAM_ID.test(flags.from)) throw new ValidationError('--from must be a stream id like 1700000000000-0, or 0 (all), or $ (only new)', 'from');
        const print = (e: QueueEvent) => console.log(flags.json ? JSON.stringify(e) : formatEvent(e));
        const from = flags.from === '$' ? await lastId(q) : flags.from;
        const cursor = await printBacklog(q, from, print);
        if (flags.follow) await follow(q, cursor, print);
      }));
}
