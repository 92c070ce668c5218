/**
 * Messages between the pool (main thread) and a sandbox thread, and how errors cross.
 *
 * Errors cross as plain records: structured clone keeps only an Error's name, message and stack,
 * and we also want its `code` and other simple own fields (the dashboard shows them).
 */

/** The fields of a job a handler sees; `signal` is made in the thread. */
export interface JobFields {
  id: string;
  queue: string;
  task: string;
  data: unknown;
  attempt: number;
  maxAttempts: number;
}

type Simple = string | number | boolean | null;

export interface WireError {
  name: string;
  message: string;
  stack?: string;
  /** own enumerable fields with simple values, `code` among them */
  fields: Record<string, Simple>;
}

/** Main → thread. `run` numbers a thread's jobs so a late message is never taken for a newer job's. */
export type ToThread =
  | { type: 'run'; run: number; job: JobFields }
  | { type: 'abort'; run: number; reason: WireError }
  | { type: 'reply'; call: number; ok: true; value: unknown }
  | { type: 'reply'; call: number; ok: false; error: WireError };

/** Thread → main. */
export type FromThread =
  | { type: 'ready'; tasks: string[] }
  | { type: 'load-failed'; message: string }
  | { type: 'done'; run: number; ok: true; json: string | undefined }
  /**
   * `aborted`: the handler rejected with its own signal's reason (the abort it was sent).
   * `final`: retrying cannot help (its result is not JSON), as for an in-process handler.
   */
  | { type: 'done'; run: number; ok: false; error: WireError; aborted: boolean; final?: boolean }
  | { type: 'call'; run: number; call: number; method: string; args: unknown[] };

/** Context methods the thread-side job forwards to the main-side job object. */
export const FORWARDED_METHODS = ['updateProgress', 'log'] as const;

const OWN_KEYS_SKIPPED = new Set(['name', 'message', 'stack']);

function isSimple(v: unknown): v is Simple {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function describeThrown(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return `non-Error value thrown: ${JSON.stringify(value)}`;
  } catch {
    return `non-Error value thrown: ${String(value)}`;
  }
}

export function toWireError(value: unknown): WireError {
  if (!(value instanceof Error)) return { name: 'Error', message: describeThrown(value), fields: {} };
  const fields: Record<string, Simple> = {};
  for (const key of Object.keys(value)) {
    const v = (value as unknown as Record<string, unknown>)[key];
    if (!OWN_KEYS_SKIPPED.has(key) && isSimple(v)) fields[key] = v;
  }
  const code = (value as { code?: unknown }).code;
  if (isSimple(code)) fields.code = code;
  const out: WireError = { name: String(value.name || 'Error'), message: String(value.message), fields };
  if (typeof value.stack === 'string') out.stack = value.stack;
  return out;
}

/** An Error with the same name, message, stack and fields as the one thrown on the other side. */
export function fromWireError(wire: WireError, make: (message: string) => Error = (m) => new Error(m)): Error {
  const err = make(wire.message);
  Object.assign(err, wire.fields);
  Object.defineProperty(err, 'name', { value: wire.name, writable: true, configurable: true, enumerable: false });
  if (wire.stack !== undefined) err.stack = wire.stack;
  else delete err.stack;
  return err;
}
