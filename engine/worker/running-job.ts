/**
 * A job leased to this worker: what the handler sees (JobContext) plus the lease it runs under.
 */
import type { BackoffSpec } from '../backoff';

export interface JobContext<Data = unknown> {
  readonly id: string;
  readonly queue: string;
  readonly task: string;
  readonly data: Data;
  /** 1 for the first run, 2 for the first retry... */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** aborted when the job times out, its lease is lost, or the worker stops without waiting */
  readonly signal: AbortSignal;
}

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

  abort(reason: Error): void {
    this.controller ??= new AbortController();
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }
}
