import { route } from '@/lib/http';
import { parseOrThrow, queueParamsSchema } from '@/lib/params';
import { retryAllFailed } from '@/lib/queues';

export const dynamic = 'force-dynamic';

export const POST = route<{ queue: string }>(
  async (_request, params) => retryAllFailed(parseOrThrow(queueParamsSchema, params).queue),
  { mutates: true },
);
