/**
 * `conveyor` command line: run workers, enqueue jobs, and look at queues like `rq info`.
 * Environment is read once here: REDIS_URL and CONVEYOR_PREFIX (flags override them).
 */
import { Command, InvalidArgumentError } from 'commander';
import { ConveyorError } from '../errors';
import { registerEnqueueCommand } from './enqueue';
import { registerEventsCommand } from './events';
import { registerInfoCommand } from './info';
import { registerJobCommands } from './jobs';
import { registerOperateCommands } from './operate';
import { registerWorkerCommand } from './worker';

export interface GlobalOptions {
  url: string;
  prefix: string;
}

export function intArg(name: string, min = 0) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer >= ${min}`);
    return n;
  };
}

const ENV = { url: process.env.REDIS_URL, prefix: process.env.CONVEYOR_PREFIX };

/** Global flags, falling back to the environment read once at start. */
export function globals(cmd: Command): GlobalOptions {
  const o = cmd.optsWithGlobals() as Partial<GlobalOptions>;
  return { url: o.url ?? ENV.url ?? 'redis://127.0.0.1:6379', prefix: o.prefix ?? ENV.prefix ?? 'conveyor' };
}

function program(): Command {
  const cmd = new Command('conveyor')
    .description('Conveyor job queue: workers, producers and operator tools')
    // No displayed default for the URL: it may carry a password.
    .option('--url <url>', 'Redis URL (default: env REDIS_URL, else redis://127.0.0.1:6379)')
    .option('--prefix <prefix>', 'key prefix (default: env CONVEYOR_PREFIX, else "conveyor")')
    .showHelpAfterError();
  registerWorkerCommand(cmd);
  registerEnqueueCommand(cmd);
  registerInfoCommand(cmd);
  registerJobCommands(cmd);
  registerOperateCommands(cmd);
  registerEventsCommand(cmd);
  return cmd;
}

/** One line for stderr: the message, and the code of an engine error. */
export function errorLine(err: unknown): string {
  if (err instanceof ConveyorError) return `conveyor: ${err.message} (${err.code})`;
  return `conveyor: ${err instanceof Error ? err.message : String(err)}`;
}

program()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    console.error(errorLine(err));
    process.exit(1);
  });
