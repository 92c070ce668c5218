import type { ChildProcess } from 'node:child_process';

export interface RedisServerOptions {
  port?: number;
  dir?: string;
  password?: string;
  appendonly?: boolean;
  extraArgs?: string[];
  bin?: string;
}

export interface RedisServer {
  url: string;
  port: number;
  password?: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export function freePort(): Promise<number>;
export function startRedis(options?: RedisServerOptions): Promise<RedisServer>;
