/**
 * Conveyor engine, sandboxed workers: handlers run in worker threads that a timeout or a cancel
 * can really stop. A separate entry from engine/index.ts on purpose: the dashboard imports the
 * index, and worker threads have no place in its bundle.
 */
export { createSandboxedWorker, SandboxedWorker } from './worker/sandboxed-worker';
export type { SandboxedWorkerOptions, SandboxSettings } from './worker/sandboxed-worker';
export { SandboxPool, SandboxError, DEFAULT_GRACE_MS } from './worker/sandbox/index';
export type { SandboxOptions } from './worker/sandbox/index';
