/**
 * The Node queue systems the harness knows, by name. Each is loaded only when asked for, so a
 * measurement process holds one system's code and libraries, not all of them (RSS is measured).
 * Python RQ runs through bench/rq instead.
 */
import type { QueueSystem } from './types';

const LOADERS: Record<string, () => Promise<QueueSystem>> = {
  conveyor: async () => (await import('./conveyor')).conveyor,
  bullmq: async () => (await import('./bullmq')).bullmq,
  'bee-queue': async () => (await import('./bee-queue')).beeQueue,
};

export const NODE_SYSTEM_NAMES = Object.keys(LOADERS);

export async function loadSystem(name: string): Promise<QueueSystem> {
  const load = LOADERS[name];
  if (!load) throw new Error(`unknown queue system ${JSON.stringify(name)} (known: ${NODE_SYSTEM_NAMES.join(', ')})`);
  return load();
}
