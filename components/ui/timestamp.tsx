'use client';
import { formatRelative, formatTimestamp } from '../format';
import { useSettings } from '../providers';

/** An absolute time in the chosen zone ("2026-12-03 19:35:50 UTC"), or an em dash when unknown. */
export function Timestamp({ ms, withZone = true, testId }: { ms: number | null | undefined; withZone?: boolean; testId?: string }) {
  const { timeZone } = useSettings();
  if (!ms) return <span data-testid={testId} className="text-slate-400">—</span>;
  return (
    <time data-testid={testId} dateTime={new Date(ms).toISOString()} className="tabular-nums">
      {formatTimestamp(ms, timeZone, withZone)}
    </time>
  );
}

/** Absolute time followed by a muted relative one: "2026-12-03 19:35:50 UTC (3 min ago)". */
export function TimestampWithAge({ ms, now, testId }: { ms: number | null | undefined; now: number; testId?: string }) {
  if (!ms) return <Timestamp ms={ms} testId={testId} />;
  return (
    <span data-testid={testId}>
      <Timestamp ms={ms} />{' '}
      <span className="ml-1 text-slate-500">({formatRelative(ms, now)})</span>
    </span>
  );
}
