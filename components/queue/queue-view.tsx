'use client';
import Link from 'next/link';
import type { JobState } from '@/lib/wire';
import { queueHref } from '../links';
import { useJobs, useQueues } from '../queries';
import { EmptyNotice, ErrorNotice, LoadingRow } from '../ui/notice';
import { JobsTable } from './jobs-table';
import { Pagination } from './pagination';
import { QueueActions } from './queue-actions';
import { StateTabs } from './state-tabs';

export const PAGE_SIZE = 20;

function JobsSection({ queue, state, page }: { queue: string; state: JobState; page: number }) {
  const jobs = useJobs(queue, state, page, PAGE_SIZE);
  const problem = jobs.error ?? jobs.failureReason;
  if (problem && !jobs.data) return <div className="p-4"><ErrorNotice error={problem} /></div>;
  if (!jobs.data) return <LoadingRow />;
  const { total, jobs: rows, now, missing } = jobs.data;
  return (
    <>
      {rows.length > 0 ? (
        <JobsTable queue={queue} state={state} jobs={rows} now={now} />
      ) : total > 0 ? (
        <EmptyNotice>
          Page {page} is past the end.{' '}
          <Link prefetch={false} className="link" href={queueHref(queue, state)}>
            Go to page 1
          </Link>
        </EmptyNotice>
      ) : (
        <EmptyNotice>No {state} jobs.</EmptyNotice>
      )}
      {missing > 0 && (
        <p className="px-3 py-1 text-xs text-slate-500" data-testid="missing-jobs">
          {missing} job{missing === 1 ? '' : 's'} on this page disappeared while loading (expired or deleted).
        </p>
      )}
      <Pagination queue={queue} state={state} page={page} pageSize={PAGE_SIZE} total={total} />
    </>
  );
}

export function QueueView({ queue, state, page }: { queue: string; state: JobState; page: number }) {
  const queues = useQueues();
  const summary = queues.data?.queues.find((q) => q.name === queue);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">
            <Link prefetch={false} href="/" className="hover:underline">Queues</Link> /
          </p>
          <h1 className="text-lg font-semibold break-all" data-testid="queue-name">
            {queue}
            {summary?.paused && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 align-middle text-xs font-medium text-amber-800">paused</span>}
          </h1>
        </div>
        <QueueActions queue={queue} counts={summary?.counts} />
      </div>
      <section className="panel" aria-label={`${state} jobs`}>
        <StateTabs queue={queue} current={state} counts={summary?.counts} />
        <JobsSection queue={queue} state={state} page={page} />
      </section>
    </div>
  );
}
