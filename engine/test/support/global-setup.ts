// Starts one private redis-server for the whole run (or uses CONVEYOR_TEST_REDIS_URL when the
// caller already started one) and hands its URL to every test file through `inject`.
import type { TestProject } from 'vitest/node';
import { startRedis } from '../../../scripts/lib/redis-server.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const given = process.env.CONVEYOR_TEST_REDIS_URL;
  if (given) {
    project.provide('redisUrl', given);
    return;
  }
  const server = await startRedis();
  project.provide('redisUrl', server.url);
  return () => server.stop();
}
