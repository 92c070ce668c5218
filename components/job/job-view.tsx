'use client';
import Link from 'next/link';
import { useState } from 'react';
import type { JobDetailDto } from '@/lib/wire';
import { ApiError } from '../api';
import { queueHref } from '../links';
import { useJob } from '../queries';
import { ErrorNotice, LoadingRow } from '../ui/notice';
import { JsonBlock } from '../ui/json-block';
import { StateBadge } from '../ui/state-badge';
import { JobActions } from './job-actions';
import { JobFacts, JobTimeline } from './job-facts';
import { CancelInfo, Dependencies } from './job-lifecycle';
import { JobLogs } from './job-logs';
import { JobProgress } from './job-progress';

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section aria-label={title} data-testid={testId}>
      <h2 className="mb-1.5 text-sm font-semibold text-slate-800">{title}</h2>
      {children}
    </section>
  );
}

function ErrorBlock({ error }: { error: NonNullable<JobDetailDto['error']> }) {
  return (
    <div className="rounded-md border border-red-200 bg-red-50/50 p-3" data-testid="job-error">
      <p className="text-sm break-words text-red-800">
        <span data-testid="job-error-name" className="font-semibold">{error.name}</span>
        {error.code && <span data-testid="job-error-code" className="ml-2 rounded bg-red-100 px-1 font-mono text-xs">{error.code}</span>}
      </p>
      <pre data-testid="job-error-message" className="mt-1 font-sans text-sm whitespace-pre-wrap break-words text-red-900">{error.message}</pre>
      {error.stack && (
        <pre data-testid="job-error-stack" className="mt-3 max-h-96 overflow-auto rounded border border-red-100 bg-white p-2 font-mono text-xs leading-relaxed whitespace-pre-wrap break-words text-slate-700">
          {error.stack}
        </pre>
      )}
    </div>
  );
}

function PayloadSection({ job }: { job: JobDetailDto }) {
  return (
    <Section title="Payload">
      {job.dataError !== null && (
        <p role="alert" data-testid="job-data-error" className="mb-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The stored payload is not valid JSON ({job.dataError}). Its raw text is shown below.
        </p>
      )}
      <JsonBlock value={job.payload} testId="job-payload" />
    </Section>
  );
}

function JobHeader({ job, onDeleted }: { job: JobDetailDto; onDeleted: () => void }) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">
          <Link prefetch={false} href="/" className="hover:underline">Queues</Link> /{' '}
          <Link prefetch={false} href={queueHref(job.queue, job.state)} data-testid="job-queue-link" className="normal-case hover:underline">{job.queue}</Link> / job
        </p>
        <h1 className="flex flex-wrap items-center gap-3 text-lg font-semibold">
          <span data-testid="job-id" className="font-mono break-all">{job.id}</span>
          <StateBadge state={job.state} testId="job-state" />
        </h1>
      </div>
      <JobActions queue={job.queue} id={job.id} state={job.state} onDeleted={onDeleted} />
    </div>
  );
}

export function JobView({ queue, id }: { queue: string; id: string }) {
  const [deleted, setDeleted] = useState(false);
  const { data: job, error } = useJob(queue, id, !deleted);
  if (deleted) return <LoadingRow text="Job deleted. Returning to the queue…" />;
  if (error instanceof ApiError && error.status === 404) {
    return (
      <div data-testid="job-gone" className="panel mx-auto max-w-xl p-6 text-sm">
        <h1 className="text-lg font-semibold">This job no longer exists</h1>
        <p className="mt-2 text-slate-700">It was deleted or its retention time ran out.</p>
        <Link prefetch={false} href={queueHref(queue)} className="link mt-4 inline-block">← Queue {queue}</Link>
      </div>
    );
  }
  if (!job) return error ? <ErrorNotice error={error} /> : <LoadingRow />;
  return (
    <div className="space-y-5" data-testid="job-view">
      <JobHeader job={job} onDeleted={() => setDeleted(true)} />
      {error && <ErrorNotice error={error} title="Refresh failed; showing the last data received" />}
      {job.state === 'canceled' && <CancelInfo job={job} />}
      <div className="grid gap-5 lg:grid-cols-2">
        <JobFacts job={job} />
        <JobTimeline job={job} />
      </div>
      {job.progress && <Section title="Progress" testId="job-progress-section"><JobProgress progress={job.progress} /></Section>}
      {job.dependsOn.length > 0 && <Section title="Depends on"><Dependencies job={job} /></Section>}
      {job.error && (
        <Section title={job.state === 'failed' ? 'Error' : 'Last error'}>
          <ErrorBlock error={job.error} />
        </Section>
      )}
      {(job.logCount > 0 || job.state === 'started') && <Section title="Log" testId="job-log-section"><JobLogs job={job} /></Section>}
      <PayloadSection job={job} />
      {job.result && <Section title="Result"><JsonBlock value={job.result} testId="job-result" /></Section>}
      {job.meta && <Section title="Meta"><JsonBlock value={job.meta} testId="job-meta" /></Section>}
    </div>
  );
}
