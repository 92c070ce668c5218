/**
 * Typed errors. Every error the engine throws on purpose carries a stable `code`; the dashboard
 * maps codes to HTTP statuses in one place (lib/http.ts).
 */
export type ErrorCode =
  | 'VALIDATION_ERROR'
  | 'PAYLOAD_NOT_JSON'
  | 'JOB_NOT_FOUND'
  | 'QUEUE_NOT_FOUND'
  | 'INVALID_STATE'
  | 'LEASE_LOST'
  | 'NO_HANDLER'
  | 'TIMEOUT'
  | 'CLOSED'
  | 'CANCELED';

export class ConveyorError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = new.target.name;
  }
}

/** An argument or option is malformed; `field` names it (e.g. `retry.backoff.delay`). */
export class ValidationError extends ConveyorError {
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super('VALIDATION_ERROR', message);
    this.field = field;
  }
}

/** The payload (or a result) holds a value JSON cannot carry faithfully; `path` points at it. */
export class PayloadError extends ConveyorError {
  readonly path: string;
  constructor(path: string, what: string) {
    super('PAYLOAD_NOT_JSON', `${path} is ${what}, which JSON cannot carry faithfully`);
    this.path = path;
  }
}

export class JobNotFoundError extends ConveyorError {
  constructor(readonly queue: string, readonly jobId: string) {
    super('JOB_NOT_FOUND', `job ${JSON.stringify(jobId)} not found in queue ${JSON.stringify(queue)}`);
  }
}

export class QueueNotFoundError extends ConveyorError {
  constructor(readonly queue: string) {
    super('QUEUE_NOT_FOUND', `queue ${JSON.stringify(queue)} not found`);
  }
}

/** The job exists but is not in a state that allows the operation (e.g. retrying a queued job). */
export class InvalidStateError extends ConveyorError {
  constructor(readonly jobId: string, readonly state: string, operation: string) {
    super('INVALID_STATE', `cannot ${operation} job ${JSON.stringify(jobId)}: it is ${state}`);
  }
}

/** A worker reported on a job whose lease it no longer holds; its report was discarded. */
export class LeaseLostError extends ConveyorError {
  constructor(readonly jobId: string) {
    super('LEASE_LOST', `lease on job ${JSON.stringify(jobId)} was lost; the report was discarded`);
  }
}

/** Thrown into a job when no handler is registered for its task. */
export class NoHandlerError extends ConveyorError {
  constructor(readonly task: string) {
    super('NO_HANDLER', `no handler registered for task ${JSON.stringify(task)}`);
  }
}

/** The job ran past its timeout; its AbortSignal was aborted with this reason. */
export class TimeoutError extends ConveyorError {
  constructor(readonly timeoutMs: number) {
    super('TIMEOUT', `job exceeded its timeout of ${timeoutMs} ms`);
  }
}

export class ClosedError extends ConveyorError {
  constructor(what: string) {
    super('CLOSED', `${what} is closed`);
  }
}

/** The job was canceled; a running handler's AbortSignal is aborted with this reason. */
export class CanceledError extends ConveyorError {
  constructor(readonly jobId: string, readonly reason: string) {
    super('CANCELED', `job ${JSON.stringify(jobId)} was canceled${reason ? `: ${reason}` : ''}`);
  }
}

/** waitUntilFinished gave up before the job ended. */
export class WaitTimeoutError extends ConveyorError {
  constructor(readonly jobId: string, readonly timeoutMs: number) {
    super('TIMEOUT', `job ${JSON.stringify(jobId)} did not end within ${timeoutMs} ms`);
  }
}
