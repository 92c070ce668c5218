import 'server-only';
/**
 * Engine records -> the DTOs of lib/wire.ts. List rows stay small (no payloads); the detail
 * carries payload, result and meta as pretty-printed JSON text, capped so one huge job cannot
 * stall the browser.
 */
import type { JobRecord, JobState as EngineJobState, JobSummary, WorkerInfo } from '@/engine';
import type { DependencyDto, JobDetailDto, JobPriority, JobRowDto, JobState, JsonTextDto, ProgressDto, WorkerDto } from './wire';

// Compile-time proof that the wire's state list is the engine's.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const statesMatch: Same<EngineJobState, JobState> = true;
void statesMatch;

export const MAX_JSON_TEXT = 256 * 1024;
export const MAX_DESCRIPTION_ROW = 160;
export const MAX_ERROR_SUMMARY = 200;
export const MAX_CANCEL_REASON_ROW = 200;


/** Cuts `text` to `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function truncateMaybe(text: string | undefined, max: number): string | undefined {
  return text === undefined ? undefined : truncate(String(text), max);
}

function firstLine(text: string): string {
  const newline = text.search(/\r?\n/);
  return newline < 0 ? text : text.slice(0, newline);
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

/** Absent (or anything unexpected) is normal priority. */
function priorityOf(value: unknown): JobPriority {
  return value === 'high' || value === 'low' ? value : 'normal';
}

/** A numeric progress as a percentage clamped to 0-100; null for anything else. */
export function progressPercent(progress: unknown): number | null {
  if (typeof progress !== 'number' || !Number.isFinite(progress)) return null;
  return Math.min(100, Math.max(0, progress));
}

export function toProgress(progress: unknown): ProgressDto | null {
  if (progress === undefined || progress === null) return null;
  const percent = progressPercent(progress);
  if (percent !== null) return { kind: 'percent', percent };
  // A non-finite number is no percentage; anything else is the handler's own object.
  return typeof progress === 'number' ? null : { kind: 'json', json: jsonText(progress) };
}

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
    priority: priorityOf(job.priority),
    progress: progressPercent(job.progress),
    cancelReason: job.state === 'canceled' ? orNull(truncateMaybe(job.cancelReason, MAX_CANCEL_REASON_ROW)) : null,
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
    ...lifecycleDetail(job),
    now,
  };
}

function lifecycleDetail(job: JobRecord) {
  // A stable order (the engine reads parents from hash fields, whose order Redis does not keep).
  const dependsOn: DependencyDto[] = (job.dependsOn ?? [])
    .map((d) => ({ queue: d.queue, id: d.id, allowFailure: d.allowFailure, done: d.done }))
    .sort((a, b) => a.queue.localeCompare(b.queue) || a.id.localeCompare(b.id));
  return {
    priority: priorityOf(job.priority),
    progress: toProgress(job.progress),
    logCount: job.logCount,
    ttl: orNull(job.ttl),
    expiresAt: orNull(job.expiresAt),
    uniqueKey: orNull(job.uniqueKey),
    cancelReason: orNull(job.cancelReason),
    // The engine records the cancel time as the job's end time.
    canceledAt: job.state === 'canceled' ? orNull(job.endedAt) : null,
    dependsOn,
    pendingDependencies: orNull(job.pendingDependencies),
  };
}

export function toWorker(w: WorkerInfo): WorkerDto {
  return { ...w, queues: [...w.queues], jobs: w.jobs.map((j) => ({ queue: j.queue, id: j.id, task: j.task })) };
}
