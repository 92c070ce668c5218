'use client';
import Link from 'next/link';
import type { JobRowDto, JobState } from '@/lib/wire';
import { formatBytes, formatDuration, formatRelative, zoneLabel } from '../format';
import { jobHref } from '../links';
import { useSettings } from '../providers';
import { ENDED_STATES } from '../states';
import { ProgressBar } from '../job/job-progress';
import { Timestamp } from '../ui/timestamp';
import { PriorityMarker, RowRunNow } from './row-bits';

/** What the time column means in each state. */
const TIME_COLUMN: Record<JobState, string> = {
  queued: 'Waiting',
  scheduled: 'Due',
  deferred: 'Waiting',
  started: 'Running for',
  finished: 'Duration',
  failed: 'Duration',
  canceled: 'Ended',
};

function timeCell(job: JobRowDto, state: JobState, now: number): string {
  switch (state) {
    case 'queued':
    case 'deferred':
      return formatDuration(now - (job.enqueuedAt ?? job.createdAt));
    case 'scheduled':
      return job.dueAt ? formatRelative(job.dueAt, now) : '—';
    case 'started':
      return job.startedAt ? formatDuration(now - job.startedAt) : '—';
    case 'canceled':
      return job.endedAt ? formatRelative(job.endedAt, now) : '—';
    default:
      return job.startedAt && job.endedAt ? formatDuration(job.endedAt - job.startedAt) : '—';
  }
}

/** Optional columns, decided once per table. */
interface Columns {
  error: boolean;
  cancelReason: boolean;
  runNow: boolean;
}

function JobRow({ job, queue, state, now, columns }: { job: JobRowDto; queue: string; state: JobState; now: number; columns: Columns }) {
  return (
    <tr data-testid="job-row" data-job-id={job.id}>
      {/* Table cells ignore min/max-width; sized blocks inside them are respected. */}
      <td>
        <div className="max-w-[24rem] min-w-[16.5rem] [overflow-wrap:anywhere]">
          <Link prefetch={false} href={jobHref(queue, job.id)} data-testid="job-link" className="link font-mono text-xs">
            {job.id}
          </Link>
        </div>
      </td>
      <td>
        <div className="max-w-[18rem] min-w-[8rem] [overflow-wrap:anywhere]">
          <span data-testid="job-task" className="font-medium">{job.task}</span>
          <PriorityMarker priority={job.priority} />
          {job.description && <span className="line-clamp-1 text-xs text-slate-500" title={job.description}>{job.description}</span>}
        </div>
      </td>
      <td className="whitespace-nowrap text-slate-700">
        <Timestamp ms={job.createdAt} withZone={false} />
      </td>
      <td className="whitespace-nowrap" data-testid="job-time">
        {timeCell(job, state, now)}
        {ENDED_STATES.has(state) && state !== 'canceled' && job.endedAt && (
          <span className="block text-xs text-slate-500">ended {formatRelative(job.endedAt, now)}</span>
        )}
        {state === 'started' && job.progress !== null && (
          <span className="block">
            <ProgressBar percent={job.progress} compact testId="job-row-progress" />
          </span>
        )}
      </td>
      <td className="text-right whitespace-nowrap" data-testid="job-attempts">
        {job.attempts}/{job.maxAttempts}
      </td>
      <td className="text-right whitespace-nowrap text-slate-500">{formatBytes(job.payloadBytes)}</td>
      {columns.cancelReason && (
        <td data-testid="job-cancel-reason">
          {job.cancelReason ? (
            <div className="line-clamp-2 max-w-[32rem] min-w-[12rem] [overflow-wrap:anywhere] text-zinc-700" title={job.cancelReason}>
              {job.cancelReason}
            </div>
          ) : (
            <span className="text-slate-400">—</span>
          )}
        </td>
      )}
      {columns.error && (
        <td data-testid="job-error-summary">
          {job.error && (
            <div className="line-clamp-2 max-w-[32rem] min-w-[12rem] [overflow-wrap:anywhere] text-red-700" title={`${job.error.name}: ${job.error.message}`}>
              <span className="font-medium">{job.error.name}</span>: {job.error.message}
            </div>
          )}
        </td>
      )}
      {columns.runNow && (
        <td className="text-right">
          <RowRunNow queue={queue} id={job.id} />
        </td>
      )}
    </tr>
  );
}

interface Props {
  queue: string;
  state: JobState;
  jobs: JobRowDto[];
  now: number;
}

export function JobsTable({ queue, state, jobs, now }: Props) {
  const { timeZone, readOnly } = useSettings();
  const columns: Columns = {
    error: state === 'failed' || jobs.some((j) => j.error),
    cancelReason: state === 'canceled',
    runNow: state === 'scheduled' && !readOnly,
  };
  return (
    <div className="overflow-x-auto">
      <table className="data-table" data-testid="jobs-table" data-state={state}>
        <thead>
          <tr>
            <th scope="col">Job id</th>
            <th scope="col">Task</th>
            <th scope="col">Created ({zoneLabel(timeZone)})</th>
            <th scope="col">{TIME_COLUMN[state]}</th>
            <th scope="col" className="!text-right">Attempts</th>
            <th scope="col" className="!text-right">Payload</th>
            {columns.cancelReason && <th scope="col">Cancel reason</th>}
            {columns.error && <th scope="col">{state === 'failed' ? 'Error' : 'Last error'}</th>}
            {columns.runNow && <th scope="col"><span className="sr-only">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <JobRow key={job.id} job={job} queue={queue} state={state} now={now} columns={columns} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
