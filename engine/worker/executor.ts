/**
 * Runs handlers for leased jobs and turns each into exactly one outcome (complete, retry or
 * fail) in the report buffer. Timeouts are checked by one shared timer, not one per job.
 */
import { retryDelay } from '../backoff';
import { NoHandlerError, TimeoutError } from '../errors';
import { encodeError } from '../job';
import { toJson } from '../payload';
import { ReportBuffer, type Outcome } from './reports';
import type { Handler, RunningJob } from './running-job';

/** Throw this from a handler to fail the job at once, whatever attempts it has left. */
export class UnrecoverableError extends Error {
  override name = 'UnrecoverableError';
}

/** The stored payload is not valid JSON; retrying cannot help. */
export class DeserializationError extends Error {
  override name = 'DeserializationError';
}

const TIMEOUT_CHECK_MS = 50;

const runKey = (job: RunningJob) => `${job.queue}\u0000${job.id}`;

export class Executor {
  readonly running = new Map<string, RunningJob>();
  readonly reports = new ReportBuffer();
  private readonly timed = new Set<RunningJob>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly handlers: ReadonlyMap<string, Handler>,
    private readonly defaultTimeout: number,
    /** called whenever a slot frees or an outcome waits to be written */
    private readonly changed: () => void,
  ) {}

  start(job: RunningJob): void {
    this.running.set(runKey(job), job);
    const handler = this.handlers.get(job.task);
    if (!handler) return this.fail(job, new NoHandlerError(job.task), true);
    try {
      job.data = JSON.parse(job.rawData);
    } catch (e) {
      return this.fail(job, new DeserializationError(`payload is not valid JSON: ${(e as Error).message}`), true);
    }
    this.armTimeout(job);
    let value: unknown;
    try {
      value = handler(job);
    } catch (e) {
      return this.fail(job, e, false);
    }
    if (value !== null && typeof (value as PromiseLike<unknown>)?.then === 'function') {
      (value as PromiseLike<unknown>).then(
        (v) => this.succeed(job, v),
        (e) => this.fail(job, e, false),
      );
    } else {
      this.succeed(job, value);
    }
  }

  /** Stops tracking a job whose lease is gone; whatever its handler does later is ignored. */
  abandon(job: RunningJob, reason: Error): void {
    if (job.settled) return;
    job.abort(reason);
    this.untrack(job);
    this.changed();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private succeed(job: RunningJob, value: unknown): void {
    if (job.settled) return;
    let result = '';
    if (value !== undefined) {
      try {
        result = toJson(value, 'result');
      } catch (e) {
        return this.fail(job, e, true);
      }
    }
    this.settle({ kind: 'complete', job, result, value });
  }

  private fail(job: RunningJob, cause: unknown, final: boolean): void {
    if (job.settled) return;
    const error = encodeError(cause);
    const giveUp = final || cause instanceof UnrecoverableError || job.attempt >= job.maxAttempts;
    if (giveUp) this.settle({ kind: 'fail', job, error, cause });
    else this.settle({ kind: 'retry', job, error, cause, delay: retryDelay(job.backoff, job.attempt) });
  }

  private settle(outcome: Outcome): void {
    this.untrack(outcome.job);
    this.reports.add(outcome);
    this.changed();
  }

  private untrack(job: RunningJob): void {
    job.settled = true;
    this.running.delete(runKey(job));
    if (job.deadline) this.timed.delete(job);
  }

  private armTimeout(job: RunningJob): void {
    const limit = job.timeout === 0 ? this.defaultTimeout : job.timeout;
    if (limit <= 0) return;
    job.deadline = Date.now() + limit;
    this.timed.add(job);
    this.timer ??= setInterval(() => this.checkTimeouts(), TIMEOUT_CHECK_MS);
  }

  private checkTimeouts(): void {
    const now = Date.now();
    for (const job of this.timed) {
      if (now < job.deadline) continue;
      const err = new TimeoutError(job.timeout || this.defaultTimeout);
      job.abort(err);
      this.fail(job, err, false);
    }
    if (this.timed.size === 0) this.stop();
  }
}
