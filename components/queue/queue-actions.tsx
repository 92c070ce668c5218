'use client';
/**
 * "Retry all failed" and "Empty queue": each asks first, saying exactly what will happen to how
 * many jobs, then reports the count the server actually processed.
 */
import { useState } from 'react';
import type { StateCounts } from '@/lib/wire';
import { formatCount } from '../format';
import { useSettings } from '../providers';
import { useEmptyQueue, useRetryAllFailed } from '../queries';
import { ConfirmDialog } from '../ui/confirm-dialog';

type Pending = 'retry-failed' | 'empty' | null;
type Outcome = { kind: 'ok' | 'error'; text: string } | null;

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

export function QueueActions({ queue, counts }: { queue: string; counts: StateCounts | undefined }) {
  const { readOnly } = useSettings();
  const [pending, setPending] = useState<Pending>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const retryFailed = useRetryAllFailed(queue);
  const empty = useEmptyQueue(queue);
  const failed = counts?.failed ?? 0;
  const queued = counts?.queued ?? 0;

  const run = async (action: () => Promise<string>) => {
    try {
      setOutcome({ kind: 'ok', text: await action() });
    } catch (err) {
      setOutcome({ kind: 'error', text: err instanceof Error ? err.message : String(err) });
    } finally {
      setPending(null);
    }
  };
  const confirmRetry = () => run(async () => `Retried ${plural((await retryFailed.mutateAsync()).retried, 'failed job')}: they are queued again.`);
  const confirmEmpty = () => run(async () => `Deleted ${plural((await empty.mutateAsync()).deleted, 'queued job')}.`);

  if (readOnly) return null;
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        <button type="button" data-testid="retry-all-failed" className="btn-secondary" disabled={failed === 0} title={failed === 0 ? 'No failed jobs in this queue' : undefined} onClick={() => { setOutcome(null); setPending('retry-failed'); }}>
          Retry all failed
        </button>
        <button type="button" data-testid="empty-queue" className="btn-danger-outline" disabled={queued === 0} title={queued === 0 ? 'No queued jobs to delete' : undefined} onClick={() => { setOutcome(null); setPending('empty'); }}>
          Empty queue
        </button>
      </div>
      {outcome && (
        <p role="status" data-testid="action-result" data-outcome={outcome.kind} className={`text-sm ${outcome.kind === 'ok' ? 'text-emerald-700' : 'text-red-700'}`}>
          {outcome.text}
        </p>
      )}
      <ConfirmDialog
        open={pending === 'retry-failed'}
        testId="retry-all-failed-dialog"
        title={`Retry all ${plural(failed, 'failed job')}?`}
        confirmLabel={`Retry ${plural(failed, 'job')}`}
        busy={retryFailed.isPending}
        onConfirm={confirmRetry}
        onCancel={() => setPending(null)}
      >
        <p>
          Every job that is failed in queue <strong className="break-all">{queue}</strong> ({plural(failed, 'job')} right now) moves back to
          queued and runs again with a fresh attempt budget.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={pending === 'empty'}
        testId="empty-queue-dialog"
        title={`Delete ${plural(queued, 'queued job')}?`}
        confirmLabel={`Delete ${plural(queued, 'queued job')}`}
        danger
        busy={empty.isPending}
        onConfirm={confirmEmpty}
        onCancel={() => setPending(null)}
      >
        <p>
          This permanently deletes the {plural(queued, 'job')} waiting in <em>queued</em> in queue <strong className="break-all">{queue}</strong>.
          It cannot be undone.
        </p>
        <p className="text-slate-500">Scheduled, deferred, started, finished and failed jobs are not touched.</p>
      </ConfirmDialog>
    </div>
  );
}
