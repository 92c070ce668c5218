/**
 * Runs inside a sandbox thread: loads the tasks file, then runs one job at a time as the pool
 * asks. Each job gets its own AbortController, aborted when the pool forwards an abort.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toJson } from '../../payload';
import type { Handler } from '../running-job';
import { loadTaskHandlers } from './load-tasks';
import { FORWARDED_METHODS, fromWireError, toWireError, type FromThread, type JobFields, type ToThread } from './protocol';

const port = parentPort!;
const post = (message: FromThread) => port.postMessage(message);

interface Current {
  run: number;
  controller: AbortController;
}

let current: Current | undefined;
let nextCall = 1;
const pendingCalls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

/** A context method that asks the main-side job to do the work and resolves with its answer. */
function forwarder(run: number, method: string) {
  return (...args: unknown[]): Promise<unknown> => {
    const call = nextCall++;
    const answer = new Promise<unknown>((resolve, reject) => pendingCalls.set(call, { resolve, reject }));
    // A handler that does not await (job.log('x') as a statement) must not crash the thread
    // when the main side fails; one that awaits still sees the rejection.
    answer.catch(() => {});
    try {
      post({ type: 'call', run, call, method, args });
    } catch (e) {
      pendingCalls.delete(call);
      throw e; // args structured clone cannot copy (a function, say): the handler's own mistake
    }
    return answer;
  };
}

function context(run: number, job: JobFields, signal: AbortSignal) {
  const ctx: Record<string, unknown> = { ...job, signal };
  for (const method of FORWARDED_METHODS) ctx[method] = forwarder(run, method);
  return Object.freeze(ctx);
}

async function runJob(handlers: Record<string, Handler>, run: number, job: JobFields): Promise<void> {
  const controller = new AbortController();
  current = { run, controller };
  let done: FromThread | undefined;
  let value: unknown;
  try {
    value = await handlers[job.task](context(run, job, controller.signal) as never);
  } catch (e) {
    const aborted = controller.signal.aborted && e === controller.signal.reason;
    done = { type: 'done', run, ok: false, error: toWireError(e), aborted };
  }
  try {
    done ??= { type: 'done', run, ok: true, json: value === undefined ? undefined : toJson(value, 'result') };
  } catch (e) {
    // The same result would fail the same way on every retry: fail at once, as in process.
    done = { type: 'done', run, ok: false, error: toWireError(e), aborted: false, final: true };
  }
  current = undefined;
  post(done);
}

function onMessage(handlers: Record<string, Handler>, message: ToThread): void {
  switch (message.type) {
    case 'run':
      void runJob(handlers, message.run, message.job);
      break;
    case 'abort':
      if (current?.run === message.run) current.controller.abort(fromWireError(message.reason));
      break;
    case 'reply': {
      const pending = pendingCalls.get(message.call);
      pendingCalls.delete(message.call);
      if (!pending) break;
      if (message.ok) pending.resolve(message.value);
      else pending.reject(fromWireError(message.error));
      break;
    }
  }
}

async function start(): Promise<void> {
  let handlers: Record<string, Handler>;
  try {
    handlers = await loadTaskHandlers((workerData as { file: string }).file);
  } catch (e) {
    post({ type: 'load-failed', message: (e as Error).message });
    return;
  }
  port.on('message', (message: ToThread) => onMessage(handlers, message));
  post({ type: 'ready', tasks: Object.keys(handlers) });
}

await start();
