/**
 * The JSON shapes the API returns: shared by the route handlers (server) and the UI (browser).
 * Types only; times are epoch milliseconds (UTC), durations and TTLs milliseconds.
 */

export type JobState = 'queued' | 'scheduled' | 'deferred' | 'started' | 'finished' | 'failed' | 'canceled';

export type StateCounts = Record<JobState, number>;

export type JobPriority = 'high' | 'normal' | 'low';

/** States whose jobs `POST /requeue` moves back to queued. */
export type RequeueState = 'failed' | 'canceled' | 'finished';

export interface ApiErrorBody {
  error: { code: string; message: string };
}

export interface QueueSummaryDto {
  name: string;
  counts: StateCounts;
  paused: boolean;
  /** jobs finished / failed since stats began (not reduced by retention) */
  finishedTotal: number;
  failedTotal: number;
}

export interface QueuesResponse {
  queues: QueueSummaryDto[];
  workers: { online: number };
}

export interface ErrorSummaryDto {
  name: string;
  /** first line of the message, truncated */
  message: string;
}

export interface JobRowDto {
  id: string;
  task: string;
  state: JobState;
  createdAt: number;
  enqueuedAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  /** when a scheduled job becomes due */
  dueAt: number | null;
  attempts: number;
  maxAttempts: number;
  error: ErrorSummaryDto | null;
  payloadBytes: number;
  description: string | null;
  priority: JobPriority;
  /** percent 0-100 when the handler reports a number; null otherwise (object progress is on the job page) */
  progress: number | null;
  /** why it was canceled (canceled jobs), truncated */
  cancelReason: string | null;
}

export interface JobsResponse {
  queue: string;
  state: JobState;
  page: number;
  pageSize: number;
  total: number;
  /** ids on this page whose job record is gone (expired or deleted meanwhile) */
  missing: number;
  /** server clock, for ages */
  now: number;
  jobs: JobRowDto[];
}

export interface JobErrorDto {
  name: string;
  message: string;
  stack: string | null;
  code: string | null;
}

export interface JsonTextDto {
  /** pretty-printed JSON (or the raw stored text when it is not JSON) */
  text: string;
  /** true when `text` was cut at the server's cap */
  truncated: boolean;
  bytes: number;
}

/** A job's progress: a number is a percentage (a bar), an object is shown as JSON. */
export type ProgressDto = { kind: 'percent'; percent: number } | { kind: 'json'; json: JsonTextDto };

/** A job this one waits for. */
export interface DependencyDto {
  queue: string;
  id: string;
  /** the dependent runs even when this parent fails or is canceled */
  allowFailure: boolean;
  /** the parent has ended in a way that lets this job go on */
  done: boolean;
}

export type BackoffDto =
  | { type: 'fixed'; delay: number; jitter?: number }
  | { type: 'exponential'; delay: number; maxDelay?: number; jitter?: number }
  | { type: 'intervals'; intervals: number[]; jitter?: number };

export interface JobDetailDto {
  id: string;
  queue: string;
  task: string;
  state: JobState;
  description: string | null;
  payload: JsonTextDto;
  /** why the stored payload is not valid JSON (payload.text is then the raw text) */
  dataError: string | null;
  result: JsonTextDto | null;
  error: JobErrorDto | null;
  meta: JsonTextDto | null;
  createdAt: number;
  enqueuedAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  dueAt: number | null;
  attempts: number;
  maxAttempts: number;
  crashes: number;
  /** worker holding (or last holding) the lease */
  worker: string | null;
  leaseExpiresAt: number | null;
  /** ms; -1 = no limit; null = the worker's default */
  timeout: number | null;
  backoff: BackoffDto | null;
  /** ms; -1 = kept forever; null = the default */
  resultTtl: number | null;
  failureTtl: number | null;
  priority: JobPriority;
  progress: ProgressDto | null;
  /** log lines stored (the newest are kept, up to the engine's cap) */
  logCount: number;
  /** ms a queued job may wait to be started; null = no limit */
  ttl: number | null;
  /** the ttl deadline while queued: failed with JobExpired if not started by then */
  expiresAt: number | null;
  uniqueKey: string | null;
  cancelReason: string | null;
  canceledAt: number | null;
  dependsOn: DependencyDto[];
  /** parents not yet resolved, while deferred */
  pendingDependencies: number | null;
  now: number;
}

export interface JobLogsResponse {
  /** oldest first; each line is plain text */
  lines: string[];
  /** index of lines[0] among the stored lines */
  offset: number;
  /** lines stored */
  total: number;
}

export interface ActionOk {
  ok: true;
}
export interface DeleteJobResponse {
  deleted: true;
  state: JobState;
}
export interface CancelJobResponse {
  canceled: true;
  /** the state the job was in */
  state: JobState;
}
export interface PausedResponse {
  queue: string;
  paused: boolean;
}
export interface RequeueResponse {
  state: RequeueState;
  requeued: number;
}
export interface RetryFailedResponse {
  retried: number;
}
export interface EmptyQueueResponse {
  deleted: number;
}

export interface WorkerDto {
  name: string;
  host: string;
  pid: number;
  queues: string[];
  concurrency: number;
  state: string;
  running: number;
  jobs: { queue: string; id: string; task: string }[];
  processed: number;
  failed: number;
  startedAt: number;
  heartbeatAt: number;
  version: string;
}

export interface WorkersResponse {
  workers: WorkerDto[];
  now: number;
}

export interface ThroughputPointDto {
  /** bucket start */
  t: number;
  finished: number;
  failed: number;
  retried: number;
}

export interface BacklogDto {
  /** charted queues, largest backlog first */
  queues: string[];
  /** true when the last value of each point sums the remaining queues */
  other: boolean;
  /** counts[i] is the queued length of queues[i] (then "other") at the end of bucket t */
  points: { t: number; counts: number[] }[];
}

export interface StatsResponse {
  bucketMs: number;
  windowSeconds: number;
  throughput: ThroughputPointDto[];
  backlog: BacklogDto;
  now: number;
}

export interface HealthResponse {
  ok: boolean;
  redis: 'up' | 'down';
  latencyMs: number | null;
}
