/**
 * Runs one measurement process: a fresh process in its own process group, its settings in the
 * environment, its result on one `BENCH_RESULT {json}` line. Past its deadline the group is
 * killed; after it exits the group is killed too, so nothing it forked (RQ's work horses)
 * outlives it. Every live group is remembered so an interrupted run can stop them all.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const RESULT_PREFIX = 'BENCH_RESULT ';
const READY_LINE = 'BENCH_READY';
/** grace beyond the process's own deadline before the parent kills it */
const KILL_GRACE_MS = 10_000;

export interface ChildSpec {
  label: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  timeoutMs: number;
  /** pass the process's stderr through (default: keep only its tail for error messages) */
  verbose?: boolean;
}

export type ChildResult = Record<string, unknown> & { error?: string };

export interface RunningChild {
  /** resolves when the process prints BENCH_READY (rejects if it exits first) */
  ready: Promise<void>;
  /** the result record, or one with `error` when there was none */
  result: Promise<ChildResult>;
  /** kills the process group now (its result then says so) */
  kill(): void;
}

const live = new Set<ChildProcess>();
/** set once the run is being torn down: no new process may start after that */
let closed = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

/** Kills every measurement process group still running (on interrupt or failure). */
export function killAllChildren(): void {
  closed = true;
  for (const child of live) killGroup(child, 'SIGKILL');
  live.clear();
}

export function startChild(spec: ChildSpec): RunningChild {
  if (closed) {
    const refused = Promise.resolve({ error: `${spec.label}: not started, the run is stopping` });
    const never = Promise.reject(new Error('the run is stopping'));
    never.catch(() => {});
    return { ready: never, result: refused, kill: () => {} };
  }
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  live.add(child);
  let result: ChildResult | undefined;
  let stderrTail = '';
  let onReady = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line === READY_LINE) onReady();
      else if (line.startsWith(RESULT_PREFIX)) result = parseResult(line.slice(RESULT_PREFIX.length));
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    if (spec.verbose) process.stderr.write(chunk);
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-2000);
  });
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), spec.timeoutMs + KILL_GRACE_MS);
  const exited = new Promise<ChildResult>((resolve) => {
    const finish = (why: string) => {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
      live.delete(child);
      resolve(result ?? { error: `${spec.label}: no result (${why})${stderrTail ? `: ${stderrTail.trim().slice(-600)}` : ''}` });
    };
    child.on('error', (e) => finish(`could not start: ${e.message}`));
    child.on('exit', (code, signal) => finish(signal ? `killed by ${signal}` : `exit code ${code}`));
  });
  const readyOrExit = Promise.race([ready, exited.then(() => Promise.reject(new Error(`${spec.label} exited before it was ready`)))]);
  readyOrExit.catch(() => {}); // most callers never wait for readiness
  return { ready: readyOrExit, result: exited, kill: () => killGroup(child, 'SIGKILL') };
}

function parseResult(text: string): ChildResult {
  try {
    return JSON.parse(text) as ChildResult;
  } catch {
    return { error: `unreadable result line: ${text.slice(0, 200)}` };
  }
}

/** Runs a process to its end and returns its result record. */
export function runChild(spec: ChildSpec): Promise<ChildResult> {
  return startChild(spec).result;
}
