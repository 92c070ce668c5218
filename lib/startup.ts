import 'server-only';
import { env } from './env';

/** Parses the environment; on a bad value prints which variable is wrong and exits. */
export function checkEnvOrExit(): void {
  try {
    env();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
