/**
 * SandboxPool with real worker threads: results, errors, forwarded context calls, loading the
 * tasks file, and closing. Aborts, crashes and concurrency are in sandbox-abort.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoHandlerError, ValidationError } from '../../errors';
import { UnrecoverableError } from '../../worker/executor';
import { SandboxError, SandboxPool } from '../../worker/sandbox/index';
import { fixture, makeJob, openPool, TASKS_FILE } from '../fixtures/sandbox-jobs';

// One pool serves the tests that leave its thread as they found it.
let shared: SandboxPool;
beforeAll(async () => {
  shared = await SandboxPool.open({ file: TASKS_FILE, size: 1 });
});
afterAll(() => shared.close());

describe('sandbox results and errors', () => {
  it('runs a TypeScript handler in a thread and returns its result', async () => {
    expect(shared.tasks).toContain('echo');
    const job = makeJob('echo', { greeting: 'hé 👋', list: [1, 2] });
    const result = (await shared.run(job)) as Record<string, unknown>;
    expect(result).toMatchObject({
      id: job.id, queue: 'sandbox queue', task: 'echo', data: { greeting: 'hé 👋', list: [1, 2] },
      attempt: 1, maxAttempts: 3, signalAborted: false,
    });
    expect(result.threadId).toBeGreaterThan(0); // it ran in a worker thread, not the main one
  });

  it('keeps an undefined result undefined', async () => {
    await expect(shared.run(makeJob('nothing'))).resolves.toBeUndefined();
  });

  it('rebuilds a handler error with its name, message, code, simple fields and the stack from the tasks file', async () => {
    const error = (await shared.run(makeJob('fail')).catch((e: unknown) => e)) as Error & Record<string, unknown>;
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'CustomError', message: 'the widget broke', code: 'E_WIDGET', retryable: false });
    expect(error.stack).toContain('CustomError: the widget broke');
    expect(error.stack).toContain(TASKS_FILE);
  });

  it('keeps UnrecoverableError an UnrecoverableError, so the executor does not retry it', async () => {
    const error = await shared.run(makeJob('unrecoverable')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect(error).toMatchObject({ name: 'UnrecoverableError', message: 'do not retry this' });
  });

  it('turns a thrown non-Error into an Error', async () => {
    await expect(shared.run(makeJob('throwString'))).rejects.toMatchObject({ name: 'Error', message: 'just a string' });
  });

  it('rejects a result JSON cannot carry, naming where it is, as final (a retry would fail the same way)', async () => {
    const error = await shared.run(makeJob('bigint')).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'PayloadError', code: 'PAYLOAD_NOT_JSON', message: 'result.total is a BigInt, which JSON cannot carry faithfully',
    });
    expect(error).toBeInstanceOf(UnrecoverableError);
  });

  it('rejects a task the file does not export', async () => {
    await expect(shared.run(makeJob('nope'))).rejects.toBeInstanceOf(NoHandlerError);
  });

  it('gives one handler per exported task, each running in the pool', async () => {
    const handlers = shared.handlers();
    expect(Object.keys(handlers).sort()).toEqual([...shared.tasks].sort());
    await expect(handlers.echo(makeJob('echo', 7))).resolves.toMatchObject({ data: 7 });
  });

  it('loads a plain .mjs tasks file exporting `tasks`', async () => {
    const pool = await openPool({ file: fixture('sandbox-tasks.mjs') });
    expect(pool.tasks).toEqual(['double']);
    await expect(pool.run(makeJob('double', 21))).resolves.toBe(42);
  });
});

describe('sandbox context calls', () => {
  it('forwards updateProgress and log to the main-side job and returns its answers', async () => {
    const calls: unknown[][] = [];
    const job = makeJob('talk', null, {
      updateProgress(value: unknown) {
        calls.push(['updateProgress', value]);
        return 'progress saved';
      },
      async log(line: string) {
        calls.push(['log', line]);
        if (line === 'please fail') throw new Error('log is full');
        return 'logged';
      },
    });
    await expect(shared.run(job)).resolves.toEqual({ progress: 'progress saved', logged: 'logged', failed: 'Error: log is full' });
    expect(calls).toEqual([['updateProgress', { done: 1, of: 2 }], ['log', 'half way'], ['log', 'please fail']]);
  });

  it('answers undefined when the main-side job has no such method', async () => {
    await expect(shared.run(makeJob('talk'))).resolves.toEqual({});
  });
});

describe('opening a sandbox', () => {
  it('refuses a file that does not exist', async () => {
    const open = SandboxPool.open({ file: fixture('sandbox-missing.ts'), size: 1 });
    await expect(open).rejects.toBeInstanceOf(ValidationError);
    await expect(open).rejects.toThrow(/cannot load tasks file .*sandbox-missing\.ts: no such file/);
  });

  it('refuses a file that exports no handlers', async () => {
    await expect(SandboxPool.open({ file: fixture('sandbox-empty.ts'), size: 2 })).rejects.toThrow(/sandbox-empty\.ts exports no handlers/);
  });

  it('refuses a file without a default export or `tasks`', async () => {
    await expect(SandboxPool.open({ file: fixture('sandbox-no-export.ts'), size: 1 }))
      .rejects.toThrow(/sandbox-no-export\.ts must export its handlers as the default export or as "tasks"/);
  });

  it('refuses a task object with callbacks: sandboxed tasks are plain functions', async () => {
    await expect(SandboxPool.open({ file: fixture('sandbox-hooks.ts'), size: 1 }))
      .rejects.toThrow(/task "withHooks" is a \{handler, onSuccess\?, \.\.\.\} object; sandboxed tasks must be plain functions/);
  });

  it('says why a file failed to load', async () => {
    await expect(SandboxPool.open({ file: fixture('sandbox-broken.ts'), size: 1 }))
      .rejects.toThrow(/cannot load tasks file .*sandbox-broken\.ts: broken on purpose/);
  });

  it.each([0, 1.5, NaN, '2'])('refuses size %s', async (size) => {
    await expect(SandboxPool.open({ file: TASKS_FILE, size: size as number })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', field: 'size' });
  });

  it.each([-1, NaN, 2 ** 31])('refuses graceMs %s', async (graceMs) => {
    await expect(SandboxPool.open({ file: TASKS_FILE, size: 1, graceMs })).rejects.toMatchObject({ code: 'VALIDATION_ERROR', field: 'graceMs' });
  });
});

describe('closing a sandbox', () => {
  it('rejects the running job and the waiting one, and refuses new ones; closing twice is fine', async () => {
    const pool = await openPool({ size: 1 });
    const running = pool.run(makeJob('spin')).catch((e: unknown) => e);
    const waiting = pool.run(makeJob('echo')).catch((e: unknown) => e);
    await pool.close();
    expect(await running).toMatchObject({ name: 'SandboxError', message: 'sandbox pool closed while running task "spin"' });
    expect(await waiting).toMatchObject({ name: 'SandboxError', message: 'sandbox pool closed before task "echo" could run' });
    expect(await waiting).toBeInstanceOf(SandboxError);
    await expect(pool.run(makeJob('echo'))).rejects.toThrow(/sandbox pool is closed/);
    expect(pool.threadCount).toBe(0);
    await expect(pool.close()).resolves.toBeUndefined();
  });
});
