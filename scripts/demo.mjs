// `npm run demo`: installs what is missing, builds the app, then runs the demo (embedded Redis,
// dashboard, two workers, a producer) until Ctrl-C. See scripts/lib/demo-supervisor.mjs.
//
// Env: PORT (3000), HOST (127.0.0.1), REDIS_URL (unset: an embedded Redis with its data in
// .conveyor/), DEMO_WORKERS (2), DEMO_CONCURRENCY (10).
//
// This process is the launcher. It starts the supervisor in a process group of its own, so that a
// Ctrl-C does not hit every child at once (Redis would quit before the workers could hand back
// their jobs); the launcher passes signals on, and once the supervisor exits it kills whatever is
// left in that group, so no process outlives the demo.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildApp } from './lib/build-app.mjs';
import { say } from './lib/children.mjs';
import { demoConfig, portProblem } from './lib/demo-config.mjs';
import { ensureAll } from './lib/ensure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const self = fileURLToPath(import.meta.url);
/** Signals closer together than this are one Ctrl-C (npm passes on the one the terminal sent us too). */
const SAME_SIGNAL_MS = 1000;

function fail(message) {
  say(`!!! ${message}`);
  process.exit(1);
}

async function prepare() {
  let config;
  try {
    config = demoConfig();
  } catch (e) {
    fail(e.message);
  }
  try {
    ensureAll(root, config.redisUrl ? [] : ['redis-server']);
  } catch (e) {
    fail(e.message);
  }
  const problem = await portProblem(config.host, config.port);
  if (problem) fail(problem);
  const build = await buildApp(root);
  if (!build.ok) fail(build.why);
}

function forwardSignals(supervisor) {
  let count = 0;
  let last = 0;
  const onSignal = (sig) => {
    const now = Date.now();
    if (now - last < SAME_SIGNAL_MS) return;
    last = now;
    count++;
    if (count >= 3) {
      say('third signal: killing every demo process now');
      killGroup(supervisor.pid, 'SIGKILL');
    } else {
      supervisor.kill(sig === 'SIGHUP' ? 'SIGTERM' : sig);
    }
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, onSignal);
  // `kill <npm's pid>` reaches npm's shell but not us: when our parent is gone, stop as if told to.
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    onSignal('SIGTERM');
  }, 1000).unref();
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* the group is empty */
  }
}

async function launch() {
  await prepare();
  const supervisor = spawn(process.execPath, [self], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
    env: { ...process.env, CONVEYOR_DEMO_ROLE: 'supervisor' },
  });
  forwardSignals(supervisor);
  supervisor.on('exit', (code, signal) => {
    killGroup(supervisor.pid, 'SIGKILL'); // anything that outlived the supervisor
    process.exit(code ?? (signal ? 1 : 0));
  });
}

if (process.env.CONVEYOR_DEMO_ROLE === 'supervisor') {
  const { supervise } = await import('./lib/demo-supervisor.mjs');
  await supervise(root);
} else {
  await launch();
}
