'use client';
/**
 * The newest lines a job logged (`ctx.log`), oldest first, as plain text. Polled while the job
 * runs; the view stays pinned to the bottom as lines arrive unless the reader scrolled up.
 */
import { useLayoutEffect, useRef } from 'react';
import type { JobDetailDto } from '@/lib/wire';
import { formatCount } from '../format';
import { useJobLogs } from '../queries';
import { ErrorNotice } from '../ui/notice';

/** Lines fetched for the page: enough to follow a job, small enough to poll every 2 s. */
export const LOG_LINES_SHOWN = 200;

/** How close to the bottom (px) still counts as "following" the log. */
const PINNED_SLACK = 24;

function usePinnedToBottom(dependency: unknown) {
  const ref = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [dependency]);
  const onScroll = () => {
    const el = ref.current;
    if (el) pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight <= PINNED_SLACK;
  };
  return { ref, onScroll };
}

export function JobLogs({ job }: { job: JobDetailDto }) {
  const live = job.state === 'started';
  const logs = useJobLogs(job.queue, job.id, LOG_LINES_SHOWN, live, job.logCount);
  const { ref, onScroll } = usePinnedToBottom(logs.data);
  if (logs.error && !logs.data) return <ErrorNotice error={logs.error} title="Could not load the job's log" />;
  if (!logs.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const { lines, offset, total } = logs.data;
  if (total === 0) {
    return <p data-testid="job-logs-empty" className="text-sm text-slate-500">{live ? 'No log lines yet.' : 'This job logged nothing.'}</p>;
  }
  return (
    <div>
      <div
        ref={ref}
        onScroll={onScroll}
        data-testid="job-logs"
        className="max-h-96 overflow-auto rounded-md border border-slate-200 bg-slate-900 py-2 font-mono text-xs leading-relaxed text-slate-100"
      >
        {lines.map((line, i) => (
          <div key={offset + i} data-testid="job-log-line" className="grid grid-cols-[4rem_1fr] gap-3 px-3 hover:bg-slate-800">
            <span aria-hidden className="text-right text-slate-500 select-none tabular-nums">{offset + i + 1}</span>
            <span className="whitespace-pre-wrap [overflow-wrap:anywhere]">{line}</span>
          </div>
        ))}
      </div>
      <p data-testid="job-logs-summary" className="mt-1 text-xs text-slate-500">
        {lines.length < total
          ? `The newest ${formatCount(lines.length)} of ${formatCount(total)} stored lines`
          : `${formatCount(total)} line${total === 1 ? '' : 's'}`}
        {live && ' · updating while the job runs'}
      </p>
    </div>
  );
}
