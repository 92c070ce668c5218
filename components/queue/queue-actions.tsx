'use client';
/**
 * "Retry all failed", "Empty queue" and "Requeue all canceled": each asks first, saying exactly
 * what will happen to how many jobs, then reports the count the server actually processed.
 */
import type { RequeueState, StateCounts } from '@/lib/wire';
import { formatCount } from '../format';
import { useSettings } from '../providers';
import { useEmptyQueue, useRequeueAll, useRetryAllFailed } from '../queries';
import { ConfirmedAction } from '../ui/confirmed-action';

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

export function QueueActions({ queue, counts }: { queue: string; counts: StateCounts | undefined }) {
  const { readOnly } = useSettings();
  const retryFailed = useRetryAllFailed(queue);
  const empty = useEmptyQueue(queue);
  if (readOnly) return null;
  const failed = counts?.failed ?? 0;
  const queued = counts?.queued ?? 0;
  const name = <strong className="break-all">{queue}</strong>;

  return (
    <div className="flex items-start gap-2">
      <ConfirmedAction
        label="Retry all failed"
        testId="retry-all-failed"
        disabledReason={failed === 0 ? 'No failed jobs in this queue' : undefined}
        title={`Retry all ${plural(failed, 'failed job')}?`}
        confirmLabel={`Retry ${plural(failed, 'job')}`}
        run={async () => `Retried ${plural((await retryFailed.mutateAsync()).retried, 'failed job')}: they are queued again.`}
      >
        <p>
          Every job that is failed in queue {name} ({plural(failed, 'job')} right now) moves back to queued and runs again with a
          fresh attempt budget.
        </p>
      </ConfirmedAction>
      <ConfirmedAction
        label="Empty queue"
        testId="empty-queue"
        danger
        disabledReason={queued === 0 ? 'No queued jobs to delete' : undefined}
        title={`Delete ${plural(queued, 'queued job')}?`}
        confirmLabel={`Delete ${plural(queued, 'queued job')}`}
        run={async () => `Deleted ${plural((await empty.mutateAsync()).deleted, 'queued job')}.`}
      >
        <p>
          This permanently deletes the {plural(queued, 'job')} waiting in <em>queued</em> in queue {name}. It cannot be undone.
        </p>
        <p className="text-slate-500">Scheduled, deferred, started, finished and failed jobs are not touched.</p>
      </ConfirmedAction>
    </div>
  );
}

/** "Requeue all <state>" for a tab's toolbar (the canceled tab; failed has Retry all failed). */
export function RequeueAllAction({ queue, state, count }: { queue: string; state: RequeueState; count: number | undefined }) {
  const { readOnly } = useSettings();
  const requeue = useRequeueAll(queue, state);
  if (readOnly) return null;
  const n = count ?? 0;
  return (
    <ConfirmedAction
      label={`Requeue all ${state}`}
      testId={`requeue-all-${state}`}
      disabledReason={n === 0 ? `No ${state} jobs in this queue` : undefined}
      title={`Requeue all ${plural(n, `${state} job`)}?`}
      confirmLabel={`Requeue ${plural(n, 'job')}`}
      run={async () => `Requeued ${plural((await requeue.mutateAsync()).requeued, `${state} job`)}: they are queued again.`}
    >
      <p>
        Every job that is {state} in queue <strong className="break-all">{queue}</strong> ({plural(n, 'job')} right now) moves back to
        queued and runs again with a fresh attempt budget.
      </p>
    </ConfirmedAction>
  );
}
