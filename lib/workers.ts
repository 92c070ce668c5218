import 'server-only';
import { inspector } from './engine';
import { toWorker } from './serialize';
import type { WorkersResponse } from './wire';

/** Workers with a fresh heartbeat (the engine drops the others). */
export async function listWorkers(): Promise<WorkersResponse> {
  const workers = await inspector().listWorkers();
  return { workers: workers.map(toWorker), now: Date.now() };
}
