/**
 * A job leased to this worker: what the handler sees (JobContext) plus the lease it runs under.
 */
import type { BackoffSpec } from '../backoff';
import { ValidationError } from '../errors';
import { toJson } from '../payload';

export interface JobContext<Data = unknown> {
  readonly id: string;
  readonly queue: string;
  readonly task: string;
  readonly data: Data;
  /** 1 for the first run, 2 for the first retry... */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** aborted when the job times out, is canceled, its lease is lost, or the worker stops without waiting */
  readonly signal: AbortSignal;
  /** stores progress on the job (a number, shown as a percentage, or a small JSON object) and emits an event */
  updateProgress(progress: number | Record<string, unknown>): Promise<void>;
  /** appends a line to the job's log (the newest 1000 lines are kept, each cut at 2000 characters) */
  log(line: string): Promise<void>;
}

/** Where a running job's progress and log lines go (the worker's connection). */
export interface JobReporter {
  progress(job: RunningJob, json: string): Promise<void>;
  log(job: RunningJob, line: string): Promise<void>;
}

const MAX_PROGRESS_BYTES = 16 * 1024;
export const MAX_LOG_LINE = 2000;

export type Handler<Data = any, Result = unknown> = (job: JobContext<Data>) => Result | Promise<Result>;

export class RunningJob implements JobContext {
  data: unknown = undefined;
  /** set once the job's outcome is decided; later outcomes (a late handler) are ignored */
  settled = false;
  /** ms (local clock) after which the job times out; 0 = no limit */
  deadline = 0;
  /** performance.now() when its handler started; 0 while it waits for a slot */
  beganAt = 0;
  private controller: AbortController | undefined;
  reporter: JobReporter | undefined;

  constructor(
    readonly queue: string,
    readonly id: string,
    readonly token: string,
    readonly attempt: number,
    readonly task: string,
    readonly rawData: string,
    readonly timeout: number,
    readonly maxAttempts: number,
    readonly backoff: BackoffSpec | undefined,
  ) {}

  /** Created on first use: most handlers never look at it, and it costs an allocation per job. */
  get signal(): AbortSignal {
    this.controller ??= new AbortController();
    return this.controller.signal;
  }

  async updateProgress(progress: number | Record<string, unknown>): Promise<void> {
    const ok = typeof progress === 'number' ? Number.isFinite(progress) : typeof progress === 'object' && progress !== null && !Array.isArray(progress);
    if (!ok) throw new ValidationError('progress must be a finite number or a plain object', 'progress');
    await this.reporter?.progress(this, toJson(progress, 'progress', MAX_PROGRESS_BYTES));
  }

  async log(line: string): Promise<void> {
    const text = typeof line === 'string' ? line : String(line);
    await this.reporter?.log(this, text.length > MAX_LOG_LINE ? `${text.slice(0, MAX_LOG_LINE)}…` : text);
  }

  abort(reason: Error): void {
    this.controller ??= new AbortController();
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }
}
