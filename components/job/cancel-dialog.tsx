'use client';
/**
 * The confirmation for canceling a job, with an optional reason the job keeps (shown on its page
 * and in the canceled tab). The text says what happens in the job's current state.
 */
import { useState } from 'react';
import type { JobState } from '@/lib/wire';
import { ConfirmDialog } from '../ui/confirm-dialog';

/** The server accepts at most this many characters of reason. */
export const MAX_CANCEL_REASON = 500;

const EFFECT: Partial<Record<JobState, string>> = {
  started: 'It is running now: its worker aborts the handler (through its AbortSignal) within about a second.',
  scheduled: 'It will not run at its due time.',
  deferred: 'It stops waiting for its dependencies and will not run.',
  queued: 'It leaves the queue and will not run.',
};

interface Props {
  open: boolean;
  queue: string;
  id: string;
  state: JobState;
  busy: boolean;
  onConfirm: (reason: string | undefined) => void;
  onClose: () => void;
}

export function CancelJobDialog({ open, queue, id, state, busy, onConfirm, onClose }: Props) {
  const [reason, setReason] = useState('');
  const confirm = () => onConfirm(reason.trim() || undefined);
  return (
    <ConfirmDialog
      open={open}
      testId="cancel-job-dialog"
      title="Cancel this job?"
      confirmLabel="Cancel job"
      dismissLabel="Keep job"
      danger
      busy={busy}
      onConfirm={confirm}
      onCancel={onClose}
    >
      <p>
        Job <code className="font-mono break-all">{id}</code> ({state}) in queue <strong className="break-all">{queue}</strong> moves to{' '}
        <em>canceled</em>. {EFFECT[state] ?? ''}
      </p>
      <p className="text-slate-500">A canceled job can be requeued later from its page or the canceled tab.</p>
      <label className="block">
        <span className="text-slate-600">Reason (optional)</span>
        <input
          type="text"
          data-testid="cancel-reason"
          value={reason}
          maxLength={MAX_CANCEL_REASON}
          disabled={busy}
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !busy) confirm();
          }}
          placeholder="e.g. customer withdrew the request"
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-slate-500"
        />
      </label>
    </ConfirmDialog>
  );
}
