'use client';
import Link from 'next/link';
import { queueHref } from '@/components/links';
import { useDecodedParam } from '@/components/route-params';

export default function JobNotFound() {
  const queue = useDecodedParam('queue');
  const id = useDecodedParam('id');
  return (
    <div data-testid="not-found" className="panel mx-auto max-w-xl p-6">
      <h1 className="text-lg font-semibold">Job not found</h1>
      <p className="mt-2 text-sm text-slate-700">
        No job <code className="rounded bg-slate-100 px-1 font-mono break-all">{id ?? '?'}</code> in queue{' '}
        <code className="rounded bg-slate-100 px-1 font-mono break-all">{queue ?? '?'}</code>. It may have been deleted, or its
        retention time ran out.
      </p>
      {queue !== null && (
        <Link href={queueHref(queue)} className="link mt-4 inline-block text-sm">
          ← Queue {queue}
        </Link>
      )}
    </div>
  );
}
