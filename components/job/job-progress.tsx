'use client';
/**
 * A job's progress as its handler reports it: a number is a percentage (a bar), anything else
 * is the handler's own object, shown as JSON text.
 */
import type { ProgressDto } from '@/lib/wire';
import { JsonBlock } from '../ui/json-block';

/** "40%", "33.3%": whole numbers stay whole. */
export function formatPercent(percent: number): string {
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}

/** A bar with its value; `compact` is the list-row version. */
export function ProgressBar({ percent, compact = false, testId }: { percent: number; compact?: boolean; testId?: string }) {
  return (
    <span data-testid={testId} data-percent={percent} className={`inline-flex items-center gap-2 ${compact ? 'text-xs text-slate-600' : 'w-full text-sm'}`}>
      <span
        role="progressbar"
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label="progress"
        className={`relative block overflow-hidden rounded-full bg-slate-200 ${compact ? 'h-1.5 w-16' : 'h-3 flex-1'}`}
      >
        <span className={`absolute inset-y-0 left-0 rounded-full ${percent >= 100 ? 'bg-emerald-500' : 'bg-blue-500'}`} style={{ width: `${percent}%` }} />
      </span>
      <span className="tabular-nums" data-testid={testId ? `${testId}-value` : undefined}>{formatPercent(percent)}</span>
    </span>
  );
}

export function JobProgress({ progress }: { progress: ProgressDto }) {
  if (progress.kind === 'percent') {
    return (
      <div className="panel px-4 py-3">
        <ProgressBar percent={progress.percent} testId="job-progress" />
      </div>
    );
  }
  return <JsonBlock value={progress.json} testId="job-progress-json" />;
}
