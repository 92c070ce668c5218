/**
 * The one door from the browser to the dashboard API. Every request goes through `apiFetch`, so
 * mounting the dashboard under a base path is a change to API_BASE alone.
 */
import type { ApiErrorBody, JobState } from '@/lib/wire';

/** Prefix of every API URL ('' = served at the site root). */
export const API_BASE = '';

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached at all */
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Network failures and server errors: the data on screen may be out of date. */
  get isOutage(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

const seg = encodeURIComponent;

/** API paths, one path segment encoded at a time (queue names and ids may hold '/', '%', '#'...). */
export const endpoints = {
  queues: () => '/api/queues',
  jobs: (queue: string, q: { state: JobState; page: number; pageSize: number }) =>
    `/api/queues/${seg(queue)}/jobs?${new URLSearchParams({ state: q.state, page: String(q.page), pageSize: String(q.pageSize) })}`,
  job: (queue: string, id: string) => `/api/queues/${seg(queue)}/jobs/${seg(id)}`,
  retryJob: (queue: string, id: string) => `/api/queues/${seg(queue)}/jobs/${seg(id)}/retry`,
  cancelJob: (queue: string, id: string) => `/api/queues/${seg(queue)}/jobs/${seg(id)}/cancel`,
  runNow: (queue: string, id: string) => `/api/queues/${seg(queue)}/jobs/${seg(id)}/run-now`,
  logs: (queue: string, id: string, q: { limit: number; offset?: number }) =>
    `/api/queues/${seg(queue)}/jobs/${seg(id)}/logs?${new URLSearchParams({ limit: String(q.limit), ...(q.offset !== undefined && { offset: String(q.offset) }) })}`,
  retryFailed: (queue: string) => `/api/queues/${seg(queue)}/retry-failed`,
  requeue: (queue: string) => `/api/queues/${seg(queue)}/requeue`,
  empty: (queue: string) => `/api/queues/${seg(queue)}/empty`,
  pause: (queue: string) => `/api/queues/${seg(queue)}/pause`,
  resume: (queue: string) => `/api/queues/${seg(queue)}/resume`,
  workers: () => '/api/workers',
  stats: (windowSeconds: number) => `/api/stats?window=${windowSeconds}`,
  health: () => '/api/health',
};

async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as Partial<ApiErrorBody>;
    if (body.error) return new ApiError(response.status, body.error.code, body.error.message);
  } catch {
    // not our JSON error body (a proxy's HTML page, say): fall through
  }
  return new ApiError(response.status, 'HTTP_ERROR', `${response.status} ${response.statusText}`);
}

export interface ApiFetchOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  signal?: AbortSignal;
  /** sent as JSON (actions that take parameters, e.g. a cancel reason) */
  body?: unknown;
  /** statuses whose JSON body is still the answer (the health check's 503) */
  acceptStatuses?: number[];
}

export async function apiFetch<T>(path: string, options: ApiFetchOptions = {}): Promise<T> {
  let response: Response;
  try {
    const json = options.body !== undefined;
    response = await fetch(API_BASE + path, {
      method: options.method ?? 'GET',
      signal: options.signal,
      cache: 'no-store',
      headers: json ? { Accept: 'application/json', 'Content-Type': 'application/json' } : { Accept: 'application/json' },
      body: json ? JSON.stringify(options.body) : undefined,
    });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new ApiError(0, 'NETWORK_ERROR', 'the dashboard server cannot be reached');
  }
  if (!response.ok && !options.acceptStatuses?.includes(response.status)) throw await errorFrom(response);
  return (await response.json()) as T;
}
