import 'server-only';
/**
 * The dashboard's reads and operator actions on queues and jobs, over the engine's public API.
 * Every function costs a bounded number of Redis round trips (O(page) for lists).
 */
import { JobNotFoundError } from '@/engine';
import { inspector, queue } from './engine';
import type { JobListQuery, LogsQuery } from './params';
import { toJobDetail, toJobRow } from './serialize';
import type {
  ActionOk, CancelJobResponse, DeleteJobResponse, EmptyQueueResponse, JobDetailDto, JobLogsResponse, JobsResponse, PausedResponse,
  QueuesResponse, RequeueResponse, RequeueState, RetryFailedResponse,
} from './wire';

export async function listQueues(): Promise<QueuesResponse> {
  const [queues, workers] = await Promise.all([inspector().listQueues(), inspector().listWorkers()]);
  return {
    queues: queues.map((q) => ({ name: q.name, counts: { ...q.counts }, paused: q.paused, finishedTotal: q.finishedTotal, failedTotal: q.failedTotal })),
    workers: { online: workers.length },
  };
}

/** Throws QueueNotFoundError (404) for a queue the engine does not know. */
export async function assertQueueExists(name: string): Promise<void> {
  await queue(name);
}

export async function listJobs(name: string, query: JobListQuery): Promise<JobsResponse> {
  const q = await queue(name);
  const { state, page, pageSize } = query;
  const { ids, total } = await q.listJobIds(state, (page - 1) * pageSize, pageSize);
  const jobs = await q.getJobSummaries(ids);
  return {
    queue: name,
    state,
    page,
    pageSize,
    total,
    missing: ids.length - jobs.length,
    now: Date.now(),
    jobs: jobs.map(toJobRow),
  };
}

export async function getJobDetail(name: string, id: string): Promise<JobDetailDto> {
  const q = await queue(name);
  const job = await q.getJob(id);
  if (!job) throw new JobNotFoundError(name, id);
  return toJobDetail(job);
}

/** Requeues a failed, finished or canceled job; the engine answers INVALID_STATE (409) otherwise. */
export async function retryJob(name: string, id: string): Promise<{ ok: true }> {
  await (await queue(name)).retryJob(id);
  return { ok: true };
}

export async function deleteJob(name: string, id: string): Promise<DeleteJobResponse> {
  const state = await (await queue(name)).deleteJob(id);
  return { deleted: true, state };
}

export async function retryAllFailed(name: string): Promise<RetryFailedResponse> {
  return { retried: await (await queue(name)).retryAllFailed() };
}

/** Deletes the jobs waiting in `queued`; other states are left alone (that is the engine's verb). */
export async function emptyQueue(name: string): Promise<EmptyQueueResponse> {
  return { deleted: await (await queue(name)).empty() };
}

/** Pauses (workers stop claiming; running jobs finish) or resumes a queue; answers the state after. */
export async function setPaused(name: string, paused: boolean): Promise<PausedResponse> {
  const q = await queue(name);
  await (paused ? q.pause() : q.resume());
  return { queue: name, paused: await q.isPaused() };
}

/** Cancels a queued, scheduled, deferred or started job; INVALID_STATE (409) once it has ended. */
export async function cancelJob(name: string, id: string, reason: string | undefined): Promise<CancelJobResponse> {
  const state = await (await queue(name)).cancelJob(id, reason);
  return { canceled: true, state };
}

/** Queues a scheduled job now; INVALID_STATE (409) in any other state. */
export async function runJobNow(name: string, id: string): Promise<ActionOk> {
  await (await queue(name)).runNow(id);
  return { ok: true };
}

export async function requeueAll(name: string, state: RequeueState): Promise<RequeueResponse> {
  return { state, requeued: await (await queue(name)).requeueAll(state) };
}

/** A page of a job's log lines, oldest first; without an offset, the newest `limit` lines. */
export async function getJobLogs(name: string, id: string, { offset, limit }: LogsQuery): Promise<JobLogsResponse> {
  const q = await queue(name);
  if (!(await q.exists(id))) throw new JobNotFoundError(name, id);
  const start = offset ?? Math.max(0, (await q.getLogs(id, 0, 1)).total - limit);
  const { lines, total } = await q.getLogs(id, start, limit);
  return { lines, offset: start, total };
}
