/**
 * The README's example, run as the README says: the producer with tsx, the worker with the CLI.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeQueue, redisUrl, waitFor } from '../support/fixtures';
import { spawnWorkerWith } from '../support/processes';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('README example', () => {
  it('enqueues with examples/hello/producer.ts and runs it with `conveyor worker`', async () => {
    // Database 7 of the test server is this test's alone: the example uses fixed names.
    const url = `${redisUrl()}/7`;
    const env = { ...process.env, REDIS_URL: url };
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/hello/producer.ts'], { cwd: root, env });
    const id = /^job (\S+) created$/m.exec(stdout)?.[1];
    expect(id).toBeTruthy();
    const q = makeQueue('emails', { connection: url });
    await spawnWorkerWith(['--queue', 'emails', '--tasks', 'examples/hello/tasks.ts', '--concurrency', '10'], { REDIS_URL: url });
    const job = await waitFor('the example job to finish', async () => {
      const j = await q.getJob(id!);
      return j?.state === 'finished' ? j : null;
    });
    expect(job.result).toMatchObject({ to: 'ada@example.com', attempt: 1, messageId: expect.stringMatching(/^msg-/) });
  });
});
