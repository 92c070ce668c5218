import { route } from '@/lib/http';
import { parseOrThrow, queueParamsSchema } from '@/lib/params';
import { setPaused } from '@/lib/queues';

export const dynamic = 'force-dynamic';

export const POST = route<{ queue: string }>(
  async (_request, params) => setPaused(parseOrThrow(queueParamsSchema, params).queue, true),
  { mutates: true },
);
