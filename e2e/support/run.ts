/**
 * What global setup started for this run, handed to the test workers through the environment
 * (Playwright starts its workers after global setup, with the environment it left).
 */
export interface RunInfo {
  /** the dashboard's address, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  redisUrl: string;
  /** key prefix unique to this run: nothing from another run shows up */
  prefix: string;
}

export const RUN_ENV = {
  baseUrl: 'CONVEYOR_E2E_BASE_URL',
  redisUrl: 'CONVEYOR_E2E_REDIS_URL',
  prefix: 'CONVEYOR_E2E_PREFIX',
} as const;

export function publishRun(info: RunInfo): void {
  process.env[RUN_ENV.baseUrl] = info.baseUrl;
  process.env[RUN_ENV.redisUrl] = info.redisUrl;
  process.env[RUN_ENV.prefix] = info.prefix;
}

export function runInfo(): RunInfo {
  const read = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run the browser tests through playwright.config.ts (its global setup sets it)`);
    return value;
  };
  return { baseUrl: read(RUN_ENV.baseUrl), redisUrl: read(RUN_ENV.redisUrl), prefix: read(RUN_ENV.prefix) };
}
