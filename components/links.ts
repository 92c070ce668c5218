/**
 * Page URLs. Each dynamic segment is encoded on its own; next/link adds any base path itself.
 */
import type { JobState } from '@/lib/wire';

const seg = encodeURIComponent;

export function queueHref(queue: string, state?: JobState, page?: number): string {
  const search = new URLSearchParams();
  if (state) search.set('state', state);
  if (page && page > 1) search.set('page', String(page));
  const qs = search.toString();
  return `/queues/${seg(queue)}${qs ? `?${qs}` : ''}`;
}

export function jobHref(queue: string, id: string): string {
  return `/queues/${seg(queue)}/jobs/${seg(id)}`;
}
