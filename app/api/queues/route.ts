import { route } from '@/lib/http';
import { listQueues } from '@/lib/queues';

export const dynamic = 'force-dynamic';

export const GET = route(() => listQueues());
