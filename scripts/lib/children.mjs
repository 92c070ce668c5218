// Child processes of the demo: started with a name, every line they print prefixed with it,
// stopped with a signal and a deadline. node: builtins only.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const COLORS = [36, 35, 33, 32, 34, 91, 96, 95];
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
let nextColor = 0;
const width = { value: 8 };

/** "name    | " (padded so the columns line up, colored on a terminal). */
export function linePrefix(name, color) {
  const label = name.padEnd(width.value);
  return useColor && color !== undefined ? `\x1b[${color}m${label}\x1b[0m | ` : `${label} | `;
}

/** Every line read from `stream`, prefixed, to `out`. */
export function pipeLines(stream, prefix, out = process.stdout) {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => out.write(`${prefix}${line}\n`));
}

/** The demo's own messages, in the same column layout as the children's. */
export function say(message, out = process.stdout) {
  for (const line of String(message).split('\n')) out.write(`${linePrefix('demo', 1)}${line}\n`);
}

/** Starts `command args` as `name`; resolves nothing, returns { name, child, exited }. */
export function startChild(name, command, args, { cwd, env }) {
  const color = COLORS[nextColor++ % COLORS.length];
  width.value = Math.max(width.value, name.length);
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = linePrefix(name, color);
  pipeLines(child.stdout, prefix);
  pipeLines(child.stderr, prefix, process.stderr);
  const exited = new Promise((resolve) => {
    child.once('error', (e) => resolve({ code: null, signal: null, error: e.message }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { name, child, exited, color };
}

export const isRunning = (child) => child.exitCode === null && child.signalCode === null;

/** Sends `signal`, then SIGKILL after `graceMs` if it is still running; resolves once it exited. */
export async function stopChild(proc, signal, graceMs) {
  if (!isRunning(proc.child)) return;
  proc.child.kill(signal);
  const timer = setTimeout(() => {
    if (isRunning(proc.child)) {
      say(`${proc.name} did not stop within ${graceMs / 1000} s; killing it`);
      proc.child.kill('SIGKILL');
    }
  }, graceMs);
  await proc.exited;
  clearTimeout(timer);
}

export function describeExit({ code, signal, error }) {
  if (error) return `could not start: ${error}`;
  return signal ? `killed by ${signal}` : `exited with code ${code}`;
}
