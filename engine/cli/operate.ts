/**
 * Operator commands on a queue and its jobs: cancel, requeue, pause, resume.
 * Every one names the queue first; an unknown queue stops it before anything is changed.
 */
import { Option, type Command } from 'commander';
import { ConveyorError, ValidationError } from '../errors';
import { withQueue } from './jobs';
import { errorLine } from './main';

const REQUEUE_STATES = ['failed', 'canceled', 'finished'] as const;
type RequeueState = (typeof REQUEUE_STATES)[number];

/**
 * Runs `fn` on each id in turn. A job that cannot be acted on (unknown, wrong state) is
 * reported naming its id and the rest still run; the exit code is 1 if any was refused.
 * Any other error (Redis down) stops the command.
 */
async function eachId(ids: string[], fn: (id: string) => Promise<string>): Promise<void> {
  let refused = 0;
  for (const id of ids) {
    try {
      console.log(await fn(id));
    } catch (e) {
      if (!(e instanceof ConveyorError)) throw e;
      console.error(errorLine(e));
      refused++;
    }
  }
  if (refused > 0) {
    if (ids.length > 1) console.error(`conveyor: ${refused} of ${ids.length} job(s) were not changed`);
    process.exitCode = 1;
  }
}

function registerCancel(program: Command): void {
  program
    .command('cancel')
    .description('cancel queued, scheduled, deferred or running jobs (a running job\'s worker aborts its handler)')
    .argument('<queue>')
    .argument('<id...>', 'one or more job ids')
    .option('--reason <text>', 'why, shown on the job')
    .action((queue: string, ids: string[], flags: { reason?: string }, cmd: Command) =>
      withQueue(cmd, queue, (q) =>
        eachId(ids, async (id) => `job ${id} canceled (it was ${await q.cancelJob(id, flags.reason)})`)));
}

function registerRequeue(program: Command): void {
  program
    .command('requeue')
    .description('run jobs again: every job in a state (--state), or the jobs named (--id)')
    .argument('<queue>')
    .addOption(new Option('--state <state>', 'requeue every job in this state').choices(REQUEUE_STATES))
    .option('--id <id...>', 'requeue these jobs (each failed, canceled or finished)')
    .action((queue: string, flags: { state?: RequeueState; id?: string[] }, cmd: Command) => {
      if ((flags.state === undefined) === (flags.id === undefined)) {
        throw new ValidationError('requeue needs either --state <failed|canceled|finished> or --id <id...>, not both', 'state');
      }
      return withQueue(cmd, queue, async (q) => {
        if (flags.id) return eachId(flags.id, async (id) => (await q.retryJob(id), `job ${id} requeued`));
        console.log(`${await q.requeueAll(flags.state!)} ${flags.state} job(s) requeued`);
      });
    });
}

const PAUSE_COMMANDS = [
  { name: 'pause', done: 'paused', paused: true, about: 'stop workers claiming jobs from a queue (running jobs finish; producers can still enqueue)' },
  { name: 'resume', done: 'resumed', paused: false, about: 'let workers claim jobs from a paused queue again' },
] as const;

function registerPauseResume(program: Command): void {
  for (const { name, done, paused, about } of PAUSE_COMMANDS) {
    program
      .command(name)
      .description(about)
      .argument('<queue>')
      .action((queue: string, _f: unknown, cmd: Command) =>
        withQueue(cmd, queue, async (q) => {
          await (paused ? q.pause() : q.resume());
          console.log(`queue ${queue} ${done}`);
        }));
  }
}

export function registerOperateCommands(program: Command): void {
  registerCancel(program);
  registerRequeue(program);
  registerPauseResume(program);
}
