/**
 * The main-side handle of one sandbox thread: starts it, hands it one job at a time, forwards the
 * job's abort and context calls, and kills it when a handler outlives its grace period.
 */
import { Worker as NodeWorker, type ResourceLimits } from 'node:worker_threads';
import { ValidationError } from '../../errors';
import { UnrecoverableError } from '../executor';
import type { JobContext } from '../running-job';
import { fromWireError, toWireError, type FromThread, type ToThread, type WireError } from './protocol';
import { SandboxError } from './sandbox-error';

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);

/** Context members a thread may not call on the main-side job (the rest of Object's are refused too). */
const NOT_FORWARDED = new Set(['constructor', 'abort']);

export interface ThreadEvents {
  /** the thread has started, or finished its job, and can take another */
  idle(thread: SandboxThread): void;
  /** the thread is gone on its own or was killed; `replace`: it was running a job or had run one */
  gone(thread: SandboxThread, replace: boolean, error: Error): void;
}

export interface ThreadSettings {
  file: string;
  graceMs: number;
  resourceLimits?: ResourceLimits;
}

interface ActiveRun {
  run: number;
  job: JobContext;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  onAbort(): void;
  grace?: NodeJS.Timeout;
}

type State = 'starting' | 'ready' | 'gone';

export class SandboxThread {
  /** the task names the file exports, once the thread has loaded it */
  readonly started: Promise<string[]>;
  /** resolves once the thread has stopped running */
  readonly exited: Promise<void>;
  private readonly worker: NodeWorker;
  private state: State = 'starting';
  private active: ActiveRun | undefined;
  private runs = 0;
  /** the error that ended the thread, from its 'error' event (emitted just before 'exit') */
  private uncaught: Error | undefined;
  private startOutcome!: { resolve(tasks: string[]): void; reject(error: Error): void };

  constructor(private readonly settings: ThreadSettings, private readonly events: ThreadEvents) {
    this.started = new Promise((resolve, reject) => (this.startOutcome = { resolve, reject }));
    this.started.catch(() => {}); // open() reads it; a replacement's failure reaches events.gone
    this.worker = new NodeWorker(BOOTSTRAP, { workerData: { file: settings.file }, resourceLimits: settings.resourceLimits });
    this.worker.on('message', (message: FromThread) => this.onMessage(message));
    this.worker.on('error', (error: Error) => (this.uncaught ??= error));
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('exit', (code: number) => this.onExit(code));
  }

  get busy(): boolean {
    return this.active !== undefined;
  }

  /** Runs `job` in this (idle, ready) thread. */
  run(job: JobContext): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const run = ++this.runs;
      const active: ActiveRun = { run, job, resolve, reject, onAbort: () => this.abort(active) };
      const fields = { id: job.id, queue: job.queue, task: job.task, data: job.data, attempt: job.attempt, maxAttempts: job.maxAttempts };
      try {
        this.worker.postMessage({ type: 'run', run, job: fields } satisfies ToThread);
      } catch (e) {
        return reject(e); // data structured clone cannot copy; the thread stays idle
      }
      this.active = active;
      this.worker.ref(); // a running job keeps the process alive, an idle pool does not
      job.signal.addEventListener('abort', active.onAbort, { once: true });
    });
  }

  /** Terminates the thread (the pool is closing); a job still running is rejected. */
  close(): Promise<unknown> {
    if (this.state === 'starting') this.startOutcome.reject(new SandboxError('sandbox pool closed while its threads were starting'));
    this.state = 'gone';
    const active = this.end();
    active?.reject(new SandboxError(`sandbox pool closed while running task ${JSON.stringify(active.job.task)}`));
    return this.worker.terminate();
  }

  private onMessage(message: FromThread): void {
    switch (message.type) {
      case 'ready':
        this.state = 'ready';
        this.worker.unref();
        this.startOutcome.resolve(message.tasks);
        this.events.idle(this);
        break;
      case 'load-failed':
        this.fail(new ValidationError(message.message, 'tasks'));
        break;
      case 'done':
        if (this.active?.run === message.run) this.settle(this.active, message);
        break;
      case 'call':
        void this.forward(message);
        break;
    }
  }

  private settle(active: ActiveRun, done: Extract<FromThread, { type: 'done' }>): void {
    this.end();
    if (this.state === 'ready') this.events.idle(this);
    if (done.ok) return active.resolve(done.json === undefined ? undefined : JSON.parse(done.json));
    // The handler gave up because of the abort it was sent: the caller gets its own reason back.
    if (done.aborted && active.job.signal.aborted) return active.reject(active.job.signal.reason);
    active.reject(rebuild(done.error, done.final === true));
  }

  /** Stops tracking the running job (if any) and returns it. */
  private end(): ActiveRun | undefined {
    const active = this.active;
    if (!active) return undefined;
    this.active = undefined;
    clearTimeout(active.grace);
    active.job.signal.removeEventListener('abort', active.onAbort);
    if (this.state === 'ready') this.worker.unref();
    return active;
  }

  /** Passes the abort on; a handler still running `graceMs` later has its thread killed. */
  private abort(active: ActiveRun): void {
    if (this.active !== active) return;
    const reason = active.job.signal.reason as unknown;
    this.post({ type: 'abort', run: active.run, reason: toWireError(reason) });
    if (this.settings.graceMs === Infinity) return;
    active.grace = setTimeout(() => {
      if (this.active === active) this.fail(reason instanceof Error ? reason : new Error(String(reason)), reason);
    }, this.settings.graceMs);
  }

  /**
   * The thread is done for: a job it was running is rejected with `jobError` (default: `error`),
   * the thread is terminated, and the pool hears of it.
   */
  private fail(error: Error, jobError: unknown = error): void {
    if (this.state === 'gone') return;
    if (this.state === 'starting') this.startOutcome.reject(error);
    this.state = 'gone';
    const active = this.end();
    active?.reject(jobError);
    void this.worker.terminate();
    this.events.gone(this, active !== undefined || this.runs > 0, error);
  }

  private onExit(code: number): void {
    if (this.state === 'gone') return; // we ended it
    const running = this.active?.job.task;
    const when = running !== undefined ? `while running task ${JSON.stringify(running)}` : this.state === 'starting' ? `while loading ${this.settings.file}` : 'while idle';
    this.fail(crashError(`sandbox thread exited with code ${code} ${when}`, this.uncaught));
  }

  private async forward(message: Extract<FromThread, { type: 'call' }>): Promise<void> {
    const job = this.active?.run === message.run ? this.active.job : undefined; // a late call from an ended job is ignored
    const method = job ? forwardable(job, message.method) : undefined;
    try {
      const value = method ? await method.apply(job, message.args) : undefined;
      this.post({ type: 'reply', call: message.call, ok: true, value });
    } catch (e) {
      this.post({ type: 'reply', call: message.call, ok: false, error: toWireError(e) });
    }
  }

  private post(message: ToThread): void {
    if (this.state === 'gone') return;
    try {
      this.worker.postMessage(message);
    } catch {
      // A reply whose value structured clone cannot copy answers undefined instead.
      if (message.type === 'reply' && message.ok) this.worker.postMessage({ ...message, value: undefined });
    }
  }
}

function forwardable(job: JobContext, method: string): ((...args: unknown[]) => unknown) | undefined {
  if (NOT_FORWARDED.has(method) || method in Object.prototype) return undefined;
  const value = (job as unknown as Record<string, unknown>)[method];
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown) : undefined;
}

/**
 * A handler's error as thrown in the thread. UnrecoverableError keeps its meaning for the
 * executor, and a `final` error (a result JSON cannot carry) becomes one too, keeping its own
 * name and code, so the job fails at once instead of retrying.
 */
function rebuild(wire: WireError, final = false): Error {
  const unrecoverable = final || wire.name === 'UnrecoverableError';
  return fromWireError(wire, unrecoverable ? (m) => new UnrecoverableError(m) : undefined);
}

function crashError(message: string, uncaught: Error | undefined): SandboxError {
  const detail = uncaught ? `: ${uncaught.name}: ${uncaught.message}` : '';
  const err = new SandboxError(message + detail, uncaught ? { cause: uncaught } : undefined);
  // The dashboard shows the stack: the thread's own is the useful one.
  if (uncaught?.stack) err.stack = `${err.name}: ${err.message}\nCaused by: ${uncaught.stack}`;
  return err;
}
