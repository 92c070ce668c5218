'use client';
/**
 * Parts of the job page for lifecycle features: the jobs this one depends on, and why it was
 * canceled. Every string from a job is rendered as text.
 */
import Link from 'next/link';
import type { JobDetailDto } from '@/lib/wire';
import { jobHref } from '../links';
import { TimestampWithAge } from '../ui/timestamp';

export function Dependencies({ job }: { job: JobDetailDto }) {
  const pending = job.pendingDependencies;
  return (
    <div className="panel text-sm" data-testid="job-dependencies">
      {job.state === 'deferred' && pending !== null && (
        <p className="border-b border-slate-100 px-4 py-2 text-amber-800" data-testid="job-pending-dependencies" data-pending={pending}>
          Waiting for {pending} of {job.dependsOn.length} parent job{job.dependsOn.length === 1 ? '' : 's'} to end.
        </p>
      )}
      <ul>
        {job.dependsOn.map((dep) => (
          <li key={`${dep.queue}\u0000${dep.id}`} data-testid="job-dependency" className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-100 px-4 py-1.5 last:border-0">
            <Link prefetch={false} href={jobHref(dep.queue, dep.id)} data-testid="job-dependency-link" className="link font-mono text-xs [overflow-wrap:anywhere]">
              {dep.id}
            </Link>
            {dep.queue !== job.queue && <span className="text-xs text-slate-500 [overflow-wrap:anywhere]">in queue {dep.queue}</span>}
            <span data-testid="job-dependency-status" data-done={dep.done} className={`text-xs ${dep.done ? 'text-emerald-700' : 'text-amber-700'}`}>
              {dep.done ? 'done' : job.state === 'deferred' ? 'waiting' : 'not done'}
            </span>
            {dep.allowFailure ? (
              <span data-testid="job-dependency-allow-failure" className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600" title="this job runs however the parent ends">
                failure allowed
              </span>
            ) : (
              <span className="text-xs text-slate-400" title="if the parent fails or is canceled, this job is canceled">must finish</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CancelInfo({ job }: { job: JobDetailDto }) {
  return (
    <div className="rounded-md border border-zinc-300 bg-zinc-50 p-3 text-sm" data-testid="job-canceled">
      <p className="text-zinc-700">
        Canceled <TimestampWithAge ms={job.canceledAt ?? job.endedAt} now={job.now} testId="job-canceled-at" />
      </p>
      {job.cancelReason ? (
        <p data-testid="job-cancel-reason" className="mt-1 whitespace-pre-wrap break-words text-zinc-900">{job.cancelReason}</p>
      ) : (
        <p className="mt-1 text-zinc-500">No reason was given.</p>
      )}
    </div>
  );
}
