/**
 * Tasks as the worker takes them: a handler function, or an object with the handler and
 * callbacks for how its jobs end. Callbacks run after the outcome is stored; whatever they throw
 * (or reject with) is reported and never reaches the worker's loops.
 */
import { ValidationError } from '../errors';
import type { Handler, JobContext } from './running-job';

export interface TaskDefinition<Data = any, Result = unknown> {
  handler: Handler<Data, Result>;
  /** the job finished; `result` is what the handler returned */
  onSuccess?: (job: JobContext<Data>, result: Result) => unknown;
  /** the job failed for good (no attempts left, or an UnrecoverableError) */
  onFailure?: (job: JobContext<Data>, error: unknown) => unknown;
  /** the job was taken from this worker: canceled, lease lost, or given back at shutdown */
  onStopped?: (job: JobContext<Data>, reason: Error) => unknown;
}

export type Task = Handler | TaskDefinition;
export type HookName = 'onSuccess' | 'onFailure' | 'onStopped';

export interface TaskTable {
  handlers: Map<string, Handler>;
  hooks: Map<string, Pick<TaskDefinition, HookName>>;
}

export function taskTable(tasks: Record<string, Task>): TaskTable {
  if (typeof tasks !== 'object' || tasks === null) throw new ValidationError('handlers must be an object of functions', 'handlers');
  const table: TaskTable = { handlers: new Map(), hooks: new Map() };
  for (const [task, def] of Object.entries(tasks)) {
    if (typeof def === 'function') {
      table.handlers.set(task, def);
      continue;
    }
    if (typeof def !== 'object' || def === null || typeof def.handler !== 'function') {
      throw new ValidationError(`handler for ${JSON.stringify(task)} is not a function or {handler, onSuccess?, onFailure?, onStopped?}`, 'handlers');
    }
    for (const hook of ['onSuccess', 'onFailure', 'onStopped'] as const) {
      if (def[hook] !== undefined && typeof def[hook] !== 'function') {
        throw new ValidationError(`${hook} of ${JSON.stringify(task)} must be a function`, 'handlers');
      }
    }
    table.handlers.set(task, def.handler);
    table.hooks.set(task, { onSuccess: def.onSuccess, onFailure: def.onFailure, onStopped: def.onStopped });
  }
  return table;
}

/** Runs a callback if the task has one; a throw or rejection goes to `report`, nowhere else. */
export function callHook(table: TaskTable, hook: HookName, job: JobContext, arg: unknown, report: (e: unknown) => void): void {
  const fn = table.hooks.get(job.task)?.[hook] as ((j: JobContext, a: unknown) => unknown) | undefined;
  if (!fn) return;
  try {
    const value = fn(job, arg);
    if (value !== null && typeof (value as PromiseLike<unknown>)?.then === 'function') {
      (value as PromiseLike<unknown>).then(undefined, report);
    }
  } catch (e) {
    report(e);
  }
}
