'use client';
/**
 * The job page's actions, each offered only in the states that allow it: Run now (scheduled),
 * Retry (failed, finished, canceled), Cancel (queued, scheduled, deferred, started; confirmed,
 * with an optional reason) and Delete (confirmed; then back to the queue page, on the tab the
 * job was in). The outcome, or why the server refused, is reported next to the buttons.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { JobState } from '@/lib/wire';
import { ApiError } from '../api';
import { queueHref } from '../links';
import { useSettings } from '../providers';
import { useCancelJob, useDeleteJob, useRetryJob, useRunNow } from '../queries';
import { CANCELABLE_STATES, RETRYABLE_STATES } from '../states';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { CancelJobDialog } from './cancel-dialog';

interface Props {
  queue: string;
  id: string;
  state: JobState;
  /** called before navigating away, so the page stops polling a job that is gone */
  onDeleted: () => void;
}

type Message = { kind: 'ok' | 'error'; text: string };

/**
 * A refusal in words. A 409 means the job moved on (it finished, say) since the page last
 * looked; the server's message names the action and the state ("cannot cancel job "x": it is
 * finished"), which reads well as a sentence.
 */
export function actionErrorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof ApiError && err.status === 409) return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
  if (err instanceof ApiError && err.status === 404) return 'This job no longer exists: it was deleted or its retention time ran out.';
  return message;
}

export function JobActions({ queue, id, state, onDeleted }: Props) {
  const { readOnly } = useSettings();
  const router = useRouter();
  const retry = useRetryJob(queue, id);
  const remove = useDeleteJob(queue, id);
  const cancel = useCancelJob(queue, id);
  const runNow = useRunNow(queue);
  const [dialog, setDialog] = useState<'delete' | 'cancel' | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  if (readOnly) return null;

  /** Runs an action and reports it; the dialog (if any) closes either way. */
  const act = async (work: () => Promise<string>) => {
    setMessage(null);
    try {
      setMessage({ kind: 'ok', text: await work() });
    } catch (err) {
      setMessage({ kind: 'error', text: actionErrorText(err) });
    } finally {
      setDialog(null);
    }
  };
  const doRetry = () => act(async () => (await retry.mutateAsync(), 'Job requeued: it will run again with a fresh attempt budget.'));
  const doRunNow = () => act(async () => (await runNow.mutateAsync(id), 'Job queued: a worker picks it up next.'));
  const doCancel = (reason: string | undefined) =>
    act(async () => {
      const { state: was } = await cancel.mutateAsync(reason);
      return was === 'started' ? 'Job canceled: its worker is told to abort the handler.' : `Job canceled (it was ${was}).`;
    });
  const doDelete = async () => {
    try {
      const { state: was } = await remove.mutateAsync();
      onDeleted();
      router.push(queueHref(queue, was));
    } catch (err) {
      setDialog(null);
      setMessage({ kind: 'error', text: actionErrorText(err) });
    }
  };
  const open = (which: 'delete' | 'cancel') => {
    setMessage(null);
    setDialog(which);
  };

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        {state === 'scheduled' && (
          <button type="button" data-testid="run-now" className="btn-secondary" disabled={runNow.isPending} onClick={doRunNow} title="Queue this job now instead of at its due time">
            {runNow.isPending ? 'Queuing…' : 'Run now'}
          </button>
        )}
        {RETRYABLE_STATES.has(state) && (
          <button type="button" data-testid="retry-job" className="btn-secondary" disabled={retry.isPending} onClick={doRetry}>
            {retry.isPending ? 'Retrying…' : 'Retry'}
          </button>
        )}
        {CANCELABLE_STATES.has(state) && (
          <button type="button" data-testid="cancel-job" className="btn-danger-outline" onClick={() => open('cancel')}>
            Cancel job
          </button>
        )}
        <button type="button" data-testid="delete-job" className="btn-danger-outline" onClick={() => open('delete')}>
          Delete
        </button>
      </div>
      {message && (
        <p role="status" data-testid="job-action-result" data-outcome={message.kind} className={`max-w-md text-right text-sm ${message.kind === 'ok' ? 'text-emerald-700' : 'text-red-700'}`}>
          {message.text}
        </p>
      )}
      {dialog === 'cancel' && (
        <CancelJobDialog open queue={queue} id={id} state={state} busy={cancel.isPending} onConfirm={doCancel} onClose={() => setDialog(null)} />
      )}
      <ConfirmDialog
        open={dialog === 'delete'}
        testId="delete-job-dialog"
        title="Delete this job?"
        confirmLabel="Delete job"
        danger
        busy={remove.isPending}
        onConfirm={doDelete}
        onCancel={() => setDialog(null)}
      >
        <p>
          Job <code className="font-mono break-all">{id}</code> ({state}) and all its data are removed from queue{' '}
          <strong className="break-all">{queue}</strong>. This cannot be undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}
