import { route } from '@/lib/http';
import { jobParamsSchema, logsQuerySchema, parseOrThrow, searchObject } from '@/lib/params';
import { getJobLogs } from '@/lib/queues';

export const dynamic = 'force-dynamic';

export const GET = route<{ queue: string; id: string }>(async (request, params) => {
  const { queue, id } = parseOrThrow(jobParamsSchema, params);
  const query = parseOrThrow(logsQuerySchema, searchObject(new URL(request.url).searchParams));
  return getJobLogs(queue, id, query);
});
