/** A job could not finish in its sandbox thread for a reason of the sandbox's own. */
export class SandboxError extends Error {
  override name = 'SandboxError';
  readonly code = 'SANDBOX_ERROR';
}
