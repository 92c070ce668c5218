/**
 * react-query hooks for every API read and action. Reads poll every POLL_MS while the tab is
 * visible (react-query never starts a poll while the previous one for the same key runs);
 * actions invalidate what they change so the screen updates at once.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActionOk, DeleteJobResponse, EmptyQueueResponse, HealthResponse, JobDetailDto, JobsResponse, JobState, QueuesResponse,
  RetryFailedResponse, StatsResponse, WorkersResponse,
} from '@/lib/wire';
import { apiFetch, endpoints } from './api';

export const POLL_MS = 2000;

export const keys = {
  queues: ['queues'] as const,
  jobsOf: (queue: string) => ['jobs', queue] as const,
  jobs: (queue: string, state: JobState, page: number, pageSize: number) => ['jobs', queue, state, page, pageSize] as const,
  jobsOfQueue: (queue: string) => ['job', queue] as const,
  job: (queue: string, id: string) => ['job', queue, id] as const,
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
