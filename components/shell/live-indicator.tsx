'use client';
import { useEffect, useState } from 'react';
import { formatDuration } from '../format';
import { useLiveStatus } from '../live-status';

/** "live" while polls succeed; "stale — last update N s ago" once they fail. */
export function LiveIndicator() {
  const { lastSuccessAt, failing, lastError } = useLiveStatus();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  if (!failing) {
    return (
      <span data-testid="live-indicator" data-live="true" className="flex items-center gap-1.5 text-emerald-300">
        <span aria-hidden className="h-2 w-2 animate-pulse rounded-full bg-emerald-400" />
        live
      </span>
    );
  }
  const since = Math.max(0, now - lastSuccessAt);
  const age = lastSuccessAt ? `last update ${since < 60_000 ? `${Math.round(since / 1000)} s` : formatDuration(since)} ago` : 'no data yet';
  return (
    <span data-testid="live-indicator" data-live="false" role="status" title={lastError ?? undefined} className="flex items-center gap-1.5 rounded bg-amber-400/20 px-2 py-0.5 font-medium text-amber-200">
      <span aria-hidden className="h-2 w-2 rounded-full bg-amber-400" />
      stale — {age}
    </span>
  );
}
