/**
 * The job as stored (a Redis hash) and as read back for operators (JobRecord).
 */
import type { BackoffSpec } from './backoff';
import type { JobState } from './keys';

export interface JobError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
}

export interface JobRecord {
  id: string;
  queue: string;
  task: string;
  state: JobState;
  /** the payload, decoded; the raw text when it is not valid JSON (see dataError) */
  data: unknown;
  dataError?: string;
  createdAt: number;
  enqueuedAt?: number;
  startedAt?: number;
  endedAt?: number;
  /** when a scheduled job becomes due */
  dueAt?: number;
  /** times the job was started (claims), including the current one */
  attempts: number;
  maxAttempts: number;
  /** times a worker died holding it */
  crashes: number;
  timeout?: number;
  backoff?: BackoffSpec;
  resultTtl?: number;
  failureTtl?: number;
  description?: string;
  meta?: Record<string, unknown>;
  result?: unknown;
  /** the last error (of the final attempt for failed jobs, of the previous one otherwise) */
  error?: JobError;
  /** worker holding (or last holding) the lease */
  worker?: string;
  /** lease deadline (ms) while started */
  leaseExpiresAt?: number;
}

/** A job without its payload, result and meta: what a list row needs, cheap to read. */
export interface JobSummary extends Omit<JobRecord, 'data' | 'dataError' | 'result' | 'meta' | 'backoff'> {
  /** size of the stored payload (UTF-8 bytes of its JSON) */
  dataBytes: number;
}

/** Hash fields read for a JobSummary (everything but data, result, meta and backoff). */
export const SUMMARY_FIELDS = [
  'task', 'status', 'created', 'enqueued', 'started', 'ended', 'due', 'attempts', 'maxAttempts', 'crashes',
  'timeout', 'resultTtl', 'failureTtl', 'description', 'error', 'worker',
] as const;

export function decodeSummary(queue: string, id: string, values: (string | null)[], dataBytes: number): JobSummary {
  const h: Record<string, string> = {};
  SUMMARY_FIELDS.forEach((f, i) => {
    if (values[i] !== null) h[f] = values[i] as string;
  });
  const { data: _d, dataError: _e, result: _r, meta: _m, backoff: _b, ...summary } = decodeJob(queue, id, h);
  return { ...summary, dataBytes };
}

const num = (v: string | undefined): number | undefined => (v === undefined || v === '' ? undefined : Number(v));

function parseJson(raw: string | undefined): { value?: unknown; error?: string } {
  if (raw === undefined) return {};
  try {
    return { value: JSON.parse(raw) };
  } catch (e) {
    return { value: raw, error: e instanceof Error ? e.message : String(e) };
  }
}

function parseError(raw: string | undefined): JobError | undefined {
  if (raw === undefined) return undefined;
  const { value } = parseJson(raw);
  if (value && typeof value === 'object' && 'message' in value) return value as JobError;
  return { name: 'Error', message: String(raw) };
}

/** Decodes a job hash. Tolerates missing and malformed fields: operators must see every job. */
export function decodeJob(queue: string, id: string, h: Record<string, string>): JobRecord {
  const data = parseJson(h.data);
  const meta = parseJson(h.meta).value;
  return {
    id,
    queue,
    task: h.task ?? '',
    state: (h.status ?? 'queued') as JobState,
    data: data.value,
    ...(data.error !== undefined && { dataError: data.error }),
    createdAt: num(h.created) ?? 0,
    enqueuedAt: num(h.enqueued),
    startedAt: num(h.started),
    endedAt: num(h.ended),
    dueAt: num(h.due),
    attempts: num(h.attempts) ?? 0,
    maxAttempts: num(h.maxAttempts) ?? 1,
    crashes: num(h.crashes) ?? 0,
    timeout: num(h.timeout),
    backoff: parseJson(h.backoff).value as BackoffSpec | undefined,
    resultTtl: num(h.resultTtl),
    failureTtl: num(h.failureTtl),
    description: h.description,
    meta: meta && typeof meta === 'object' ? (meta as Record<string, unknown>) : undefined,
    result: h.result === undefined ? undefined : parseJson(h.result).value,
    error: parseError(h.error),
    worker: h.worker,
  };
}

const MAX_STACK = 16 * 1024;
const MAX_MESSAGE = 8 * 1024;

/** What a failed attempt stores: name, message, stack (bounded), and code when there is one. */
export function encodeError(err: unknown): string {
  const e = err instanceof Error ? err : new Error(typeof err === 'string' ? err : safeString(err));
  const out: JobError = { name: e.name || 'Error', message: String(e.message).slice(0, MAX_MESSAGE) };
  if (e.stack) out.stack = e.stack.slice(0, MAX_STACK);
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out.code = String(code);
  return JSON.stringify(out);
}

function safeString(v: unknown): string {
  try {
    return `non-Error value thrown: ${JSON.stringify(v)}`;
  } catch {
    return `non-Error value thrown: ${String(v)}`;
  }
}
