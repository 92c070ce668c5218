import { route } from '@/lib/http';
import { parseOrThrow, queueParamsSchema, readJsonBody, requeueBodySchema } from '@/lib/params';
import { requeueAll } from '@/lib/queues';

export const dynamic = 'force-dynamic';

export const POST = route<{ queue: string }>(
  async (request, params) => {
    const { queue } = parseOrThrow(queueParamsSchema, params);
    const { state } = parseOrThrow(requeueBodySchema, await readJsonBody(request));
    return requeueAll(queue, state);
  },
  { mutates: true },
);
