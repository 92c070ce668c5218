/**
 * Runs handlers for leased jobs and turns each into exactly one outcome (complete, retry or
 * fail) in the report buffer. At most `concurrency` handlers run at once; leased jobs beyond
 * that (prefetched) wait here in order. Timeouts are checked by one shared timer, not one per job.
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

/**
 * Throw this from a handler to retry after a delay of your choosing (a rate limit's Retry-After,
 * say) instead of the job's backoff. It still uses an attempt; with none left the job fails.
 */
export class RetryLaterError extends Error {
  override name = 'RetryLaterError';
  constructor(readonly delayMs: number, message = `retry in ${delayMs} ms`) {
    super(message);
    if (!Number.isFinite(delayMs) || delayMs < 0) throw new RangeError('RetryLaterError needs a delay in ms >= 0');
  }
}

/** The stored payload is not valid JSON; retrying cannot help. */
export class DeserializationError extends Error {
  override name = 'DeserializationError';
}

const TIMEOUT_CHECK_MS = 50;

const runKey = (job: RunningJob) => `${job.queue}\u0000${job.id}`;

/** Weight of the newest sample in the moving average of handler durations. */
const DURATION_WEIGHT = 0.1;
const MIN_SAMPLES_FOR_PREFETCH = 20;

export class Executor {
  /** every job this worker holds a lease on: running, or waiting for a free slot */
  readonly leased = new Map<string, RunningJob>();
  readonly reports = new ReportBuffer();
  private readonly waiting: RunningJob[] = [];
  private running = 0;
  private pumping = false;
  private readonly timed = new Set<RunningJob>();
  private timer: NodeJS.Timeout | undefined;
  private avgDurationMs = 0;
  private samples = 0;

  constructor(
    private readonly handlers: ReadonlyMap<string, Handler>,
    private readonly concurrency: number,
    private readonly defaultTimeout: number,
    /** called whenever a slot frees or an outcome waits to be written */
    private readonly changed: () => void,
  ) {}

  get runningCount(): number {
    return this.running;
  }

  /** Takes a freshly leased job: runs it now if a slot is free, else queues it. */
  accept(job: RunningJob): void {
    this.leased.set(runKey(job), job);
    this.waiting.push(job);
    this.pump();
  }

  find(queue: string, id: string): RunningJob | undefined {
    return this.leased.get(`${queue}\u0000${id}`);
  }

  /** Leased jobs that have not started yet (given back first at shutdown). */
  waitingJobs(): RunningJob[] {
    return this.waiting.filter((j) => !j.settled);
  }

  /**
   * How many jobs to lease beyond the free slots: as many as will start within about one round
   * trip, judged from recent handler durations. Slow handlers get none, so a job never waits
   * behind a long one while another worker is idle.
   */
  prefetchFor(roundTripMs: number, cap: number): number {
    if (this.samples < MIN_SAMPLES_FOR_PREFETCH || roundTripMs <= 0) return 0;
    const perSlot = roundTripMs / Math.max(this.avgDurationMs, 0.001);
    return Math.min(cap, Math.floor(perSlot * this.concurrency));
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.running < this.concurrency && this.waiting.length > 0) {
        const job = this.waiting.shift()!;
        if (job.settled) continue;
        this.running++;
        job.beganAt = performance.now();
        this.run(job);
      }
    } finally {
      this.pumping = false;
    }
  }

  private run(job: RunningJob): void {
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

  /** Stops tracking jobs whose lease is gone; whatever their handlers do later is ignored. */
  abandon(jobs: RunningJob[], reason: Error): void {
    // All are settled before any waiting job may take a freed slot: none of them may start.
    for (const job of jobs) {
      if (job.settled) continue;
      job.abort(reason);
      this.untrack(job);
    }
    this.changed();
    this.pump();
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
    else {
      const delay = cause instanceof RetryLaterError ? Math.round(cause.delayMs) : retryDelay(job.backoff, job.attempt);
      this.settle({ kind: 'retry', job, error, cause, delay });
    }
  }

  private settle(outcome: Outcome): void {
    this.untrack(outcome.job);
    this.reports.add(outcome);
    this.changed();
    this.pump();
  }

  private untrack(job: RunningJob): void {
    job.settled = true;
    this.leased.delete(runKey(job));
    if (job.deadline) this.timed.delete(job);
    if (job.beganAt > 0) {
      this.running--;
      // A slower job raises the estimate at once, quicker ones lower it gradually: one slow
      // handler is enough to stop prefetching, so slow jobs are never hoarded for long.
      const ms = performance.now() - job.beganAt;
      const avg = this.avgDurationMs;
      this.avgDurationMs = this.samples === 0 || ms > avg ? ms : avg + DURATION_WEIGHT * (ms - avg);
      this.samples++;
    }
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
