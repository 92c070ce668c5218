// The demo's jobs and handlers on a real Redis with a real Worker: every job the producer makes is
// accepted by the engine and has a handler, and each handler ends the way the demo promises.
import { describe, expect, it } from 'vitest';
import { assertConsistent, type JobRecord, type JobSpec } from '../engine/index';
import { makeQueue, makeWorker, uniqueName, waitFor } from '../engine/test/support/fixtures';
import { batchByQueue, QUEUES, randomWork } from './mix';
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
  return sampleWork(task).find((j) => j.task === task)!;
}

/** The first piece of work (a job, or jobs that depend on each other) with a job of this task. */
function sampleWork(task: string): JobSpec[] {
  const rand = seeded(7);
  for (;;) {
    const jobs = randomWork(rand).map((w) => w.job);
    if (jobs.some((j) => j.task === task)) return jobs;
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

  it('gives repeated reports the same ids, so the engine reports them as duplicates', async () => {
    const queue = makeQueue(uniqueName('reports'));
    const work = sampleWork('generate-report');
    const results = await queue.enqueueMany([...work, ...work]);
    expect(results.map((r) => r.status)).toEqual(['created', 'created', 'duplicate', 'duplicate']);
    expect(results.slice(2).map((r) => r.id)).toEqual(results.slice(0, 2).map((r) => r.id));
  });

  it('makes a report wait in deferred for its export, and cancels it with the reason when the export fails', async () => {
    const queue = makeQueue(uniqueName('reports'));
    const [exportJob, reportJob] = sampleWork('generate-report');
    const [exp, rep] = await queue.enqueueMany([exportJob, reportJob]);
    expect((await queue.getJob(rep.id))?.state).toBe('deferred');
    const failing = { 'export-report-data': () => { throw new Error('replica lag'); }, 'generate-report': tasks['generate-report'] };
    await makeWorker(queue.name, failing).start();
    const canceled = await waitFor('report canceled', async () => {
      const job = await queue.getJob(rep.id);
      return job?.state === 'canceled' ? job : null;
    });
    expect(canceled.cancelReason).toContain(exp.id);
    expect((await queue.getJob(exp.id))?.state).toBe('failed');
  });
});

describe('the demo handlers', () => {
  it('finish fast, slow and flaky jobs; fail the inventory sync with a TypeError; time out long transcodes', async () => {
    const queue = makeQueue(uniqueName('demo'));
    const small = {
      email: sample('send-email'),
      image: { ...sample('resize-image'), data: { imageId: 'img_1', source: 's3://x.jpg', width: 100, height: 100, sizes: [64] } },
      report: { ...sample('generate-report'), data: { account: 'acme', report: 'churn', period: '2026-01', rows: 10 }, options: {} },
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
    expect(done.report.progress).toBe(100);
    expect((await queue.getLogs(ids.report)).lines.at(-1)).toBe('page 9 of 10 done');
    expect(done.image.progress).toBe(100);
    expect(done.webhook.state).toBe('finished');
    expect(done.sync).toMatchObject({ state: 'failed', attempts: 2, error: { name: 'TypeError' } });
    expect(done.sync.error?.message).toMatch(/null/);
    expect(done.sync.error?.stack).toContain('skuOf');
    expect(done.transcode).toMatchObject({ state: 'failed', error: { name: 'TimeoutError' } });
    await assertConsistent(queue);
  });
});
