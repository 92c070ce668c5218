/**
 * Runs once when the server starts: check the configuration now, so a bad environment variable
 * stops the server with a message naming it instead of failing every request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkEnvOrExit } = await import('./lib/startup');
    checkEnvOrExit();
  }
}
