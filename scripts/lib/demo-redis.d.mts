import type { RedisServer } from './redis-server.mjs';

export function redisPassword(file: string): string;
export function startEmbeddedRedis(stateDir: string): Promise<RedisServer & { passwordFile: string }>;
