/**
 * No job is lost when a worker dies: real worker processes, killed with SIGKILL or frozen with
 * SIGSTOP mid-job. Leases are short here (1 s) so recovery is quick.
 */
import { describe, expect, it } from 'vitest';
import { assertConsistent } from '../../index';
import { makeQueue, makeRedis, uniqueName, waitFor } from '../support/fixtures';
import { spawnWorker, type LogEntry } from '../support/processes';

const LEASE = ['--lease-ms', '1000'];

async function readLog(redis: ReturnType<typeof makeRedis>, key: string): Promise<LogEntry[]> {
  return (await redis.lrange(key, 0, -1)).map((s) => JSON.parse(s) as LogEntry);
}

describe('a worker killed with SIGKILL mid-job', () => {
  it('loses nothing: the job is taken back and finishes on another worker', async () => {
    const q = makeQueue(uniqueName('crash'));
    const redis = makeRedis();
    const log = uniqueName('log');
    const victim = await spawnWorker(q.name, uniqueName('victim'), LEASE);
    const { id } = await q.enqueue('work', { log, firstMs: 600_000, ms: 10 });
    await waitFor('the job to start on the victim', async () => (await readLog(redis, log)).length === 1);
    victim.child.kill('SIGKILL');
    await victim.exited;

    const rescuer = await spawnWorker(q.name, uniqueName('rescuer'), LEASE);
    const job = await waitFor('the job to finish', async () => {
      const j = await q.getJob(id);
      return j?.state === 'finished' ? j : null;
    });
    const entries = await readLog(redis, log);
    expect(entries.map((e) => e.what)).toEqual(['start', 'start', 'end']);
    expect(entries[0].pid).toBe(victim.child.pid);
    expect(entries[1].pid).toBe(rescuer.child.pid);
    expect(job.result).toEqual({ pid: rescuer.child.pid });
    expect(job.crashes).toBe(1);
    expect(job.attempts).toBe(2);
    rescuer.child.kill('SIGTERM');
    await rescuer.exited;
    await assertConsistent(q);
  });

  it('fails a job that kills its worker every time once the crash budget is spent', async () => {
    const q = makeQueue(uniqueName('poison'));
    const redis = makeRedis();
    const log = uniqueName('log');
    const { id } = await q.enqueue('crash', { log }, { retry: { attempts: 10 } });
    for (let i = 0; i < 3; i++) {
      const w = await spawnWorker(q.name, uniqueName(`poisoned${i}`), LEASE, false);
      await w.exited;
    }
    // A healthy worker reaps the last expired lease and fails the job for good.
    const healthy = await spawnWorker(q.name, uniqueName('healthy'), LEASE);
    const job = await waitFor('the job to fail', async () => {
      const j = await q.getJob(id);
      return j?.state === 'failed' ? j : null;
    });
    expect(job.crashes).toBe(3);
    expect(job.error?.name).toBe('LeaseExpiredError');
    expect((await readLog(redis, log)).length).toBe(3);
    healthy.child.kill('SIGTERM');
    await healthy.exited;
    await assertConsistent(q);
  });
});

describe('a worker frozen past its lease (SIGSTOP)', () => {
  it('cannot overwrite the newer attempt when it wakes up: its late report is discarded', async () => {
    const q = makeQueue(uniqueName('fence'));
    const redis = makeRedis();
    const log = uniqueName('log');
    const frozen = await spawnWorker(q.name, uniqueName('frozen'), LEASE);
    const { id } = await q.enqueue('stubborn', { log, ms: 1500 });
    await waitFor('the job to start', async () => (await readLog(redis, log)).length === 1);
    frozen.child.kill('SIGSTOP');

    const other = await spawnWorker(q.name, uniqueName('other'), LEASE);
    const job = await waitFor('the second attempt to finish', async () => {
      const j = await q.getJob(id);
      return j?.state === 'finished' ? j : null;
    });
    expect(job.result).toEqual({ pid: other.child.pid });
    frozen.child.kill('SIGCONT');
    // The frozen worker resumes, finishes its (stale) attempt and reports it.
    await waitFor('the frozen worker to finish its stale attempt', async () => {
      const ends = (await readLog(redis, log)).filter((e) => e.what === 'end');
      return ends.length === 2;
    });
    await waitFor('the frozen worker to learn it lost the lease', () => frozen.output().includes(`lease lost on job ${id}`));
    const after = await q.getJob(id);
    expect(after?.result).toEqual({ pid: other.child.pid });
    expect(after?.attempts).toBe(2);
    expect(after?.state).toBe('finished');
    for (const w of [frozen, other]) w.child.kill('SIGTERM');
    await Promise.all([frozen.exited, other.exited]);
    await assertConsistent(q);
  });
});
