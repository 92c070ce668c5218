import type { JobState } from '@/lib/wire';
import { STATE_BADGE } from '../states';

export function StateBadge({ state, testId }: { state: JobState; testId?: string }) {
  return (
    <span
      data-testid={testId}
      data-state={state}
      className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STATE_BADGE[state] ?? STATE_BADGE.queued}`}
    >
      {state}
    </span>
  );
}
