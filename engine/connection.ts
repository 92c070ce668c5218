/**
 * Redis connections. A caller passes a URL, ioredis options, or a client of its own (which we
 * use but never close). Every connection we create gets the Lua scripts installed.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { installScripts } from './scripts';

export type ConnectionOptions = string | RedisOptions | Redis;

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface OwnedClient {
  client: Redis;
  /** true when we created the client and must close it */
  owned: boolean;
}

/**
 * `role` tunes retry behaviour: workers wait out Redis restarts (commands queue until the
 * connection is back); interactive callers such as the dashboard fail fast instead.
 */
export function connect(conn: ConnectionOptions | undefined, role: 'worker' | 'producer' | 'interactive'): OwnedClient {
  if (conn instanceof Redis) {
    installScripts(conn);
    return { client: conn, owned: false };
  }
  const base: RedisOptions =
    role === 'interactive'
      ? { maxRetriesPerRequest: 1, enableOfflineQueue: true, connectTimeout: 5000 }
      : { maxRetriesPerRequest: null };
  const url = typeof conn === 'string' ? conn : DEFAULT_REDIS_URL;
  const options = typeof conn === 'object' ? { ...base, ...conn } : base;
  const client = typeof conn === 'object' ? new Redis(options) : new Redis(url, options);
  installScripts(client);
  return { client, owned: true };
}

/** A second connection with the same settings, for blocking commands. */
export function duplicate(client: Redis): Redis {
  const copy = client.duplicate({ maxRetriesPerRequest: null });
  installScripts(copy);
  return copy;
}

export async function closeClient(owned: OwnedClient): Promise<void> {
  if (!owned.owned) return;
  try {
    await owned.client.quit();
  } catch {
    owned.client.disconnect();
  }
}
