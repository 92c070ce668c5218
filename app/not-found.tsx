import Link from 'next/link';

export default function NotFound() {
  return (
    <div data-testid="not-found" className="panel mx-auto max-w-xl p-6">
      <h1 className="text-lg font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-700">There is nothing at this address.</p>
      <Link href="/" className="link mt-4 inline-block text-sm">
        ← Overview
      </Link>
    </div>
  );
}
