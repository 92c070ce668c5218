/**
 * Runs once when the server starts: parse the configuration now, so a bad environment variable
 * stops the server with a message naming it instead of failing the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { env } = await import('./lib/env');
    env();
  }
}
