import type { Command } from 'commander';
import { ValidationError } from '../errors';
import type { JobOptions } from '../options';
import { Queue } from '../queue';
import { globals, intArg } from './main';

interface EnqueueFlags {
  data: string;
  id?: string;
  delay?: number;
  attempts?: number;
  backoff?: number;
  timeout?: number;
  description?: string;
  atFront?: boolean;
}

function parseData(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ValidationError(`--data is not valid JSON: ${(e as Error).message}`, 'data');
  }
}

function jobOptions(f: EnqueueFlags): JobOptions {
  const options: JobOptions = {};
  if (f.id !== undefined) options.jobId = f.id;
  if (f.delay !== undefined) options.delay = f.delay;
  if (f.attempts !== undefined) options.retry = { attempts: f.attempts, ...(f.backoff !== undefined && { backoff: f.backoff }) };
  else if (f.backoff !== undefined) throw new ValidationError('--backoff needs --attempts greater than 1', 'backoff');
  if (f.timeout !== undefined) options.timeout = f.timeout;
  if (f.description !== undefined) options.description = f.description;
  if (f.atFront) options.atFront = true;
  return options;
}

export function registerEnqueueCommand(program: Command): void {
  program
    .command('enqueue')
    .description('add one job to a queue and print its id')
    .argument('<queue>', 'queue name')
    .argument('<task>', 'task name (a key of the workers\' tasks module)')
    .option('-d, --data <json>', 'payload as JSON', 'null')
    .option('--id <id>', 'custom job id (a duplicate is reported, never overwritten)')
    .option('--delay <ms>', 'run no earlier than this many ms from now', intArg('delay'))
    .option('--attempts <n>', 'total attempts', intArg('attempts', 1))
    .option('--backoff <ms>', 'fixed delay between attempts', intArg('backoff'))
    .option('--timeout <ms>', 'handler timeout (-1: none)', Number)
    .option('--description <text>', 'free text shown in the dashboard')
    .option('--at-front', 'put the job at the head of the queue')
    .action(async (queueName: string, task: string, flags: EnqueueFlags, cmd: Command) => {
      const global = globals(cmd);
      const queue = new Queue(queueName, { connection: global.url, prefix: global.prefix });
      try {
        const { id, status } = await queue.enqueue(task, parseData(flags.data), jobOptions(flags));
        if (status === 'duplicate') {
          console.error(`job ${id} already exists; nothing was changed`);
          process.exitCode = 3;
        } else {
          console.log(id);
        }
      } finally {
        await queue.close();
      }
    });
}
