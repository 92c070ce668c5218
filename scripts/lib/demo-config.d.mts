export interface DemoConfig {
  port: number;
  host: string;
  redisUrl: string | undefined;
  workers: number;
  concurrency: number;
}
export function demoConfig(env?: Record<string, string | undefined>): DemoConfig;
export function portProblem(host: string, port: number): Promise<string | null>;
