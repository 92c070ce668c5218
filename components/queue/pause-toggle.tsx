'use client';
/**
 * Pause / Resume for one queue. Neither asks first: pausing stops only new claims (running jobs
 * finish) and is undone with one click, so a confirmation would only slow an operator down.
 */
import { useState } from 'react';
import { useSettings } from '../providers';
import { useSetPaused } from '../queries';

export function PausedBadge({ testId = 'queue-paused-badge' }: { testId?: string }) {
  return (
    <span data-testid={testId} className="inline-flex items-center gap-1 rounded bg-amber-100 px-1.5 py-0.5 align-middle text-xs font-medium text-amber-800 ring-1 ring-amber-300 ring-inset">
      <span aria-hidden>❚❚</span> Paused
    </span>
  );
}

export function PauseToggle({ queue, paused }: { queue: string; paused: boolean | undefined }) {
  const { readOnly } = useSettings();
  const setPaused = useSetPaused(queue);
  const [error, setError] = useState<string | null>(null);
  if (readOnly || paused === undefined) return null;

  const toggle = async () => {
    setError(null);
    try {
      await setPaused.mutateAsync(!paused);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        data-testid="pause-toggle"
        data-paused={paused}
        className={paused ? 'btn-secondary !border-emerald-300 !text-emerald-800' : 'btn-secondary'}
        disabled={setPaused.isPending}
        onClick={toggle}
        title={paused ? 'Workers start claiming jobs from this queue again' : 'Workers stop claiming new jobs from this queue; running jobs finish'}
      >
        {setPaused.isPending ? (paused ? 'Resuming…' : 'Pausing…') : paused ? '▶ Resume' : '❚❚ Pause'}
      </button>
      {error && (
        <p role="status" data-testid="pause-toggle-result" data-outcome="error" className="max-w-xs text-right text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** Says what paused means, under the queue's title. */
export function PausedNotice() {
  return (
    <p data-testid="queue-paused-notice" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      This queue is paused: workers claim no new jobs from it. Jobs already running finish, and producers can still enqueue.
    </p>
  );
}
