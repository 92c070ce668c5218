'use client';
/**
 * Retry (for failed, finished and canceled jobs) and Delete (after confirmation; then back to
 * the queue page, on the tab the job was in).
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { JobState } from '@/lib/wire';
import { queueHref } from '../links';
import { useSettings } from '../providers';
import { useDeleteJob, useRetryJob } from '../queries';
import { RETRYABLE_STATES } from '../states';
import { ConfirmDialog } from '../ui/confirm-dialog';

interface Props {
  queue: string;
  id: string;
  state: JobState;
  /** called before navigating away, so the page stops polling a job that is gone */
  onDeleted: () => void;
}

export function JobActions({ queue, id, state, onDeleted }: Props) {
  const { readOnly } = useSettings();
  const router = useRouter();
  const retry = useRetryJob(queue, id);
  const remove = useDeleteJob(queue, id);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  if (readOnly) return null;

  const doRetry = async () => {
    setMessage(null);
    try {
      await retry.mutateAsync();
      setMessage({ kind: 'ok', text: 'Job requeued: it will run again with a fresh attempt budget.' });
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof Error ? err.message : String(err) });
    }
  };
  const doDelete = async () => {
    try {
      const { state: was } = await remove.mutateAsync();
      onDeleted();
      router.push(queueHref(queue, was));
    } catch (err) {
      setConfirming(false);
      setMessage({ kind: 'error', text: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        {RETRYABLE_STATES.has(state) && (
          <button type="button" data-testid="retry-job" className="btn-secondary" disabled={retry.isPending} onClick={doRetry}>
            {retry.isPending ? 'Retrying…' : 'Retry'}
          </button>
        )}
        <button type="button" data-testid="delete-job" className="btn-danger-outline" onClick={() => { setMessage(null); setConfirming(true); }}>
          Delete
        </button>
      </div>
      {message && (
        <p role="status" data-testid="job-action-result" data-outcome={message.kind} className={`max-w-md text-right text-sm ${message.kind === 'ok' ? 'text-emerald-700' : 'text-red-700'}`}>
          {message.text}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        testId="delete-job-dialog"
        title="Delete this job?"
        confirmLabel="Delete job"
        danger
        busy={remove.isPending}
        onConfirm={doDelete}
        onCancel={() => setConfirming(false)}
      >
        <p>
          Job <code className="font-mono break-all">{id}</code> ({state}) and all its data are removed from queue{' '}
          <strong className="break-all">{queue}</strong>. This cannot be undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}
