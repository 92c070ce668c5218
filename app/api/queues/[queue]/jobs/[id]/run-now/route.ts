import { route } from '@/lib/http';
import { jobParamsSchema, parseOrThrow } from '@/lib/params';
import { runJobNow } from '@/lib/queues';

export const dynamic = 'force-dynamic';

export const POST = route<{ queue: string; id: string }>(
  async (_request, params) => {
    const { queue, id } = parseOrThrow(jobParamsSchema, params);
    return runJobNow(queue, id);
  },
  { mutates: true },
);
