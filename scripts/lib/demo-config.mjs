// The demo's configuration, read from the environment once and checked (node: builtins only, so
// no zod here: this runs before node_modules exists).
import net from 'node:net';

function intVar(env, name, fallback, min, max) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(raw)})`);
  return n;
}

/**
 * PORT (3000) and HOST (127.0.0.1) for the dashboard; REDIS_URL to use a Redis of one's own
 * instead of the embedded one; DEMO_WORKERS (2) processes with DEMO_CONCURRENCY (10) each.
 */
export function demoConfig(env = process.env) {
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl !== undefined && !/^rediss?:\/\/\S+$/.test(redisUrl)) throw new Error('REDIS_URL must be a redis:// or rediss:// URL');
  const host = env.HOST || '127.0.0.1';
  if (/\s/.test(host)) throw new Error(`HOST must be a host name or address (got ${JSON.stringify(host)})`);
  return {
    port: intVar(env, 'PORT', 3000, 1, 65535),
    host,
    redisUrl,
    workers: intVar(env, 'DEMO_WORKERS', 2, 1, 16),
    concurrency: intVar(env, 'DEMO_CONCURRENCY', 10, 1, 500),
  };
}

/** Resolves null when host:port can be listened on, else a sentence saying why not. */
export function portProblem(host, port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (e) => {
      if (e.code === 'EADDRINUSE') resolve(`port ${port} on ${host} is already in use (another demo or dashboard?). Stop it, or pick another port: PORT=${port + 1} npm run demo`);
      else resolve(`cannot listen on ${host}:${port}: ${e.message}`);
    });
    server.listen(port, host, () => server.close(() => resolve(null)));
  });
}
