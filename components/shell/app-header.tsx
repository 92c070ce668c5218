'use client';
/**
 * The shared header: product name, navigation, Redis health, live/stale indicator and the
 * UTC/local time switch.
 */
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useSettings } from '../providers';
import { HealthBadge } from './health-badge';
import { LiveIndicator } from './live-indicator';

const NAV = [
  { href: '/', label: 'Overview', active: (path: string) => path === '/' || path.startsWith('/queues') },
  { href: '/workers', label: 'Workers', active: (path: string) => path.startsWith('/workers') },
];

function TimeZoneToggle() {
  const { timeZone, setTimeZone } = useSettings();
  return (
    <div role="group" aria-label="Time zone" className="flex overflow-hidden rounded-md border border-slate-600 text-xs">
      {(['utc', 'local'] as const).map((mode) => (
        <button
          key={mode}
          type="button"
          data-testid={`tz-${mode}`}
          aria-pressed={timeZone === mode}
          onClick={() => setTimeZone(mode)}
          className={`px-2 py-1 ${timeZone === mode ? 'bg-slate-200 text-slate-900' : 'text-slate-300 hover:bg-slate-700'}`}
        >
          {mode === 'utc' ? 'UTC' : 'Local'}
        </button>
      ))}
    </div>
  );
}

export function AppHeader() {
  const pathname = usePathname() ?? '/';
  const { readOnly } = useSettings();
  return (
    <header className="border-b border-slate-800 bg-slate-900 text-slate-100">
      <div className="mx-auto flex h-12 max-w-[1400px] items-center gap-6 px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-white">
          <span aria-hidden className="inline-block h-3 w-3 rounded-sm bg-emerald-400" />
          Conveyor
        </Link>
        <nav aria-label="Main" className="flex gap-1 text-sm">
          {NAV.map((item) => {
            const active = item.active(pathname);
            return (
              <Link
                key={item.href}
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={`rounded px-2.5 py-1 ${active ? 'bg-slate-700 text-white' : 'text-slate-300 hover:bg-slate-800 hover:text-white'}`}
              >
                {item.label}
              </Link>
            );
          })}
        </nav>
        <div className="ml-auto flex items-center gap-4 text-xs">
          {readOnly && (
            <span data-testid="read-only-badge" className="rounded bg-amber-400/20 px-2 py-0.5 font-medium text-amber-200">
              read-only
            </span>
          )}
          <HealthBadge />
          <LiveIndicator />
          <TimeZoneToggle />
        </div>
      </div>
    </header>
  );
}
