/**
 * Conveyor engine: the public API. Nothing outside engine/ imports any other engine file.
 */
export { Queue, MAX_PAGE_SIZE } from './queue';
export type { QueueOptions, EnqueueResult, JobSpec, Page, RequeueState } from './queue';
export { EVENT_NAMES } from './events';
export type { QueueEvent, EventName } from './events';
export { Worker } from './worker/worker';
export type { WorkerOptions, Logger } from './worker/settings';
export { DEFAULT_RESULT_TTL, DEFAULT_FAILURE_TTL } from './worker/settings';
export type { JobContext, Handler } from './worker/running-job';
export type { Task, TaskDefinition } from './worker/hooks';
export { DEFAULT_KEEP } from './worker/settings';
export { UnrecoverableError, DeserializationError, RetryLaterError } from './worker/executor';
export type { JobOptions, Priority, UniqueOptions, Dependency as DependencyOption } from './options';
export { validateTimeout, validateTtl } from './options';
export type { RetryOptions, BackoffSpec } from './backoff';
export { retryDelay } from './backoff';
export type { JobRecord, JobError, JobSummary, Dependency } from './job';
export { Inspector } from './inspector';
export type { QueueSummary, WorkerInfo, StatsSeries } from './inspector';
export { JOB_STATES, DEFAULT_PREFIX, validateQueueName, validateJobId } from './keys';
export type { JobState } from './keys';
export type { ConnectionOptions } from './connection';
export {
  ConveyorError, ValidationError, PayloadError, JobNotFoundError, QueueNotFoundError, InvalidStateError,
  LeaseLostError, NoHandlerError, TimeoutError, ClosedError, CanceledError, WaitTimeoutError,
} from './errors';
export type { ErrorCode } from './errors';
export { checkConsistency, assertConsistent } from './consistency';
export type { ConsistencyReport } from './consistency';
