'use client';
import Link from 'next/link';
import type { JobState, QueueSummaryDto } from '@/lib/wire';
import { formatCount } from '../format';
import { queueHref } from '../links';
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
    <tr data-testid="queue-row" data-queue={queue.name}>
      <td>
        <div className="max-w-[22rem] min-w-[8rem] [overflow-wrap:anywhere]">
          <Link prefetch={false} href={queueHref(queue.name)} data-testid="queue-link" className="link font-medium">
            {queue.name}
          </Link>
          {queue.paused && (
            <span data-testid="queue-paused" className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">
              paused
            </span>
          )}
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
