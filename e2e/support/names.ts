/**
 * Names shared by the tests and the worker tasks file. Plain module: no Playwright, no engine.
 */
import { randomBytes } from 'node:crypto';

/** The markup every XSS check looks for as literal text. */
export const XSS_IMG = '<img src=x onerror=alert(1)>';
export const XSS_SVG = '<svg onload=alert(2)>';
/** A task name that is markup (its handler is in e2e/fixtures/tasks.ts). */
export const XSS_TASK = XSS_IMG;

/** A queue name unique to this test, readable in the dashboard. */
export function uniqueQueue(label: string): string {
  return `e2e-${label}-${randomBytes(3).toString('hex')}`;
}

/**
 * Key of a test marker (run counter, release flag) for one job. Outside the queue's own keys
 * (no hash tag), so the engine's structures and its consistency check never see it.
 */
export function markerKey(prefix: string, what: 'runs' | 'release', queue: string, id: string): string {
  return `e2e-marker:${prefix}:${what}:${queue}\u0000${id}`;
}
