import type { Metadata } from 'next';
import { AppHeader } from '@/components/shell/app-header';
import { Providers } from '@/components/providers';
import { env } from '@/lib/env';
import './globals.css';

// Every page reads live Redis data and request-time settings: never prerender or cache.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Conveyor', template: '%s · Conveyor' },
  description: 'Operator dashboard for Conveyor job queues',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Providers readOnly={env().readOnly}>
          <AppHeader />
          <main className="mx-auto max-w-[1400px] px-4 py-5">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
