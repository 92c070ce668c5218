// The demo's embedded Redis: bound to 127.0.0.1, protected by a generated password that is kept
// (mode 600) and reused, with AOF persistence so the jobs survive a restart of the demo.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRedis } from './redis-server.mjs';

/** Reads the password kept in `file`, or creates one (hex: safe in a URL as it is). */
export function redisPassword(file) {
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept) {
      chmodSync(file, 0o600); // in case someone loosened it
      return kept;
    }
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  const password = randomBytes(24).toString('hex');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** Starts redis-server with its data in <stateDir>/redis; returns startRedis's handle. */
export async function startEmbeddedRedis(stateDir) {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const passwordFile = join(stateDir, 'redis-password');
  const password = redisPassword(passwordFile);
  const redis = await startRedis({ dir: join(stateDir, 'redis'), password, appendonly: true });
  return { ...redis, passwordFile };
}
