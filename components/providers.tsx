'use client';
/**
 * Client-side context for every page: the react-query client (whose cache feeds the live/stale
 * indicator) and dashboard settings (read-only mode from the server, UTC/local time display).
 */
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError } from './api';
import type { TimeZoneMode } from './format';
import { forgetQuery, reportOutage, reportSuccess } from './live-status';

interface Settings {
  readOnly: boolean;
  timeZone: TimeZoneMode;
  setTimeZone: (mode: TimeZoneMode) => void;
}

const SettingsContext = createContext<Settings>({ readOnly: false, timeZone: 'utc', setTimeZone: () => {} });

export const useSettings = () => useContext(SettingsContext);

const TZ_STORAGE_KEY = 'conveyor.timeZone';

function makeQueryCache(): QueryCache {
  const cache = new QueryCache({
    // The health check answers even while Redis is down, so it says nothing about data freshness.
    onSuccess: (_data, query) => {
      if (query.meta?.live !== false) reportSuccess(query.queryHash);
    },
    onError: (err, query) => {
      if (query.meta?.live === false) return;
      if (!(err instanceof ApiError) || err.isOutage) reportOutage(query.queryHash, err.message);
    },
  });
  cache.subscribe((event) => {
    const unused = event.type === 'removed' || (event.type === 'observerRemoved' && event.query.getObserversCount() === 0);
    if (unused) forgetQuery(event.query.queryHash);
  });
  return cache;
}

function makeQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: makeQueryCache(),
    defaultOptions: {
      queries: {
        staleTime: 1000,
        // One quick retry for outages; a 4xx answer will not change by asking again.
        retry: (failures, err) => err instanceof ApiError && err.isOutage && failures < 1,
        retryDelay: 500,
      },
      mutations: { retry: false },
    },
  });
}

function useTimeZoneSetting(): [TimeZoneMode, (mode: TimeZoneMode) => void] {
  const [mode, setMode] = useState<TimeZoneMode>('utc');
  // Read after mount: the server render cannot know the browser's choice.
  useEffect(() => {
    if (window.localStorage.getItem(TZ_STORAGE_KEY) === 'local') setMode('local');
  }, []);
  const update = useCallback((next: TimeZoneMode) => {
    setMode(next);
    window.localStorage.setItem(TZ_STORAGE_KEY, next);
  }, []);
  return [mode, update];
}

export function Providers({ readOnly, children }: { readOnly: boolean; children: React.ReactNode }) {
  const [client] = useState(makeQueryClient);
  const [timeZone, setTimeZone] = useTimeZoneSetting();
  const settings = useMemo(() => ({ readOnly, timeZone, setTimeZone }), [readOnly, timeZone, setTimeZone]);
  return (
    <QueryClientProvider client={client}>
      <SettingsContext.Provider value={settings}>{children}</SettingsContext.Provider>
    </QueryClientProvider>
  );
}
