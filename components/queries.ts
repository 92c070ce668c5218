/**
 * react-query hooks for every API read and action. Reads poll every POLL_MS while the tab is
 * visible (react-query never starts a poll while the previous one for the same key runs);
 * actions invalidate what they change so the screen updates at once.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActionOk, CancelJobResponse, DeleteJobResponse, EmptyQueueResponse, HealthResponse, JobDetailDto, JobLogsResponse, JobsResponse,
  JobState, PausedResponse, QueuesResponse, RequeueResponse, RequeueState, RetryFailedResponse, StatsResponse, WorkersResponse,
} from '@/lib/wire';
import { apiFetch, endpoints } from './api';

export const POLL_MS = 2000;

export const keys = {
  queues: ['queues'] as const,
  jobsOf: (queue: string) => ['jobs', queue] as const,
  jobs: (queue: string, state: JobState, page: number, pageSize: number) => ['jobs', queue, state, page, pageSize] as const,
  jobsOfQueue: (queue: string) => ['job', queue] as const,
  job: (queue: string, id: string) => ['job', queue, id] as const,
  logs: (queue: string, id: string, limit: number) => ['job', queue, id, 'logs', limit] as const,
  workers: ['workers'] as const,
  stats: (windowSeconds: number) => ['stats', windowSeconds] as const,
  health: ['health'] as const,
};

const polling = { refetchInterval: POLL_MS, refetchIntervalInBackground: false } as const;

export function useQueues() {
  return useQuery({ queryKey: keys.queues, queryFn: ({ signal }) => apiFetch<QueuesResponse>(endpoints.queues(), { signal }), ...polling });
}

export function useJobs(queue: string, state: JobState, page: number, pageSize: number) {
  return useQuery({
    queryKey: keys.jobs(queue, state, page, pageSize),
    queryFn: ({ signal }) => apiFetch<JobsResponse>(endpoints.jobs(queue, { state, page, pageSize }), { signal }),
    placeholderData: (previous) => (previous?.queue === queue && previous.state === state ? previous : undefined),
    ...polling,
  });
}

export function useJob(queue: string, id: string, enabled = true) {
  return useQuery({
    queryKey: keys.job(queue, id),
    queryFn: ({ signal }) => apiFetch<JobDetailDto>(endpoints.job(queue, id), { signal }),
    enabled,
    ...polling,
  });
}

/**
 * The newest `limit` log lines of a job. Polls only while `live` (the job is running or waiting
 * to); `logCount` in the key refetches at once whenever the job page sees the count change.
 */
export function useJobLogs(queue: string, id: string, limit: number, live: boolean, logCount: number) {
  return useQuery({
    queryKey: [...keys.logs(queue, id, limit), logCount] as const,
    queryFn: ({ signal }) => apiFetch<JobLogsResponse>(endpoints.logs(queue, id, { limit }), { signal }),
    placeholderData: (previous) => previous,
    refetchInterval: live ? POLL_MS : false,
    refetchIntervalInBackground: false,
  });
}

export function useWorkers() {
  return useQuery({ queryKey: keys.workers, queryFn: ({ signal }) => apiFetch<WorkersResponse>(endpoints.workers(), { signal }), ...polling });
}

export function useStats(windowSeconds: number) {
  return useQuery({
    queryKey: keys.stats(windowSeconds),
    queryFn: ({ signal }) => apiFetch<StatsResponse>(endpoints.stats(windowSeconds), { signal }),
    ...polling,
  });
}

export function useHealth() {
  return useQuery({
    queryKey: keys.health,
    queryFn: ({ signal }) => apiFetch<HealthResponse>(endpoints.health(), { signal, acceptStatuses: [503] }),
    meta: { live: false },
    ...polling,
  });
}

/** Everything an action on `queue` may have changed. */
function useInvalidateQueue() {
  const client = useQueryClient();
  return (queue: string) =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.queues }),
      client.invalidateQueries({ queryKey: keys.jobsOf(queue) }),
      client.invalidateQueries({ queryKey: keys.jobsOfQueue(queue) }),
      client.invalidateQueries({ queryKey: ['stats'] }),
    ]);
}

export function useRetryJob(queue: string, id: string) {
  const invalidate = useInvalidateQueue();
  return useMutation({
    mutationFn: () => apiFetch<ActionOk>(endpoints.retryJob(queue, id), { method: 'POST' }),
    onSettled: () => invalidate(queue),
  });
}

export function useDeleteJob(queue: string, id: string) {
  const client = useQueryClient();
  const invalidate = useInvalidateQueue();
  return useMutation({
    mutationFn: () => apiFetch<DeleteJobResponse>(endpoints.job(queue, id), { method: 'DELETE' }),
    onSuccess: () => client.removeQueries({ queryKey: keys.job(queue, id), exact: true }),
    onSettled: () => invalidate(queue),
  });
}

export function useRetryAllFailed(queue: string) {
  const invalidate = useInvalidateQueue();
  return useMutation({
    mutationFn: () => apiFetch<RetryFailedResponse>(endpoints.retryFailed(queue), { method: 'POST' }),
    onSettled: () => invalidate(queue),
  });
}

export function useEmptyQueue(queue: string) {
  const invalidate = useInvalidateQueue();
  return useMutation({
    mutationFn: () => apiFetch<EmptyQueueResponse>(endpoints.empty(queue), { method: 'POST' }),
    onSettled: () => invalidate(queue),
  });
}

export function useCancelJob(queue: string, id: string) {
  const invalidate = useInvalidateQueue();
  return useMutation({
    mutationFn: (reason: string | undefined) =>
      apiFetch<CancelJobResponse>(endpoints.cancelJob(queue, id), { method: 'POST', body: reason ? { reason } : {} }),
    onSettled: () => invalidate(queue),
  });
}

/** Run now: for one scheduled job (the id is the mutation's variable, so a table row can share it). */
export function useRunNow(queue: string) {
  const invalidate = useInvalidateQueue();
  return useMutation({
    mutationFn: (id: string) => apiFetch<ActionOk>(endpoints.runNow(queue, id), { method: 'POST' }),
    onSettled: () => invalidate(queue),
  });
}

export function useRequeueAll(queue: string, state: RequeueState) {
  const invalidate = useInvalidateQueue();
  return useMutation({
    mutationFn: () => apiFetch<RequeueResponse>(endpoints.requeue(queue), { method: 'POST', body: { state } }),
    onSettled: () => invalidate(queue),
  });
}

/** Pause (true) or resume (false) a queue. */
export function useSetPaused(queue: string) {
  const invalidate = useInvalidateQueue();
  return useMutation({
    mutationFn: (paused: boolean) => apiFetch<PausedResponse>(paused ? endpoints.pause(queue) : endpoints.resume(queue), { method: 'POST' }),
    onSettled: () => invalidate(queue),
  });
}
