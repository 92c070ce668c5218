import 'server-only';
/**
 * The one engine Inspector of this server process. It is kept on globalThis so that dev-mode
 * hot reloads reuse the connection instead of leaking one per edit.
 */
import { Inspector, type Queue } from '@/engine';
import { env } from './env';

const holder = globalThis as typeof globalThis & { __conveyorInspector?: Inspector };

let lastErrorLog = 0;

/** ioredis emits 'error' on every failed reconnect; log at most one line every 30 s. */
function logConnectionError(err: Error): void {
  const now = Date.now();
  if (now - lastErrorLog < 30_000) return;
  lastErrorLog = now;
  console.error(`[conveyor] Redis connection error: ${err.message}`);
}

export function inspector(): Inspector {
  if (!holder.__conveyorInspector) {
    const { redisUrl, prefix } = env();
    const created = new Inspector({ connection: redisUrl, prefix });
    created.client.on('error', logConnectionError);
    holder.__conveyorInspector = created;
  }
  return holder.__conveyorInspector;
}

/** A handle on an existing queue; throws the engine's QueueNotFoundError for unknown names. */
export function queue(name: string): Promise<Queue> {
  return inspector().queue(name);
}
