'use client';
/**
 * A button that asks first (ConfirmDialog), runs the action, then reports what it did (or the
 * error) in a status line next to the button.
 */
import { useState } from 'react';
import { ConfirmDialog } from './confirm-dialog';

interface ConfirmedActionProps {
  label: string;
  /** why the button is disabled, if it is */
  disabledReason?: string;
  danger?: boolean;
  testId: string;
  title: string;
  confirmLabel: string;
  /** what will happen, shown in the dialog */
  children: React.ReactNode;
  /** runs the action; resolves to the sentence reporting what was done */
  run: () => Promise<string>;
}

export function ConfirmedAction(props: ConfirmedActionProps) {
  const { label, disabledReason, danger, testId, title, confirmLabel, children, run } = props;
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const confirm = async () => {
    setBusy(true);
    try {
      setOutcome({ ok: true, text: await run() });
    } catch (err) {
      setOutcome({ ok: false, text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };

  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        data-testid={testId}
        className={danger ? 'btn-danger-outline' : 'btn-secondary'}
        disabled={disabledReason !== undefined}
        title={disabledReason}
        onClick={() => {
          setOutcome(null);
          setOpen(true);
        }}
      >
        {label}
      </button>
      {outcome && (
        <p role="status" data-testid={`${testId}-result`} data-outcome={outcome.ok ? 'ok' : 'error'} className={`max-w-xs text-right text-sm ${outcome.ok ? 'text-emerald-700' : 'text-red-700'}`}>
          {outcome.text}
        </p>
      )}
      <ConfirmDialog open={open} testId={`${testId}-dialog`} title={title} confirmLabel={confirmLabel} danger={danger} busy={busy} onConfirm={confirm} onCancel={() => setOpen(false)}>
        {children}
      </ConfirmDialog>
    </div>
  );
}
