// The demo's jobs and handlers on a real Redis with a real Worker: every job the producer makes is
// accepted by the engine and has a handler, and each handler ends the way the demo promises.
import { describe, expect, it } from 'vitest';
import { assertConsistent, type JobRecord, type JobSpec } from '../engine/index';
import { makeQueue, makeWorker, uniqueName, waitFor } from '../engine/test/support/fixtures';
import { batchByQueue, QUEUES, randomJob } from './mix';
import tasks from './tasks';

/** A seeded random source, so a failure here can be reproduced. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/** The first job of the mix with this task, from a seeded random source. */
function sample(task: string): JobSpec {
  const rand = seeded(7);
  for (;;) {
    const { job } = randomJob(rand);
    if (job.task === task) return job;
  }
}

async function settled(queue: ReturnType<typeof makeQueue>, id: string): Promise<JobRecord> {
  return waitFor(`job ${id} to finish or fail`, async () => {
    const job = await queue.getJob(id);
    return job && (job.state === 'finished' || job.state === 'failed') ? job : null;
  });
}

describe('the demo mix', () => {
  it('makes only jobs the engine accepts, on the demo queues, with a handler for every task', async () => {
    const byQueue = batchByQueue(600, seeded(42));
    const tasksSeen = new Set<string>();
    for (const [name, jobs] of byQueue) {
      expect(QUEUES).toContain(name);
      const queue = makeQueue(uniqueName(name));
      const results = await queue.enqueueMany(jobs);
      expect(results).toHaveLength(jobs.length);
      for (const job of jobs) tasksSeen.add(job.task);
      await assertConsistent(queue);
    }
    expect([...tasksSeen].sort()).toEqual(Object.keys(tasks).sort());
  });

  it('gives repeated reports the same id, so the engine reports them as duplicates', async () => {
    const queue = makeQueue(uniqueName('reports'));
    const report = sample('generate-report');
    const [first, again] = await queue.enqueueMany([report, report]);
    expect(first.status).toBe('created');
    expect(again).toEqual({ id: first.id, status: 'duplicate' });
  });
});

describe('the demo handlers', () => {
  it('finish fast, slow and flaky jobs; fail the inventory sync with a TypeError; time out long transcodes', async () => {
    const queue = makeQueue(uniqueName('demo'));
    const small = {
      email: sample('send-email'),
      image: { ...sample('resize-image'), data: { imageId: 'img_1', source: 's3://x.jpg', width: 100, height: 100, sizes: [64] } },
      report: { ...sample('generate-report'), data: { account: 'acme', report: 'churn', period: '2026-01', rows: 10 } },
      // 30 tries at a 40 % failure rate: failing them all is a one-in-10^12 event
      webhook: { ...sample('call-webhook'), options: { retry: { attempts: 30 } } },
      sync: { ...sample('sync-inventory'), options: { retry: { attempts: 2 } } },
      transcode: { ...sample('transcode-preview'), data: { videoId: 'vid_1', source: 's3://v.mov', seconds: 10_000 }, options: { timeout: 300 } },
    };
    const ids = Object.fromEntries(
      await Promise.all(Object.entries(small).map(async ([k, job]) => [k, (await queue.enqueue(job.task, job.data, { ...job.options, delay: undefined })).id])),
    ) as Record<keyof typeof small, string>;
    await makeWorker(queue.name, tasks, { concurrency: 6 }).start();

    const done = Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([k, id]) => [k, await settled(queue, id)]))) as Record<keyof typeof small, JobRecord>;
    expect(done.email).toMatchObject({ state: 'finished', result: { to: (small.email.data as { to: string }).to } });
    expect(done.image).toMatchObject({ state: 'finished', result: { variants: ['img_1/w64.webp'] } });
    expect(done.report.state).toBe('finished');
    expect(done.webhook.state).toBe('finished');
    expect(done.sync).toMatchObject({ state: 'failed', attempts: 2, error: { name: 'TypeError' } });
    expect(done.sync.error?.message).toMatch(/null/);
    expect(done.sync.error?.stack).toContain('skuOf');
    expect(done.transcode).toMatchObject({ state: 'failed', error: { name: 'TimeoutError' } });
    await assertConsistent(queue);
  });
});
