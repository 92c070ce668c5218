import { route } from '@/lib/http';
import { cancelBodySchema, jobParamsSchema, parseOrThrow, readJsonBody } from '@/lib/params';
import { cancelJob } from '@/lib/queues';

export const dynamic = 'force-dynamic';

export const POST = route<{ queue: string; id: string }>(
  async (request, params) => {
    const { queue, id } = parseOrThrow(jobParamsSchema, params);
    const { reason } = parseOrThrow(cancelBodySchema, await readJsonBody(request));
    return cancelJob(queue, id, reason);
  },
  { mutates: true },
);
