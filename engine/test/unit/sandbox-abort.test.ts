/**
 * SandboxPool with real worker threads: aborts reach the handler, a handler that ignores them
 * (a CPU loop) loses its thread after the grace period, dead threads are replaced, and the
 * pool's size bounds how many jobs run at once.
 */
import { describe, expect, it } from 'vitest';
import { TimeoutError } from '../../errors';
import { SandboxError } from '../../worker/sandbox/index';
import { makeJob, openPool, sleep, TASKS_FILE } from '../fixtures/sandbox-jobs';
import { waitFor } from '../support/fixtures';

const threadOf = async (result: Promise<unknown>) => ((await result) as { threadId: number }).threadId;

describe('aborting a sandboxed job', () => {
  it('stops a CPU loop by terminating its thread after the grace period, then runs the next job in a new thread', async () => {
    const pool = await openPool({ size: 1, graceMs: 100 });
    const first = await threadOf(pool.run(makeJob('echo')));
    const spinning = makeJob('spin');
    const run = pool.run(spinning);
    const reason = new TimeoutError(50);
    spinning.abort(reason);
    await expect(run).rejects.toBe(reason);
    expect(pool.threadCount).toBe(1);
    const next = await threadOf(pool.run(makeJob('echo')));
    expect(next).not.toBe(first);
  });

  it('passes the abort to a handler that listens, which stops before the grace period and keeps its thread', async () => {
    // A grace period far longer than the test: only the handler's own stop can settle the job.
    const pool = await openPool({ size: 1, graceMs: 600_000 });
    const first = await threadOf(pool.run(makeJob('echo')));
    const listening = makeJob('listen');
    const run = pool.run(listening);
    const reason = new TimeoutError(50);
    listening.abort(reason);
    await expect(run).rejects.toBe(reason); // the caller gets its own reason object back
    expect(await threadOf(pool.run(makeJob('echo')))).toBe(first);
  });

  it("gives the thread's signal the abort reason's name and message", async () => {
    const pool = await openPool({ size: 1, graceMs: 600_000 });
    const observing = makeJob('observe');
    const run = pool.run(observing);
    observing.abort(new TimeoutError(50));
    await expect(run).rejects.toThrow('saw TimeoutError: job exceeded its timeout of 50 ms');
  });

  it('does not start a job whose signal aborted while it waited for a thread', async () => {
    const pool = await openPool({ size: 1, graceMs: 600_000 });
    const busy = makeJob('listen');
    const running = pool.run(busy);
    const waiting = makeJob('echo');
    const waited = pool.run(waiting);
    const reason = new Error('canceled while queued');
    waiting.abort(reason);
    await expect(waited).rejects.toBe(reason);
    busy.abort(new Error('done'));
    await expect(running).rejects.toThrow('done');
  });

  it('rejects at once a job whose signal has already aborted', async () => {
    const pool = await openPool();
    const job = makeJob('echo');
    const reason = new Error('too late');
    job.abort(reason);
    await expect(pool.run(job)).rejects.toBe(reason);
  });
});

describe('a sandbox thread that dies on its own', () => {
  it('reports process.exit() inside the handler and replaces the thread', async () => {
    const pool = await openPool({ size: 2 });
    const error = await pool.run(makeJob('exit')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxError);
    expect(error).toMatchObject({ name: 'SandboxError', message: 'sandbox thread exited with code 3 while running task "exit"' });
    expect(pool.threadCount).toBe(2);
    await expect(pool.run(makeJob('echo', 'after'))).resolves.toMatchObject({ data: 'after' });
  });

  it('reports an error thrown outside the awaited promise, with its stack, and replaces the thread', async () => {
    const pool = await openPool({ size: 1 });
    const error = (await pool.run(makeJob('throwLater')).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ name: 'SandboxError', code: 'SANDBOX_ERROR' });
    expect(error.message).toBe('sandbox thread exited with code 1 while running task "throwLater": Error: thrown from a timer');
    expect(error.stack).toContain(TASKS_FILE);
    expect(pool.threadCount).toBe(1);
    await expect(pool.run(makeJob('echo', 'after'))).resolves.toMatchObject({ data: 'after' });
  });

  it('reports a thread that runs out of memory (under resourceLimits) and replaces it', async () => {
    const pool = await openPool({ size: 1, resourceLimits: { maxOldGenerationSizeMb: 32 } });
    const error = (await pool.run(makeJob('hog')).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(SandboxError);
    expect(error.message).toMatch(/^sandbox thread exited with code \d+ while running task "hog": .*memory/);
    expect(pool.threadCount).toBe(1);
    await expect(pool.run(makeJob('echo', 'after'))).resolves.toMatchObject({ data: 'after' });
  });
});

describe('sandbox concurrency', () => {
  it('runs at most `size` jobs at once; the others wait for a free thread', async () => {
    const pool = await openPool({ size: 2 });
    const events: string[] = [];
    const releases = new Map<string, () => void>();
    let running = 0;
    let most = 0;
    const gate = {
      // the handler's first call: it now runs, and stays until the test lets it go
      log(this: { id: string }) {
        running++;
        most = Math.max(most, running);
        events.push(`start ${this.id}`);
        return new Promise<void>((resolve) => releases.set(this.id, resolve));
      },
    };
    const jobs = Array.from({ length: 4 }, () => makeJob('gate', null, gate));
    const runs = jobs.map((job) => pool.run(job).then((threadId) => {
      running--;
      events.push(`end ${job.id}`);
      return threadId;
    }));
    await waitFor('two jobs running', () => releases.size === 2);
    await sleep(200); // room for a third to start, were the pool to let it
    expect(releases.size).toBe(2);
    for (let started = 2; started <= 4; started++) {
      const next = jobs.find((j) => releases.has(j.id) && !events.includes(`end ${j.id}`))!;
      releases.get(next.id)!();
      await waitFor(`job ${next.id} ended`, () => events.includes(`end ${next.id}`));
      if (started < 4) await waitFor(`job ${started + 1} started`, () => releases.size === started + 1);
    }
    for (const job of jobs) releases.get(job.id)!();
    const threads = await Promise.all(runs);
    expect(most).toBe(2);
    expect(new Set(threads).size).toBe(2);
    expect(pool.threadCount).toBe(2);
    // Each job beyond the first two started only after an earlier one ended.
    expect(events.indexOf(`start ${jobs[2].id}`)).toBeGreaterThan(events.findIndex((e) => e.startsWith('end')));
  });
});
