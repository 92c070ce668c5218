// The running half of `npm run demo`: the embedded Redis, the dashboard, the workers and the
// producer, each a child process whose lines are prefixed with its name. The launcher
// (scripts/demo.mjs) starts this in a process group of its own, so a Ctrl-C on the terminal
// reaches only the launcher, which passes it on here, and we stop everything in order:
// producer, workers (they finish their running jobs), dashboard, and Redis last.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeExit, isRunning, linePrefix, pipeLines, say, startChild, stopChild } from './children.mjs';
import { demoConfig, portProblem } from './demo-config.mjs';
import { startEmbeddedRedis } from './demo-redis.mjs';

const SECOND = 1000;
/** Grace for running jobs at shutdown: a little more than the worker's own 20 s deadline. */
const WORKER_STOP_MS = 30 * SECOND;
const WEB_READY_MS = 120 * SECOND;

const shown = (host) => (host.includes(':') ? `[${host}]` : host);
/** The address to reach the dashboard at, when it listens on every interface. */
const reachable = (host) => (host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host);
const maskPassword = (url) => url.replace(/\/\/([^@/]*)@/, '//***@');

export class Demo {
  constructor(root, config) {
    this.root = root;
    this.config = config;
    this.queues = JSON.parse(readFileSync(join(root, 'demo', 'queues.json'), 'utf8'));
    this.workers = [];
    this.stopping = false;
  }

  get url() {
    return `http://${shown(reachable(this.config.host))}:${this.config.port}`;
  }

  childEnv(extra = {}) {
    return { ...process.env, REDIS_URL: this.redisUrl, NEXT_TELEMETRY_DISABLED: '1', ...extra };
  }

  async startRedis() {
    if (this.config.redisUrl) {
      this.redisUrl = this.config.redisUrl;
      return;
    }
    try {
      this.redis = await startEmbeddedRedis(join(this.root, '.conveyor'));
    } catch (e) {
      throw new Error(`the embedded Redis did not start: ${e.message.trim()}\n(its data is in .conveyor/redis/; move that folder away to start afresh)`);
    }
    this.redisUrl = this.redis.url;
    pipeLines(this.redis.child.stderr, linePrefix('redis', 31), process.stderr);
    this.fatalOnExit({ name: 'redis', child: this.redis.child, exited: exitOf(this.redis.child) });
  }

  async startWeb() {
    const problem = await portProblem(this.config.host, this.config.port);
    if (problem) throw new Error(problem);
    const next = join(this.root, 'node_modules', '.bin', 'next');
    const args = ['start', '--port', String(this.config.port), '--hostname', this.config.host];
    this.web = startChild('web', next, args, { cwd: this.root, env: this.childEnv({ NODE_ENV: 'production' }) });
    this.fatalOnExit(this.web);
    await this.waitForWeb();
  }

  async waitForWeb() {
    const deadline = Date.now() + WEB_READY_MS;
    while (!this.stopping && isRunning(this.web.child)) {
      try {
        await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(5 * SECOND) });
        return; // any HTTP answer: the server is up
      } catch {
        if (Date.now() > deadline) throw new Error(`the dashboard did not answer at ${this.url} within ${WEB_READY_MS / SECOND} s`);
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  }

  startWorker(index) {
    const args = ['bin/conveyor.mjs', 'worker', ...this.queues.flatMap((q) => ['--queue', q]), '--tasks', 'demo/tasks.ts', '--concurrency', String(this.config.concurrency)];
    this.workers[index] = startChild(`worker-${index + 1}`, process.execPath, args, { cwd: this.root, env: this.childEnv() });
    return this.workers[index];
  }

  startProducer() {
    this.producer = startChild('producer', process.execPath, ['--import', 'tsx', 'demo/producer.ts'], { cwd: this.root, env: this.childEnv() });
    return this.producer;
  }

  /** A dashboard or Redis that dies takes the demo with it: nothing works without them. */
  fatalOnExit(proc) {
    proc.exited.then((exit) => {
      if (this.stopping) return;
      say(`!!! ${proc.name} ${describeExit(exit)} unexpectedly; stopping the demo`);
      void this.shutdown(`${proc.name} died`, 1);
    });
  }

  /** A worker or the producer that dies is started again, with a growing pause if it keeps dying. */
  keepRunning(name, launch) {
    let failures = 0;
    const run = () => {
      const startedAt = Date.now();
      launch().exited.then((exit) => {
        if (this.stopping) return;
        failures = Date.now() - startedAt > 60 * SECOND ? 1 : failures + 1;
        const delay = Math.min(30 * SECOND, SECOND * 2 ** (failures - 1));
        say(`!!! ${name} ${describeExit(exit)} unexpectedly; starting it again in ${delay / SECOND} s` +
          (name.startsWith('worker') ? ' (its running jobs come back to the queue when their leases expire)' : ''));
        setTimeout(() => this.stopping || run(), delay);
      });
    };
    run();
  }

  banner() {
    const { host, port, workers, concurrency } = this.config;
    const lines = ['', 'Conveyor demo is running', `  Dashboard   ${this.url}`];
    if (this.redis) {
      lines.push(
        `  Redis       127.0.0.1:${this.redis.port}, password-protected (the password is in .conveyor/redis-password),`,
        `              AOF persistence in .conveyor/redis/`,
        `  CLI         REDIS_URL="redis://:$(cat .conveyor/redis-password)@127.0.0.1:${this.redis.port}" node bin/conveyor.mjs info`,
      );
    } else {
      lines.push(`  Redis       ${maskPassword(this.redisUrl)} (from REDIS_URL)`);
    }
    lines.push(`  Workers     ${workers} processes × concurrency ${concurrency} on ${this.queues.join(', ')}`, '  Stop        Ctrl-C', '');
    if (host !== '127.0.0.1' && host !== 'localhost') lines.push(`  Note: the dashboard listens on ${host}:${port}; anyone who can reach it can operate the queues`, '');
    say(lines.join('\n'));
  }

  async start() {
    await this.startRedis();
    if (this.stopping) return;
    await this.startWeb();
    for (let i = 0; i < this.config.workers && !this.stopping; i++) this.keepRunning(`worker-${i + 1}`, () => this.startWorker(i));
    if (this.stopping) return;
    this.keepRunning('producer', () => this.startProducer());
    this.banner();
  }

  /** Second call (a second Ctrl-C): workers give their running jobs back at once. */
  async shutdown(reason, exitCode = 0) {
    if (this.stopping) {
      say('stopping now: workers give their running jobs back to the queues');
      for (const w of this.workers) if (w && isRunning(w.child)) w.child.kill('SIGINT');
      return;
    }
    this.stopping = true;
    say(`${reason}: stopping the producer, then the workers (they finish running jobs), the dashboard, and Redis`);
    await this.startup?.catch(() => {});
    if (this.producer) await stopChild(this.producer, 'SIGTERM', 5 * SECOND);
    await Promise.all(this.workers.map((w) => w && stopChild(w, 'SIGTERM', WORKER_STOP_MS)));
    if (this.web) await stopChild(this.web, 'SIGTERM', 5 * SECOND);
    await this.redis?.stop();
    say('stopped; every process the demo started has exited');
    process.exit(exitCode);
  }
}

function exitOf(child) {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Entry point of the supervisor process. */
export async function supervise(root) {
  process.stdout.on('error', () => {}); // the terminal may be gone; keep stopping cleanly
  delete process.env.CONVEYOR_DEMO_ROLE; // the children are not supervisors
  const demo = new Demo(root, demoConfig());
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void demo.shutdown(sig));
  // The launcher is our parent: if it disappears (killed with -9), nobody is left to stop us.
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    void demo.shutdown('the launcher exited', 1);
  }, SECOND).unref();
  demo.startup = demo.start();
  try {
    await demo.startup;
  } catch (e) {
    say(`!!! ${e.message}`);
    await demo.shutdown('startup failed', 1);
  }
}
