// "Install what is missing" for `npm test`, `npm run demo` and `npm run build`.
// Runs before node_modules exists, so it imports node: builtins only.
//
// System packages come from Debian (apt-get, as root). Without root we print the exact command
// and stop: a half-installed machine fails later with a far less clear error.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Thrown when setup cannot continue; `message` says what the user should do. */
export class SetupError extends Error {
  name = 'SetupError';
}

const log = (msg) => console.log(`[setup] ${msg}`);

function commandExists(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Debian package name -> how to tell it is already there. Debian's own python3 is checked
 * (/usr/bin/python3): a pyenv or venv python3 first on PATH cannot import the apt-installed rq.
 */
export const SYSTEM_PACKAGES = {
  'redis-server': () => commandExists('redis-server'),
  chromium: () => existsSync('/usr/bin/chromium'),
  'python3-rq': () => spawnSync('/usr/bin/python3', ['-c', 'import rq'], { stdio: 'ignore' }).status === 0,
};

export function missingSystemPackages(names, checks = SYSTEM_PACKAGES) {
  return names.filter((name) => {
    const check = checks[name];
    if (!check) throw new Error(`no check for system package ${name}`);
    return !check();
  });
}

export function aptCommand(packages, sudo = false) {
  const s = sudo ? 'sudo ' : '';
  return `${s}apt-get update && ${s}apt-get install -y ${packages.join(' ')}`;
}

function run(cmd, args, options = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (res.error) throw new SetupError(`${cmd} could not start: ${res.error.message}`);
  if (res.status !== 0) throw new SetupError(`${cmd} ${args.join(' ')} failed (${res.signal ?? `exit code ${res.status}`})`);
}

/** Installs the Debian packages among `names` that are missing (root), or explains how to. */
export function ensureSystemPackages(names) {
  const missing = missingSystemPackages(names);
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !commandExists('apt-get')) {
    const why = isRoot ? 'apt-get is not available here' : 'not running as root';
    throw new SetupError(
      `missing system package(s): ${missing.join(', ')} (${why}). Install them, then run this again:\n` +
        `    ${aptCommand(missing, !isRoot)}`,
    );
  }
  log(`installing from Debian: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // -q: no progress meters, which fill a CI log with carriage returns
  run('apt-get', ['-q', 'update'], { env });
  run('apt-get', ['-q', 'install', '-y', ...missing], { env });
  const still = missingSystemPackages(missing);
  if (still.length) throw new SetupError(`apt-get finished but these are still missing: ${still.join(', ')}`);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Why node_modules does not match package-lock.json, or null when it does. npm keeps its own
 * record of what it installed (node_modules/.package-lock.json); every package the lock requires
 * must be there at the locked version. Optional packages for other platforms are never installed,
 * so those may be absent (but not at another version).
 */
export function lockMismatch(lock, installed) {
  if (!lock?.packages) return 'package-lock.json is missing or unreadable';
  if (!installed?.packages) return 'node_modules is missing or was not installed by npm';
  for (const [path, want] of Object.entries(lock.packages)) {
    if (path === '' || want.link) continue;
    const have = installed.packages[path];
    if (!have) {
      if (want.optional) continue;
      return `${path} is not installed`;
    }
    if (have.version !== want.version) return `${path} is ${have.version}, the lock wants ${want.version}`;
  }
  return null;
}

/** Runs `npm ci` unless node_modules already matches package-lock.json. */
export function ensureNodeModules(root) {
  const lock = readJson(join(root, 'package-lock.json'));
  const installed = readJson(join(root, 'node_modules', '.package-lock.json'));
  const mismatch = lockMismatch(lock, installed);
  if (!mismatch) return;
  log(`npm ci (${mismatch})`);
  run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root });
}

/** System packages first (npm ci does not need them, but a missing one stops us sooner). */
export function ensureAll(root, systemPackages) {
  ensureSystemPackages(systemPackages);
  ensureNodeModules(root);
}
