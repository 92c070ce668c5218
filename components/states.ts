/**
 * Job states as the UI presents them: order, colors, and what "age" means in each.
 */
import type { JobState } from '@/lib/wire';

export const STATES: readonly JobState[] = ['queued', 'scheduled', 'deferred', 'started', 'finished', 'failed', 'canceled'];

/** Badge classes per state: failed red, finished green, started blue, queued gray... */
export const STATE_BADGE: Record<JobState, string> = {
  queued: 'bg-slate-100 text-slate-700 ring-slate-300',
  scheduled: 'bg-violet-50 text-violet-700 ring-violet-300',
  deferred: 'bg-amber-50 text-amber-800 ring-amber-300',
  started: 'bg-blue-50 text-blue-700 ring-blue-300',
  finished: 'bg-emerald-50 text-emerald-700 ring-emerald-300',
  failed: 'bg-red-50 text-red-700 ring-red-300',
  canceled: 'bg-zinc-100 text-zinc-500 ring-zinc-300',
};

/** Text color for a count of jobs in that state (zero counts are drawn muted elsewhere). */
export const STATE_TEXT: Record<JobState, string> = {
  queued: 'text-slate-800',
  scheduled: 'text-violet-700',
  deferred: 'text-amber-700',
  started: 'text-blue-700',
  finished: 'text-emerald-700',
  failed: 'text-red-700',
  canceled: 'text-zinc-500',
};

export const ENDED_STATES: ReadonlySet<JobState> = new Set(['finished', 'failed', 'canceled']);

/** States from which an operator may retry a job (the engine's rule). */
export const RETRYABLE_STATES: ReadonlySet<JobState> = ENDED_STATES;

/** States from which a job can be canceled (the engine's rule); a started job's handler is aborted. */
export const CANCELABLE_STATES: ReadonlySet<JobState> = new Set(['queued', 'scheduled', 'deferred', 'started']);
