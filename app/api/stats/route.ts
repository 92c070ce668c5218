import { route } from '@/lib/http';
import { parseOrThrow, searchObject, statsQuerySchema } from '@/lib/params';
import { loadStats } from '@/lib/stats';

export const dynamic = 'force-dynamic';

export const GET = route(async (request) => {
  const { window } = parseOrThrow(statsQuerySchema, searchObject(new URL(request.url).searchParams));
  return loadStats(window);
});
