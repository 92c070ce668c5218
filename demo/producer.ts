/**
 * The demo producer: a steady trickle of jobs plus a burst of 200-400 every 20-30 s, so the
 * dashboard shows a backlog building and draining. Started by `npm run demo`; on its own:
 *   REDIS_URL=redis://... node --import tsx demo/producer.ts
 * Stops cleanly on SIGINT/SIGTERM (a second signal stops at once).
 */
import { Queue, type JobSpec } from '../engine/index';
import { batchByQueue, QUEUES } from './mix';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** about two jobs a second between bursts */
const TRICKLE_EVERY_MS = 500;
const BURST_SIZE = [200, 400] as const;
const BURST_EVERY_MS = [20_000, 30_000] as const;
const REPORT_EVERY_MS = 30_000;
const CANCEL_EVERY_MS = 15_000;

const between = ([min, max]: readonly [number, number]) => Math.round(min + Math.random() * (max - min));

/** Waits `ms`, or less when `stop` fires; never rejects. */
function pause(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      stop.removeEventListener('abort', done);
      resolve();
    }
    stop.addEventListener('abort', done, { once: true });
  });
}

class Producer {
  private readonly queues = new Map(QUEUES.map((name) => [name, new Queue(name, { connection: REDIS_URL })]));
  created = 0;
  duplicates = 0;

  /** One enqueueMany (one round trip) per queue. */
  async enqueue(byQueue: Map<string, JobSpec[]>): Promise<void> {
    await Promise.all(
      [...byQueue].map(async ([name, jobs]) => {
        const results = await this.queues.get(name)!.enqueueMany(jobs);
        for (const r of results) {
          if (r.status === 'created') this.created++;
          else this.duplicates++;
        }
      }),
    );
  }

  /**
   * A customer unsubscribes: the next scheduled reminder email is canceled, so the canceled
   * registry shows what an operator's cancel looks like.
   */
  async cancelAReminder(): Promise<void> {
    const emails = this.queues.get('emails');
    const { ids } = (await emails?.listJobIds('scheduled', 0, 1)) ?? { ids: [] };
    if (ids[0]) await emails!.cancelJob(ids[0], 'customer unsubscribed before the reminder went out').catch(() => {});
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}

/** Runs `step` every `everyMs()` until `stop` fires; an error is logged and the loop goes on. */
async function every(stop: AbortSignal, everyMs: () => number, step: () => Promise<void>): Promise<void> {
  while (!stop.aborted) {
    try {
      await step();
    } catch (e) {
      console.error(`enqueue failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    await pause(everyMs(), stop);
  }
}

async function main(): Promise<void> {
  const producer = new Producer();
  const stop = new AbortController();
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    if (++signals > 1) process.exit(1);
    console.log(`${sig}: stopping`);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  console.log(`enqueuing to ${QUEUES.join(', ')}: a trickle plus a burst every ${BURST_EVERY_MS[0] / 1000}-${BURST_EVERY_MS[1] / 1000} s`);
  const burst = async () => {
    const size = between(BURST_SIZE);
    const byQueue = batchByQueue(size);
    await producer.enqueue(byQueue);
    console.log(`burst of ${size} jobs: ${[...byQueue].map(([q, jobs]) => `${q} ${jobs.length}`).join(', ')}`);
  };
  const report = async () => console.log(`${producer.created} jobs enqueued so far (${producer.duplicates} duplicate ids skipped)`);
  await Promise.all([
    every(stop.signal, () => between(BURST_EVERY_MS), burst),
    every(stop.signal, () => TRICKLE_EVERY_MS, () => producer.enqueue(batchByQueue(between([0, 2])))),
    pause(REPORT_EVERY_MS, stop.signal).then(() => every(stop.signal, () => REPORT_EVERY_MS, report)),
    pause(CANCEL_EVERY_MS, stop.signal).then(() => every(stop.signal, () => CANCEL_EVERY_MS, () => producer.cancelAReminder())),
  ]);
  await producer.close();
  console.log(`stopped after enqueuing ${producer.created} jobs`);
}

await main();
