'use client';
/**
 * A page failed to render on the server (most often: Redis is unreachable while the page checks
 * that the queue or job exists). Offer a retry; the header keeps showing Redis health.
 */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" data-testid="page-error" className="panel mx-auto max-w-xl p-6">
      <h1 className="text-lg font-semibold">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-slate-700">
        The server could not answer. If the Redis indicator in the header says “down”, the dashboard cannot reach Redis; the
        page recovers once it can.
      </p>
      {error.digest && <p className="mt-2 font-mono text-xs text-slate-500">reference: {error.digest}</p>}
      <button type="button" onClick={reset} className="btn-secondary mt-4">
        Try again
      </button>
    </div>
  );
}
