'use client';
import Link from 'next/link';
import type { JobState, StateCounts } from '@/lib/wire';
import { queueHref } from '../links';
import { useJobs, useQueues } from '../queries';
import { EmptyNotice, ErrorNotice, LoadingRow } from '../ui/notice';
import { JobsTable } from './jobs-table';
import { Pagination } from './pagination';
import { PausedBadge, PausedNotice, PauseToggle } from './pause-toggle';
import { QueueActions, RequeueAllAction } from './queue-actions';
import { StateTabs } from './state-tabs';

export const PAGE_SIZE = 20;

/** Actions on a whole tab, above its table. */
function TabToolbar({ queue, state, counts }: { queue: string; state: JobState; counts: StateCounts | undefined }) {
  if (state !== 'canceled') return null;
  return (
    <div className="flex justify-end border-b border-slate-100 px-3 py-2" data-testid="tab-toolbar">
      <RequeueAllAction queue={queue} state="canceled" count={counts?.canceled} />
    </div>
  );
}

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
          <h1 className="flex flex-wrap items-center gap-2 text-lg font-semibold">
            <span className="break-all" data-testid="queue-name">{queue}</span>
            {summary?.paused && <PausedBadge />}
          </h1>
        </div>
        <div className="flex items-start gap-2">
          <PauseToggle queue={queue} paused={summary?.paused} />
          <QueueActions queue={queue} counts={summary?.counts} />
        </div>
      </div>
      {summary?.paused && <PausedNotice />}
      <section className="panel" aria-label={`${state} jobs`}>
        <StateTabs queue={queue} current={state} counts={summary?.counts} />
        <TabToolbar queue={queue} state={state} counts={summary?.counts} />
        <JobsSection queue={queue} state={state} page={page} />
      </section>
    </div>
  );
}
