'use client';
/**
 * A modal confirmation built on <dialog>: focus is trapped, Escape cancels, and the browser
 * exposes it as role="dialog" with the title as its name. It is in the DOM only while open, so a
 * page never holds two confirm buttons at once.
 */
import { useEffect, useId, useRef } from 'react';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  /** label of the button that closes the dialog without acting (default "Cancel") */
  dismissLabel?: string;
  /** red confirm button for destructive actions */
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  return props.open ? <OpenDialog {...props} /> : null;
}

function OpenDialog(props: ConfirmDialogProps) {
  const { title, children, confirmLabel, dismissLabel = 'Cancel', danger, busy, onConfirm, onCancel, testId } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const confirmClass = danger ? 'bg-red-600 hover:bg-red-700 focus-visible:outline-red-600' : 'bg-slate-900 hover:bg-slate-700 focus-visible:outline-slate-900';
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={testId ?? 'confirm-dialog'}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
      className="m-auto w-[28rem] max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="p-5">
        <h2 id={titleId} className="text-base font-semibold text-slate-900 break-words">
          {title}
        </h2>
        <div className="mt-2 space-y-2 text-sm text-slate-700">{children}</div>
      </div>
      <div className="flex justify-end gap-2 border-t border-slate-100 bg-slate-50 px-5 py-3">
        <button type="button" data-testid="confirm-cancel" onClick={onCancel} disabled={busy} className="btn-secondary">
          {dismissLabel}
        </button>
        <button
          type="button"
          data-testid="confirm-ok"
          onClick={onConfirm}
          disabled={busy}
          className={`rounded-md px-3 py-1.5 text-sm font-medium text-white focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60 ${confirmClass}`}
        >
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
