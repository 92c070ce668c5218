/**
 * `conveyor events` run as a real process: the stream oldest first as text or JSON lines, from a
 * given id, followed live until SIGTERM, text from jobs escaped, and bad input refused.
 */
import { describe, expect, it } from 'vitest';
import type { QueueEvent } from '../../index';
import { runCli, startCli } from '../support/cli';
import { makeQueue, uniqueName, waitFor } from '../support/fixtures';

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('conveyor events', () => {
  it('prints the queue events oldest first, one line each, and as JSON with --json', async () => {
    const q = makeQueue(uniqueName('cli-ev'));
    const { id } = await q.enqueue('noop', null);
    await q.cancelJob(id, 'not needed');
    await q.pause();
    await q.resume();
    const text = await runCli(['events', q.name]);
    expect(text.code).toBe(0);
    const rows = lines(text.stdout).map((l) => l.split('  '));
    expect(rows.map((r) => r[2])).toEqual(['enqueued', 'canceled', 'paused', 'resumed']);
    expect(rows[0]).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/), expect.stringMatching(/^\d+-\d+$/), 'enqueued', id, 'state=queued']);
    expect(rows[1].slice(2)).toEqual(['canceled', id, 'reason="not needed"']);
    expect(rows[2][3]).toBe('-'); // a queue-wide event names no job
    const json = await runCli(['events', q.name, '--json']);
    const events = lines(json.stdout).map((l) => JSON.parse(l) as QueueEvent);
    expect(events.map((e) => [e.event, e.jobId])).toEqual([['enqueued', id], ['canceled', id], ['paused', ''], ['resumed', '']]);
    expect(events[1].fields).toEqual({ reason: 'not needed' });
    expect(events.map((e) => e.id)).toEqual(rows.map((r) => r[1]));
  });

  it('prints only the events after --from', async () => {
    const q = makeQueue(uniqueName('cli-ev'));
    const { id: first } = await q.enqueue('noop', null);
    const { id: second } = await q.enqueue('noop', null);
    const [firstEvent] = await q.readEvents('0', 1);
    const r = await runCli(['events', q.name, '--from', firstEvent.id, '--json']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout).map((l) => (JSON.parse(l) as QueueEvent).jobId)).toEqual([second]);
    expect(first).not.toBe(second);
    const none = await runCli(['events', q.name, '--from', '$']);
    expect(none).toMatchObject({ code: 0, stdout: '' });
  });

  it('with --follow prints new events as they come, and stops on SIGTERM', async () => {
    const q = makeQueue(uniqueName('cli-ev'));
    const { id: old } = await q.enqueue('noop', null);
    const follower = startCli(['events', q.name, '--follow', '--json']);
    await waitFor('the past event', () => follower.stdout().includes(old));
    const { id: fresh } = await q.enqueue('noop', null);
    await q.cancelJob(fresh, 'changed my mind');
    await waitFor('the new events', () => lines(follower.stdout()).length === 3);
    const events = lines(follower.stdout()).map((l) => JSON.parse(l) as QueueEvent);
    expect(events.map((e) => [e.event, e.jobId])).toEqual([['enqueued', old], ['enqueued', fresh], ['canceled', fresh]]);
    expect(await follower.stop('SIGTERM')).toBe(0);
    expect(follower.stderr()).toBe('');
  });

  it('escapes control characters and line breaks from job text, so a job cannot forge output', async () => {
    const q = makeQueue(uniqueName('cli-ev'));
    const { id } = await q.enqueue('noop', null);
    await q.cancelJob(id, 'red \u001b[31malert\nfake line \u009b2J \u202eevil');
    const r = await runCli(['events', q.name]);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toHaveLength(2);
    expect(r.stdout).not.toMatch(/[\u001b\u009b\u202e]/);
    // The stream keeps one line per job (line breaks become spaces); the CLI escapes the rest.
    expect(r.stdout).toContain('reason="red \\u001b[31malert fake line \\u009b2J \\u202eevil"');
  });

  it('refuses a bad --from and an unknown queue, naming them', async () => {
    const q = makeQueue(uniqueName('cli-ev'));
    await q.enqueue('noop', null);
    const bad = await runCli(['events', q.name, '--from', 'yesterday']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--from must be a stream id');
    const name = uniqueName('missing');
    const unknown = await runCli(['events', name, '--follow']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`queue "${name}" not found`);
  });
});
