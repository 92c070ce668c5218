'use client';
/**
 * Small per-row pieces of the jobs table: the priority marker, and "Run now" for a scheduled job.
 */
import { useState } from 'react';
import type { JobPriority } from '@/lib/wire';
import { actionErrorText } from '../job/job-actions';
import { useRunNow } from '../queries';

/** Only the unusual levels are marked; normal priority is the quiet default. */
export function PriorityMarker({ priority }: { priority: JobPriority }) {
  if (priority === 'normal') return null;
  const high = priority === 'high';
  return (
    <span
      data-testid="job-priority"
      data-priority={priority}
      title={`${priority} priority`}
      className={`ml-1.5 inline-flex items-center rounded px-1 text-[0.7rem] font-medium ring-1 ring-inset ${high ? 'bg-orange-50 text-orange-700 ring-orange-300' : 'bg-slate-50 text-slate-500 ring-slate-300'}`}
    >
      {high ? '▲ high' : '▼ low'}
    </span>
  );
}

export function RowRunNow({ queue, id }: { queue: string; id: string }) {
  const runNow = useRunNow(queue);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setError(null);
    try {
      await runNow.mutateAsync(id);
    } catch (err) {
      setError(actionErrorText(err));
    }
  };
  return (
    <div className="flex flex-col items-end gap-0.5">
      <button type="button" data-testid="row-run-now" className="btn-secondary !px-2 !py-0.5 !text-xs whitespace-nowrap" disabled={runNow.isPending} onClick={run}>
        {runNow.isPending ? 'Queuing…' : 'Run now'}
      </button>
      {error && <span role="status" className="max-w-[14rem] text-right text-xs text-red-700">{error}</span>}
    </div>
  );
}
