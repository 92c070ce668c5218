import { ApiError } from '../api';

export function LoadingRow({ text = 'Loading…' }: { text?: string }) {
  return <p className="px-3 py-6 text-sm text-slate-500">{text}</p>;
}

/** A failed load, with the server's own error message (shown as text). */
export function ErrorNotice({ error, title = 'Could not load data' }: { error: unknown; title?: string }) {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.code : null;
  return (
    <div role="alert" data-testid="error-notice" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      <p className="font-medium">{title}</p>
      <p className="mt-1 break-words">
        {code && <span className="mr-2 font-mono text-xs">{code}</span>}
        {message}
      </p>
    </div>
  );
}

export function EmptyNotice({ children }: { children: React.ReactNode }) {
  return <p className="px-3 py-8 text-center text-sm text-slate-500">{children}</p>;
}
