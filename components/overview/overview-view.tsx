'use client';
import Link from 'next/link';
import type { QueuesResponse } from '@/lib/wire';
import { formatCount } from '../format';
import { useQueues, useStats } from '../queries';
import { ErrorNotice, LoadingRow } from '../ui/notice';
import { BacklogChart, ThroughputChart } from './charts';
import { QueuesTable } from './queues-table';

const WINDOW_SECONDS = 600;

function Totals({ data }: { data: QueuesResponse }) {
  const sum = (pick: (q: QueuesResponse['queues'][number]) => number) => data.queues.reduce((n, q) => n + pick(q), 0);
  const items: { label: string; value: number; testId: string; href?: string; alarm?: boolean }[] = [
    { label: 'Workers online', value: data.workers.online, testId: 'workers-online', href: '/workers' },
    { label: 'Queues', value: data.queues.length, testId: 'total-queues' },
    { label: 'Waiting', value: sum((q) => q.counts.queued), testId: 'total-queued' },
    { label: 'Running', value: sum((q) => q.counts.started), testId: 'total-started' },
    { label: 'Failed', value: sum((q) => q.counts.failed), testId: 'total-failed', alarm: true },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
      {items.map((item) => (
        <div key={item.label} className="panel px-4 py-3">
          <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{item.label}</dt>
          <dd data-testid={item.testId} className={`mt-1 text-2xl font-semibold tabular-nums ${item.alarm && item.value > 0 ? 'text-red-700' : ''}`}>
            {item.href ? (
              <Link prefetch={false} href={item.href} className="hover:underline">
                {formatCount(item.value)}
              </Link>
            ) : (
              formatCount(item.value)
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function OverviewView() {
  const queues = useQueues();
  const stats = useStats(WINDOW_SECONDS);
  // failureReason is set from the first failed try, error only once retries are spent.
  const queuesProblem = queues.error ?? queues.failureReason;
  const statsProblem = stats.error ?? stats.failureReason;
  return (
    <div className="space-y-5">
      <h1 className="text-lg font-semibold">Overview</h1>
      {queues.data && <Totals data={queues.data} />}
      <section className="panel" aria-label="Queues">
        <h2 className="border-b border-slate-200 px-4 py-2.5 text-sm font-semibold">Queues</h2>
        {queuesProblem && !queues.data && <div className="p-4"><ErrorNotice error={queuesProblem} /></div>}
        {!queues.data && !queuesProblem && <LoadingRow />}
        {queues.data && <QueuesTable queues={queues.data.queues} />}
      </section>
      {statsProblem && !stats.data && <ErrorNotice error={statsProblem} title="Could not load charts" />}
      {stats.data && (
        <div className="grid gap-5 lg:grid-cols-2">
          <BacklogChart stats={stats.data} />
          <ThroughputChart stats={stats.data} />
        </div>
      )}
    </div>
  );
}
