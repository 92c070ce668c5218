/**
 * Whether the data on screen is live. Each polled query reports success or an outage (network
 * failure or 5xx); the screen is stale while any query still in use is failing. Fed by the
 * QueryCache callbacks (see providers.tsx).
 */
import { useSyncExternalStore } from 'react';

export interface LiveStatus {
  /** ms of the last successful response, 0 before the first */
  lastSuccessAt: number;
  /** true while at least one query in use last failed for an outage */
  failing: boolean;
  lastError: string | null;
}

const failingQueries = new Map<string, string>();
let status: LiveStatus = { lastSuccessAt: 0, failing: false, lastError: null };
const listeners = new Set<() => void>();

function publish(lastSuccessAt = status.lastSuccessAt): void {
  const errors = [...failingQueries.values()];
  status = { lastSuccessAt, failing: errors.length > 0, lastError: errors.at(-1) ?? null };
  for (const listener of listeners) listener();
}

export function reportSuccess(queryHash: string): void {
  failingQueries.delete(queryHash);
  publish(Date.now());
}

export function reportOutage(queryHash: string, message: string): void {
  failingQueries.set(queryHash, message);
  publish();
}

/** A query nobody shows any more (page left, job deleted) no longer makes the screen stale. */
export function forgetQuery(queryHash: string): void {
  if (failingQueries.delete(queryHash)) publish();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const SERVER_STATUS: LiveStatus = { lastSuccessAt: 0, failing: false, lastError: null };

export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(subscribe, () => status, () => SERVER_STATUS);
}
