/**
 * The `conveyor` command line run as a real process against the test Redis, for tests of its
 * operator commands: what it printed and how it exited.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { redisUrl } from './fixtures';
import { spawnConveyor } from './processes';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `conveyor <args>` to its end. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const child = spawn(process.execPath, ['bin/conveyor.mjs', ...args], {
    cwd: root, env: { ...process.env, REDIS_URL: redisUrl(), ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface CliProcess {
  /** everything printed to stdout so far */
  stdout: () => string;
  stderr: () => string;
  /** sends a signal and resolves with the exit code */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** Starts `conveyor <args>` that keeps running (`events --follow`); killed after the test. */
export function startCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const { child, stdout, stderr, exited } = spawnConveyor(args, env);
  return {
    stdout,
    stderr,
    stop: (signal = 'SIGTERM') => {
      child.kill(signal);
      return exited;
    },
  };
}
