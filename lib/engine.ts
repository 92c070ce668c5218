import 'server-only';
/**
 * The one engine Inspector of this server process, on a Redis connection the dashboard owns.
 * Both are kept on globalThis so that dev-mode hot reloads reuse them instead of leaking a
 * connection per edit.
 */
import { Redis } from 'ioredis';
import { Inspector, type Queue } from '@/engine';
import { env } from './env';

interface Held {
  client: Redis;
  inspector: Inspector;
}

const holder = globalThis as typeof globalThis & { __conveyorDashboard?: Held };

let lastErrorLog = 0;

/** ioredis emits 'error' on every failed reconnect; log at most one line every 30 s. */
function logConnectionError(err: Error): void {
  const now = Date.now();
  if (now - lastErrorLog < 30_000) return;
  lastErrorLog = now;
  console.error(`[conveyor] Redis connection error: ${err.message}`);
}

/**
 * A request waits for at most one reconnect attempt, and attempts are at most 1 s apart: while
 * Redis is down the API answers 503 within about a second instead of hanging.
 */
function connect(url: string): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 3000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  client.on('error', logConnectionError);
  return client;
}

function held(): Held {
  if (!holder.__conveyorDashboard) {
    const { redisUrl, prefix } = env();
    const client = connect(redisUrl);
    holder.__conveyorDashboard = { client, inspector: new Inspector({ connection: client, prefix }) };
  }
  return holder.__conveyorDashboard;
}

export function inspector(): Inspector {
  return held().inspector;
}

/** A handle on an existing queue; throws the engine's QueueNotFoundError for unknown names. */
export function queue(name: string): Promise<Queue> {
  return inspector().queue(name);
}

/** Closes the connection (tests; a server process keeps it for its lifetime). */
export async function closeEngine(): Promise<void> {
  const current = holder.__conveyorDashboard;
  delete holder.__conveyorDashboard;
  await current?.inspector.close();
  await current?.client.quit().catch(() => current.client.disconnect());
}
