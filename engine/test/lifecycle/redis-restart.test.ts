/**
 * A Redis restart (AOF on, as the demo runs it) while workers are busy: scheduled jobs neither
 * fire twice nor get lost, and a cancel sent after the workers reconnected still reaches them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startRedis } from '../../../scripts/lib/redis-server.mjs';
import { cancelChannel, DEFAULT_PREFIX } from '../../keys';
import { makeQueue, makeWorker, track, uniqueName, waitFor } from '../support/fixtures';

async function persistentRedis(): Promise<{ restart: () => Promise<void>; url: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'conveyor-restart-'));
  let server = await startRedis({ dir, appendonly: true });
  const port = server.port;
  track(dir, async (d) => {
    await server.stop();
    rmSync(d, { recursive: true, force: true });
  });
  return {
    url: server.url,
    restart: async () => {
      await server.stop();
      server = await startRedis({ dir, appendonly: true, port });
    },
  };
}

describe('a Redis restart', () => {
  it('runs every scheduled job exactly once, those due before and after it', async () => {
    const redis = await persistentRedis();
    const q = makeQueue(uniqueName('restart'), { connection: redis.url });
    const runs = new Map<string, number>();
    const handlers = { t: ({ id }: { id: string }) => void runs.set(id, (runs.get(id) ?? 0) + 1) };
    for (const i of [1, 2]) await makeWorker(q.name, handlers, { connection: redis.url, concurrency: 5, name: `w${i}-${q.name}` }).start();
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await q.enqueueIn(100 + i * 60, 't', { i })).id);

    await waitFor('some ran before the restart', () => runs.size >= 5);
    await redis.restart();
    const counts = await waitFor('all finished after the restart', async () => {
      const c = await q.getCounts();
      return c.finished === ids.length ? c : null;
    });

    expect(counts.scheduled + counts.queued + counts.started + counts.failed).toBe(0);
    expect([...runs.keys()].sort()).toEqual([...ids].sort());
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  });

  it('still delivers a cancel to the worker running the job once it reconnected', async () => {
    const redis = await persistentRedis();
    const q = makeQueue(uniqueName('restart'), { connection: redis.url });
    let aborted: unknown;
    const handlers = {
      hold: ({ signal }: { signal: AbortSignal }) =>
        new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(void (aborted = signal.reason)))),
    };
    const w = makeWorker(q.name, handlers, { connection: redis.url, leaseMs: 60_000 });
    await w.start();
    const { id } = await q.enqueue('hold', {});
    await waitFor('running', () => w.activeCount === 1);
    await redis.restart();
    // Its subscription comes back with the connection (the heartbeat, a minute away with this
    // lease, would find the cancel too; this test is about the message).
    const channel = cancelChannel(DEFAULT_PREFIX);
    await waitFor('subscribed again', async () => {
      const [, n] = (await q.client.pubsub('NUMSUB', channel)) as [string, number];
      return Number(n) > 0;
    });
    await q.cancelJob(id, 'after the restart');
    await waitFor('handler aborted', () => aborted !== undefined);
    expect((aborted as Error).name).toBe('CanceledError');
    expect((await q.getJob(id))?.state).toBe('canceled');
    await waitFor('slot free', () => w.activeCount === 0);
  });
});
