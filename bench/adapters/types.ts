/**
 * The contract between the measurement processes and one Node queue system. One file per
 * system implements it; the measurements never touch a system's API directly.
 */

/** A tiny payload, the same for every system. `t` is the enqueue time (µs, monotonic clock). */
export interface Payload {
  i: number;
  t?: number;
}

export interface SystemOptions {
  redisUrl: string;
  queue: string;
  /** true: finished jobs are deleted at once; false: the system's default retention */
  remove: boolean;
}

export interface Producer {
  /** one bulk call with the system's own bulk or pipelined API */
  enqueueMany(payloads: Payload[]): Promise<void>;
  /** one job, the way an application enqueues a single job */
  enqueueOne(payload: Payload): Promise<void>;
  close(): Promise<void>;
}

export interface WorkerSpec {
  concurrency: number;
  /** the job handler: a no-op, or a probe that records when it started */
  handler(payload: Payload): void | Promise<void>;
  /** called once per job, after the system recorded its completion in Redis */
  onCompleted(): void;
}

export interface WorkerHandle {
  /** begin consuming; connects happen before, in `worker()` */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface QueueSystem {
  name: string;
  version: string;
  producer(options: SystemOptions): Promise<Producer>;
  /** a connected worker that does not consume yet */
  worker(options: SystemOptions, spec: WorkerSpec): Promise<WorkerHandle>;
}
