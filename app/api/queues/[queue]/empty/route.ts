import { route } from '@/lib/http';
import { parseOrThrow, queueParamsSchema } from '@/lib/params';
import { emptyQueue } from '@/lib/queues';

export const dynamic = 'force-dynamic';

export const POST = route<{ queue: string }>(
  async (_request, params) => emptyQueue(parseOrThrow(queueParamsSchema, params).queue),
  { mutates: true },
);
