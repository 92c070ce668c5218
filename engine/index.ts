/**
 * Conveyor engine: the public API. Nothing outside engine/ imports any other engine file.
 */
export { Queue, MAX_PAGE_SIZE } from './queue';
export type { QueueOptions, EnqueueResult, JobSpec, Page } from './queue';
export { Worker } from './worker/worker';
export type { WorkerOptions, Logger } from './worker/settings';
export { DEFAULT_RESULT_TTL, DEFAULT_FAILURE_TTL } from './worker/settings';
export type { JobContext, Handler } from './worker/running-job';
export { UnrecoverableError, DeserializationError } from './worker/executor';
export type { JobOptions } from './options';
export { validateTimeout, validateTtl } from './options';
export type { RetryOptions, BackoffSpec } from './backoff';
export { retryDelay } from './backoff';
export type { JobRecord, JobError, JobSummary } from './job';
export { Inspector } from './inspector';
export type { QueueSummary, WorkerInfo, StatsSeries } from './inspector';
export { JOB_STATES, DEFAULT_PREFIX, validateQueueName, validateJobId } from './keys';
export type { JobState } from './keys';
export type { ConnectionOptions } from './connection';
export {
  ConveyorError, ValidationError, PayloadError, JobNotFoundError, QueueNotFoundError, InvalidStateError,
  LeaseLostError, NoHandlerError, TimeoutError, ClosedError,
} from './errors';
export type { ErrorCode } from './errors';
export { checkConsistency, assertConsistent } from './consistency';
export type { ConsistencyReport } from './consistency';
