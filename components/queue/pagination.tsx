'use client';
import Link from 'next/link';
import type { JobState } from '@/lib/wire';
import { formatCount } from '../format';
import { queueHref } from '../links';

interface Props {
  queue: string;
  state: JobState;
  page: number;
  pageSize: number;
  total: number;
}

export function Pagination({ queue, state, page, pageSize, total }: Props) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const linkClass = 'btn-secondary !px-2.5 !py-1';
  return (
    <div className="flex items-center justify-between px-3 py-2 text-sm text-slate-600" data-testid="pagination">
      <p className="tabular-nums" data-testid="page-summary">
        {total === 0 ? 'No jobs' : `${formatCount(first)}–${formatCount(last)} of ${formatCount(total)}`}
        <span className="ml-2 text-slate-400">
          page {formatCount(page)} of {formatCount(pages)}
        </span>
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link prefetch={false} href={queueHref(queue, state, page - 1)} data-testid="page-prev" className={linkClass}>
            ← Previous
          </Link>
        ) : (
          <span className={`${linkClass} pointer-events-none opacity-40`} aria-disabled>
            ← Previous
          </span>
        )}
        {page < pages ? (
          <Link prefetch={false} href={queueHref(queue, state, page + 1)} data-testid="page-next" className={linkClass}>
            Next →
          </Link>
        ) : (
          <span className={`${linkClass} pointer-events-none opacity-40`} aria-disabled>
            Next →
          </span>
        )}
      </div>
    </div>
  );
}
