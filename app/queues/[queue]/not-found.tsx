'use client';
import Link from 'next/link';
import { useDecodedParam } from '@/components/route-params';

export default function QueueNotFound() {
  const queue = useDecodedParam('queue');
  return (
    <div data-testid="not-found" className="panel mx-auto max-w-xl p-6">
      <h1 className="text-lg font-semibold">Queue not found</h1>
      <p className="mt-2 text-sm text-slate-700">
        There is no queue named <code className="rounded bg-slate-100 px-1 font-mono break-all">{queue ?? '?'}</code> in this
        Redis. It may never have received a job, or the link is mistyped.
      </p>
      <Link href="/" className="link mt-4 inline-block text-sm">
        ← All queues
      </Link>
    </div>
  );
}
