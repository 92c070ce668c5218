import { describe, expect, it } from 'vitest';
import { Executor } from '../../worker/executor';
import { RunningJob, type Handler } from '../../worker/running-job';

let seq = 0;
const job = (task: string, data: unknown = null) =>
  new RunningJob('q', `j${++seq}`, '1', 1, task, JSON.stringify(data), 0, 1, undefined);

function executor(handlers: Record<string, Handler>, concurrency = 1) {
  return new Executor(new Map(Object.entries(handlers)), concurrency, -1, () => {});
}

describe('Executor', () => {
  it('runs at most `concurrency` handlers and starts waiting jobs in order as slots free', async () => {
    const started: string[] = [];
    const release: (() => void)[] = [];
    const ex = executor({ t: (j) => { started.push(j.id); return new Promise<void>((r) => release.push(r)); } }, 2);
    const jobs = [job('t'), job('t'), job('t')];
    for (const j of jobs) ex.accept(j);
    expect(started).toEqual([jobs[0].id, jobs[1].id]);
    expect(ex.runningCount).toBe(2);
    expect(ex.waitingJobs()).toEqual([jobs[2]]);
    release[0]();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(jobs.map((j) => j.id));
    expect(ex.leased.size).toBe(2);
    expect(ex.reports.size).toBe(1);
  });

  it('runs a long run of synchronous handlers without growing the stack', () => {
    const ex = executor({ t: () => 1 });
    for (let i = 0; i < 20_000; i++) ex.accept(job('t'));
    expect(ex.reports.size).toBe(20_000);
    expect(ex.leased.size).toBe(0);
  });

  it('prefetches only while handlers are quicker than a round trip, and stops after one slow job', async () => {
    let slow = false;
    const ex = executor({ t: () => (slow ? new Promise((r) => setTimeout(r, 30)) : undefined) }, 4);
    expect(ex.prefetchFor(1, 4)).toBe(0); // no history yet
    for (let i = 0; i < 50; i++) ex.accept(job('t'));
    expect(ex.prefetchFor(1, 4)).toBe(4);
    slow = true;
    ex.accept(job('t'));
    await new Promise((r) => setTimeout(r, 60));
    expect(ex.prefetchFor(1, 4)).toBe(0);
  });

  it('never starts an abandoned waiting job', () => {
    const started: string[] = [];
    const ex = executor({ t: (j) => { started.push(j.id); return new Promise(() => {}); } });
    const [a, b, c] = [job('t'), job('t'), job('t')];
    for (const j of [a, b, c]) ex.accept(j);
    ex.abandon([a, b], new Error('shutdown'));
    expect(started).toEqual([a.id, c.id]);
    expect(b.signal.aborted).toBe(true);
  });

  it('fails unknown tasks and undecodable payloads at once, without retry', () => {
    const ex = executor({ t: () => 'never called' });
    const bad = new RunningJob('q', 'x', '1', 1, 't', '{', 0, 5, undefined);
    ex.accept(bad);
    ex.accept(job('missing'));
    const outcomes = [...ex.reports.take().get('q')!];
    expect(outcomes.map((o) => o.kind)).toEqual(['fail', 'fail']);
    expect(outcomes.map((o) => JSON.parse((o as { error: string }).error).name)).toEqual(['DeserializationError', 'NoHandlerError']);
  });
});
