/**
 * Loads a tasks module inside a sandbox thread, in the format of `conveyor worker --tasks`:
 * its default export (or export `tasks`) maps task names to handlers.
 */
import { pathToFileURL } from 'node:url';
import type { Handler } from '../running-job';

/** `file` is absolute. Throws with a message that names the file and says what is wrong. */
export async function loadTaskHandlers(file: string): Promise<Record<string, Handler>> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`cannot load tasks file ${file}: ${(e as Error)?.message ?? String(e)}`);
  }
  const tasks = mod.default ?? mod.tasks;
  if (!tasks || typeof tasks !== 'object') {
    throw new Error(`tasks file ${file} must export its handlers as the default export or as "tasks"`);
  }
  const handlers: Record<string, Handler> = {};
  for (const [task, fn] of Object.entries(tasks)) {
    if (fn !== null && typeof fn === 'object' && 'handler' in fn) {
      // Callbacks would run in the thread, apart from the outcome the worker stores: not supported yet.
      throw new Error(`tasks file ${file}: task ${JSON.stringify(task)} is a {handler, onSuccess?, ...} object; sandboxed tasks must be plain functions`);
    }
    if (typeof fn !== 'function') throw new Error(`tasks file ${file}: handler for ${JSON.stringify(task)} is not a function`);
    handlers[task] = fn as Handler;
  }
  if (Object.keys(handlers).length === 0) throw new Error(`tasks file ${file} exports no handlers`);
  return handlers;
}
