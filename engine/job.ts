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
  /** absent for normal priority */
  priority?: 'high' | 'low';
  /** last progress the handler reported: a number (percent) or a small object */
  progress?: number | Record<string, unknown>;
  /** log lines stored for the job (newest kept) */
  logCount: number;
  /** ms a queued job may wait before it expires */
  ttl?: number;
  /** when a queued job expires (enqueuedAt + ttl) */
  expiresAt?: number;
  cancelReason?: string;
  dependsOn?: Dependency[];
  /** parents still unfinished while deferred */
  pendingDependencies?: number;
  uniqueKey?: string;
}

export interface Dependency {
  queue: string;
  id: string;
  allowFailure: boolean;
  /** the parent has ended (in a way that lets this job go on) */
  done: boolean;
}

/** A job without its payload, result and meta: what a list row needs, cheap to read. */
export interface JobSummary extends Omit<JobRecord, 'data' | 'dataError' | 'result' | 'meta' | 'backoff'> {
  /** size of the stored payload (UTF-8 bytes of its JSON) */
  dataBytes: number;
}

/** Hash fields read for a JobSummary (everything but data, result, meta and backoff). */
export const SUMMARY_FIELDS = [
  'task', 'status', 'created', 'enqueued', 'started', 'ended', 'due', 'attempts', 'maxAttempts', 'crashes',
  'timeout', 'resultTtl', 'failureTtl', 'description', 'error', 'worker', 'priority', 'progress', 'ttl',
  'cancelReason', 'pendingDeps', 'uniqueKey',
] as const;

export function decodeSummary(queue: string, id: string, values: (string | null)[], dataBytes: number): JobSummary {
  const h: Record<string, string> = {};
  SUMMARY_FIELDS.forEach((f, i) => {
    if (values[i] !== null) h[f] = values[i] as string;
  });
  const { data: _d, dataError: _e, result: _r, meta: _m, backoff: _b, dependsOn: _p, ...summary } = decodeJob(queue, id, h);
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
    ...decodeLifecycle(h),
  };
}

function decodeProgress(raw: string | undefined): JobRecord['progress'] {
  const value = parseJson(raw).value;
  if (typeof value === 'number' || (value !== null && typeof value === 'object')) return value as JobRecord['progress'];
  return undefined;
}

/** Parents are stored as fields "dep\n<queue>\n<id>" = w / W (waiting; W allows failure) / d (done). */
function decodeDependencies(h: Record<string, string>): Dependency[] | undefined {
  const deps: Dependency[] = [];
  for (const [field, value] of Object.entries(h)) {
    if (!field.startsWith('dep\n')) continue;
    const [, queue, id] = field.split('\n');
    deps.push({ queue, id, allowFailure: value === 'W', done: value === 'd' });
  }
  return deps.length > 0 ? deps : undefined;
}

function decodeLifecycle(h: Record<string, string>): Pick<JobRecord,
  'priority' | 'progress' | 'logCount' | 'ttl' | 'expiresAt' | 'cancelReason' | 'dependsOn' | 'pendingDependencies' | 'uniqueKey'> {
  const ttl = num(h.ttl);
  const enqueued = num(h.enqueued);
  return {
    priority: h.priority === 'high' || h.priority === 'low' ? h.priority : undefined,
    progress: decodeProgress(h.progress),
    logCount: 0,
    ttl,
    expiresAt: ttl !== undefined && enqueued !== undefined && h.status === 'queued' ? enqueued + ttl : undefined,
    cancelReason: h.cancelReason,
    dependsOn: decodeDependencies(h),
    pendingDependencies: h.status === 'deferred' ? num(h.pendingDeps) : undefined,
    uniqueKey: h.uniqueKey,
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
