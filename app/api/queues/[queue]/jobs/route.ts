import { route } from '@/lib/http';
import { jobListQuerySchema, parseOrThrow, queueParamsSchema, searchObject } from '@/lib/params';
import { listJobs } from '@/lib/queues';

export const dynamic = 'force-dynamic';

export const GET = route<{ queue: string }>(async (request, params) => {
  const { queue } = parseOrThrow(queueParamsSchema, params);
  const query = parseOrThrow(jobListQuerySchema, searchObject(new URL(request.url).searchParams));
  return listJobs(queue, query);
});
