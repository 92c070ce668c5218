import 'server-only';
/**
 * What the page routes need before rendering: decoded, validated route params, and whether the
 * queue or job exists (so an unknown one gets a real 404 page).
 *
 * Next 16.5 hands a page component its params still percent-encoded ("a%2Fb%20c"), while route
 * handlers and generateMetadata get them decoded (checked in dev and production builds). Pages
 * therefore decode each segment here, exactly once, so a queue literally named "%41" (link:
 * %2541) stays "%41".
 */
import { queue as queueHandle } from './engine';
import { jobIdSchema, jobListQuerySchema, queueNameSchema, searchObject, type JobListQuery } from './params';

type Search = Record<string, string | string[] | undefined>;

const isNotFound = (err: unknown) => {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'QUEUE_NOT_FOUND' || code === 'JOB_NOT_FOUND';
};

/** One percent-decoding of a page's route segment; null for a malformed escape. */
export function decodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** The queue a page's (still encoded) segment names; null when invalid or unknown. */
export async function findQueue(rawSegment: string): Promise<string | null> {
  const name = queueNameSchema.safeParse(decodeSegment(rawSegment));
  if (!name.success) return null;
  try {
    await queueHandle(name.data);
    return name.data;
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/** The queue and job a page's (still encoded) segments name; null when either does not exist. */
export async function findJob(rawQueue: string, rawId: string): Promise<{ queue: string; id: string } | null> {
  const id = jobIdSchema.safeParse(decodeSegment(rawId));
  const queue = id.success ? await findQueue(rawQueue) : null;
  if (!queue || !id.success) return null;
  const exists = await (await queueHandle(queue)).exists(id.data);
  return exists ? { queue, id: id.data } : null;
}

export type QueuePageQuery = { ok: true; query: JobListQuery } | { ok: false; message: string };

/** The queue page's ?state=&page= (page size is the UI's own choice). */
export function parseQueuePageQuery(search: Search): QueuePageQuery {
  const { state, page } = searchObject(search);
  const result = jobListQuerySchema.safeParse({ state, page });
  if (result.success) return { ok: true, query: result.data };
  return { ok: false, message: result.error.issues.map((i) => i.message).join('; ') };
}

