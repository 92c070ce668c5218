import 'server-only';
/**
 * Engine records -> the DTOs of lib/wire.ts. List rows stay small (no payloads); the detail
 * carries payload, result and meta as pretty-printed JSON text, capped so one huge job cannot
 * stall the browser.
 */
import type { JobRecord, JobState as EngineJobState, JobSummary, WorkerInfo } from '@/engine';
import type { JobDetailDto, JobRowDto, JobState, JsonTextDto, WorkerDto } from './wire';

// Compile-time proof that the wire's state list is the engine's.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const statesMatch: Same<EngineJobState, JobState> = true;
void statesMatch;

export const MAX_JSON_TEXT = 256 * 1024;
export const MAX_DESCRIPTION_ROW = 160;
export const MAX_ERROR_SUMMARY = 200;

/** Cuts `text` to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function firstLine(text: string): string {
  const newline = text.search(/\r?\n/);
  return newline < 0 ? text : text.slice(0, newline);
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/** Fields rows and details share: identity, times, attempts. */
function basics(job: JobRecord | JobSummary) {
  return {
    id: job.id,
    task: job.task,
    state: job.state,
    createdAt: job.createdAt,
    enqueuedAt: orNull(job.enqueuedAt),
    startedAt: orNull(job.startedAt),
    endedAt: orNull(job.endedAt),
    dueAt: orNull(job.dueAt),
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
  };
}

export function toJobRow(job: JobSummary): JobRowDto {
  return {
    ...basics(job),
    error: job.error
      ? { name: truncate(String(job.error.name), 80), message: truncate(firstLine(String(job.error.message)), MAX_ERROR_SUMMARY) }
      : null,
    payloadBytes: job.dataBytes,
    description: job.description === undefined ? null : truncate(job.description, MAX_DESCRIPTION_ROW),
  };
}

/** Text of a value for display: pretty JSON, capped at MAX_JSON_TEXT characters. */
export function jsonText(value: unknown, raw = false): JsonTextDto {
  const full = raw ? String(value) : (JSON.stringify(value, null, 2) ?? String(value));
  const truncated = full.length > MAX_JSON_TEXT;
  return {
    text: truncated ? full.slice(0, MAX_JSON_TEXT) : full,
    truncated,
    bytes: Buffer.byteLength(full, 'utf8'),
  };
}

export function toJobDetail(job: JobRecord, now = Date.now()): JobDetailDto {
  const raw = job.dataError !== undefined;
  return {
    ...basics(job),
    queue: job.queue,
    description: orNull(job.description),
    payload: jsonText(raw ? job.data : (job.data ?? null), raw),
    dataError: orNull(job.dataError),
    result: job.result === undefined ? null : jsonText(job.result),
    error: job.error
      ? { name: String(job.error.name), message: String(job.error.message), stack: orNull(job.error.stack), code: orNull(job.error.code) }
      : null,
    meta: job.meta === undefined ? null : jsonText(job.meta),
    crashes: job.crashes,
    worker: orNull(job.worker),
    leaseExpiresAt: job.state === 'started' ? orNull(job.leaseExpiresAt) : null,
    timeout: orNull(job.timeout),
    backoff: orNull(job.backoff),
    resultTtl: orNull(job.resultTtl),
    failureTtl: orNull(job.failureTtl),
    now,
  };
}

export function toWorker(w: WorkerInfo): WorkerDto {
  return { ...w, queues: [...w.queues], jobs: w.jobs.map((j) => ({ queue: j.queue, id: j.id, task: j.task })) };
}
