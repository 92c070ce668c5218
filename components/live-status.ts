/**
 * Whether the data on screen is live: the time of the last successful poll and whether the
 * latest poll failed for an outage (network or 5xx). Fed by the QueryCache callbacks.
 */
import { useSyncExternalStore } from 'react';

export interface LiveStatus {
  /** ms of the last successful response, 0 before the first */
  lastSuccessAt: number;
  /** true when the most recent poll failed because the server or Redis was unreachable */
  failing: boolean;
  lastError: string | null;
}

let status: LiveStatus = { lastSuccessAt: 0, failing: false, lastError: null };
const listeners = new Set<() => void>();

function publish(next: LiveStatus): void {
  status = next;
  for (const listener of listeners) listener();
}

export function reportSuccess(): void {
  publish({ lastSuccessAt: Date.now(), failing: false, lastError: null });
}

export function reportOutage(message: string): void {
  publish({ ...status, failing: true, lastError: message });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const SERVER_STATUS: LiveStatus = { lastSuccessAt: 0, failing: false, lastError: null };

export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(subscribe, () => status, () => SERVER_STATUS);
}
