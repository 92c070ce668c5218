// `npm run build`: installs what is missing, then `next build` unless the last build is current.
// `npm run build -- --force` builds anyway.
import { fileURLToPath } from 'node:url';
import { ensureAll, SetupError } from './lib/ensure.mjs';
import { buildApp } from './lib/build-app.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

try {
  ensureAll(root, []);
  const result = await buildApp(root, { force: process.argv.includes('--force') });
  if (!result.ok) {
    console.error(`[build] ${result.why}`);
    process.exitCode = 1;
  }
} catch (e) {
  if (!(e instanceof SetupError)) throw e;
  console.error(`[setup] ${e.message}`);
  process.exitCode = 1;
}
