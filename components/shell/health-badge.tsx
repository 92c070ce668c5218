'use client';
import { useHealth } from '../queries';

/** Redis up/down with PING latency, from /api/health. */
export function HealthBadge() {
  const { data, isError } = useHealth();
  const state = isError ? 'unknown' : (data?.redis ?? 'unknown');
  const dot = state === 'up' ? 'bg-emerald-400' : state === 'down' ? 'bg-red-500' : 'bg-slate-500';
  const label =
    state === 'up' ? `Redis up · ${data?.latencyMs ?? '?'} ms` : state === 'down' ? 'Redis down' : 'Redis ?';
  return (
    <span data-testid="redis-health" data-state={state} className="flex items-center gap-1.5 tabular-nums text-slate-300" title="Redis PING from the dashboard server">
      <span aria-hidden className={`h-2 w-2 rounded-full ${dot}`} />
      {label}
    </span>
  );
}
