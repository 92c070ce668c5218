'use client';
import Link from 'next/link';
import type { JobRowDto, JobState } from '@/lib/wire';
import { formatBytes, formatDuration, formatRelative, zoneLabel } from '../format';
import { jobHref } from '../links';
import { useSettings } from '../providers';
import { ENDED_STATES } from '../states';
import { Timestamp } from '../ui/timestamp';

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

function JobRow({ job, queue, state, now, showError }: { job: JobRowDto; queue: string; state: JobState; now: number; showError: boolean }) {
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
      </td>
      <td className="text-right whitespace-nowrap" data-testid="job-attempts">
        {job.attempts}/{job.maxAttempts}
      </td>
      <td className="text-right whitespace-nowrap text-slate-500">{formatBytes(job.payloadBytes)}</td>
      {showError && (
        <td data-testid="job-error-summary">
          {job.error && (
            <div className="line-clamp-2 max-w-[32rem] min-w-[12rem] [overflow-wrap:anywhere] text-red-700" title={`${job.error.name}: ${job.error.message}`}>
              <span className="font-medium">{job.error.name}</span>: {job.error.message}
            </div>
          )}
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
  const { timeZone } = useSettings();
  const showError = state === 'failed' || jobs.some((j) => j.error);
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
            {showError && <th scope="col">{state === 'failed' ? 'Error' : 'Last error'}</th>}
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <JobRow key={job.id} job={job} queue={queue} state={state} now={now} showError={showError} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
