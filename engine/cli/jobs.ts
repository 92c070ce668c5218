import type { Command } from 'commander';
import { Inspector } from '../inspector';
import type { Queue } from '../queue';
import { globals } from './main';

/** Runs `fn` with the named queue (404-style error when it does not exist), then closes. */
export async function withQueue(cmd: Command, name: string, fn: (q: Queue) => Promise<void>): Promise<void> {
  const global = globals(cmd);
  const inspector = new Inspector({ connection: global.url, prefix: global.prefix });
  try {
    await fn(await inspector.queue(name));
  } finally {
    await inspector.close();
  }
}

export function registerJobCommands(program: Command): void {
  program
    .command('retry')
    .description('run a failed, finished or canceled job again')
    .argument('<queue>').argument('<id>')
    .action((queue: string, id: string, _f: unknown, cmd: Command) =>
      withQueue(cmd, queue, async (q) => {
        await q.retryJob(id);
        console.log(`job ${id} requeued`);
      }));
  program
    .command('delete')
    .description('delete a job from every structure')
    .argument('<queue>').argument('<id>')
    .action((queue: string, id: string, _f: unknown, cmd: Command) =>
      withQueue(cmd, queue, async (q) => {
        const state = await q.deleteJob(id);
        console.log(`job ${id} deleted (it was ${state})`);
      }));
  program
    .command('retry-failed')
    .description('requeue every failed job of a queue')
    .argument('<queue>')
    .action((queue: string, _f: unknown, cmd: Command) =>
      withQueue(cmd, queue, async (q) => console.log(`${await q.retryAllFailed()} job(s) requeued`)));
  program
    .command('empty')
    .description('delete every queued job of a queue (scheduled, running and finished jobs stay)')
    .argument('<queue>')
    .requiredOption('--yes', 'confirm: this deletes jobs')
    .action((queue: string, _f: unknown, cmd: Command) =>
      withQueue(cmd, queue, async (q) => console.log(`${await q.empty()} job(s) deleted`)));
}
