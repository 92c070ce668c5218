// Starts a private redis-server from the system binary, bound to 127.0.0.1 on a free port.
// Used by the test runner, the demo (embedded Redis) and the benchmarks. No npm dependencies.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';

/** A port that was free a moment ago (the kernel picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const resp = (args) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;

/** Sends commands (arrays of strings) and resolves with the raw reply text once `done(reply)` holds. */
function rawCommand(port, commands, done, timeoutMs = 1000) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let buf = '';
    const timer = setTimeout(() => { sock.destroy(); reject(new Error('timeout')); }, timeoutMs);
    sock.on('connect', () => sock.write(commands.map(resp).join('')));
    sock.on('data', (d) => {
      buf += d.toString('utf8');
      if (done(buf)) { clearTimeout(timer); sock.end(); resolve(buf); }
    });
    sock.on('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

async function waitReady(port, password, child, deadlineMs) {
  const auth = password ? [['AUTH', password]] : [];
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    try {
      const reply = await rawCommand(port, [...auth, ['PING']], (b) => b.includes('+PONG') || b.includes('-'));
      if (reply.includes('+PONG')) return;
      if (!reply.includes('LOADING')) throw new Error(`redis-server answered: ${reply.trim()}`);
    } catch (e) {
      if (Date.now() - started > deadlineMs) throw new Error(`redis-server did not start: ${e.message}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Options: port (default: a free one), dir (data folder; default: none, nothing persisted),
 * password, appendonly (true: AOF everysec), extraArgs, bin (default: redis-server on PATH).
 * Returns { url, port, password, pid, stop() }.
 */
export async function startRedis(options = {}) {
  const bin = options.bin ?? 'redis-server';
  for (let attempt = 0; ; attempt++) {
    const port = options.port ?? (await freePort());
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--daemonize', 'no', '--loglevel', 'warning'];
    if (options.dir) { mkdirSync(options.dir, { recursive: true }); args.push('--dir', options.dir); }
    args.push('--appendonly', options.appendonly ? 'yes' : 'no');
    if (options.appendonly) args.push('--appendfsync', 'everysec');
    if (options.password) args.push('--requirepass', options.password);
    args.push(...(options.extraArgs ?? []));
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: false });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const spawnError = new Promise((_, reject) => child.once('error', reject));
    try {
      await Promise.race([waitReady(port, options.password, child, 15000), spawnError]);
    } catch (e) {
      child.kill('SIGKILL');
      if (e.code === 'ENOENT') throw new Error(`${bin} not found: install the redis-server package`);
      if (options.port === undefined && attempt < 3) continue; // the free port was taken meanwhile
      throw new Error(`${e.message}\n${stderr}`);
    }
    const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
    return {
      url: `redis://${auth}127.0.0.1:${port}`,
      port,
      password: options.password,
      pid: child.pid,
      child,
      stop: () => stopChild(child),
    };
  }
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => { clearTimeout(force); resolve(); });
    child.kill('SIGTERM');
  });
}
