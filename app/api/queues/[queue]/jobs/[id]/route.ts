import { route } from '@/lib/http';
import { jobParamsSchema, parseOrThrow } from '@/lib/params';
import { deleteJob, getJobDetail } from '@/lib/queues';

export const dynamic = 'force-dynamic';

type Params = { queue: string; id: string };

export const GET = route<Params>(async (_request, params) => {
  const { queue, id } = parseOrThrow(jobParamsSchema, params);
  return getJobDetail(queue, id);
});

export const DELETE = route<Params>(
  async (_request, params) => {
    const { queue, id } = parseOrThrow(jobParamsSchema, params);
    return deleteJob(queue, id);
  },
  { mutates: true },
);
