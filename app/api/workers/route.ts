import { route } from '@/lib/http';
import { listWorkers } from '@/lib/workers';

export const dynamic = 'force-dynamic';

export const GET = route(() => listWorkers());
