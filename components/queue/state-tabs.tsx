'use client';
import Link from 'next/link';
import type { JobState, StateCounts } from '@/lib/wire';
import { formatCount } from '../format';
import { queueHref } from '../links';
import { STATES, STATE_TEXT } from '../states';

/** One link per state; the current one is marked aria-selected. Counts update with every poll. */
export function StateTabs({ queue, current, counts }: { queue: string; current: JobState; counts: StateCounts | undefined }) {
  return (
    <nav aria-label="Job states" className="border-b border-slate-200">
      <ul role="tablist" className="-mb-px flex flex-wrap gap-1 px-2">
        {STATES.map((state) => {
          const active = state === current;
          const count = counts?.[state];
          return (
            <li key={state} role="presentation">
              <Link
                prefetch={false}
                href={queueHref(queue, state)}
                role="tab"
                aria-selected={active}
                data-testid={`state-tab-${state}`}
                className={`flex items-center gap-2 border-b-2 px-3 py-2 text-sm ${
                  active ? 'border-slate-900 font-semibold text-slate-900' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'
                }`}
              >
                {state}
                <span
                  data-testid={`state-count-${state}`}
                  className={`rounded-full px-1.5 text-xs tabular-nums ${count ? `bg-slate-100 font-medium ${STATE_TEXT[state]}` : 'bg-slate-50 text-slate-400'}`}
                >
                  {count === undefined ? '–' : formatCount(count)}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
