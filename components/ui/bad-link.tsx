import Link from 'next/link';
import { queueHref } from '../links';

/** A deep link with a bad query string: say what is wrong and offer the plain page. */
export function BadLink({ message, queue }: { message: string; queue: string }) {
  return (
    <div role="alert" data-testid="bad-link" className="panel mx-auto max-w-xl p-6">
      <h1 className="text-lg font-semibold">This link is not valid</h1>
      <p className="mt-2 text-sm text-slate-700">{message}</p>
      <Link prefetch={false} href={queueHref(queue)} className="link mt-4 inline-block text-sm">
        Open queue {queue}
      </Link>
    </div>
  );
}
