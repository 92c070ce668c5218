import { route } from '@/lib/http';
import { jobParamsSchema, parseOrThrow } from '@/lib/params';
import { retryJob } from '@/lib/queues';

export const dynamic = 'force-dynamic';

export const POST = route<{ queue: string; id: string }>(
  async (_request, params) => {
    const { queue, id } = parseOrThrow(jobParamsSchema, params);
    return retryJob(queue, id);
  },
  { mutates: true },
);
