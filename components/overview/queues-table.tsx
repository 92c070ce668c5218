'use client';
import Link from 'next/link';
import type { JobState, QueueSummaryDto } from '@/lib/wire';
import { formatCount } from '../format';
import { queueHref } from '../links';
import { PausedBadge } from '../queue/pause-toggle';
import { STATES, STATE_TEXT } from '../states';
import { EmptyNotice } from '../ui/notice';

function CountLink({ queue, state, count }: { queue: string; state: JobState; count: number }) {
  return (
    <Link
      prefetch={false}
      href={queueHref(queue, state)}
      data-testid={`queue-count-${state}`}
      data-count={count}
      aria-label={`${count} ${state} jobs in ${queue}`}
      className={`block text-right hover:underline ${count === 0 ? 'text-slate-300' : `font-medium ${STATE_TEXT[state]}`}`}
    >
      {formatCount(count)}
    </Link>
  );
}

function QueueRow({ queue }: { queue: QueueSummaryDto }) {
  return (
    // A paused queue's row is tinted and marked, so it stands out in a long list.
    <tr data-testid="queue-row" data-queue={queue.name} data-paused={queue.paused} className={queue.paused ? 'bg-amber-50/70 shadow-[inset_3px_0_0_var(--color-amber-400)]' : undefined}>
      <td>
        <div className="flex max-w-[22rem] min-w-[8rem] flex-wrap items-center gap-x-2 gap-y-0.5 [overflow-wrap:anywhere]">
          <Link prefetch={false} href={queueHref(queue.name)} data-testid="queue-link" className="link font-medium">
            {queue.name}
          </Link>
          {queue.paused && <PausedBadge testId="queue-paused" />}
        </div>
      </td>
      {STATES.map((state) => (
        <td key={state}>
          <CountLink queue={queue.name} state={state} count={queue.counts[state]} />
        </td>
      ))}
      <td className="text-right text-slate-600" data-testid="queue-finished-total">
        {formatCount(queue.finishedTotal)}
      </td>
      <td className="text-right text-slate-600" data-testid="queue-failed-total">
        {formatCount(queue.failedTotal)}
      </td>
    </tr>
  );
}

export function QueuesTable({ queues }: { queues: QueueSummaryDto[] }) {
  if (queues.length === 0) return <EmptyNotice>No queues yet. A queue appears here once a producer enqueues into it or a worker starts on it.</EmptyNotice>;
  return (
    <div className="overflow-x-auto">
      <table className="data-table" data-testid="queues-table">
        <thead>
          <tr>
            <th scope="col">Queue</th>
            {STATES.map((state) => (
              <th key={state} scope="col" className="!text-right">
                {state}
              </th>
            ))}
            <th scope="col" className="!text-right" title="jobs finished since stats began">
              Finished total
            </th>
            <th scope="col" className="!text-right" title="jobs failed since stats began">
              Failed total
            </th>
          </tr>
        </thead>
        <tbody>
          {queues.map((q) => (
            <QueueRow key={q.name} queue={q} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
