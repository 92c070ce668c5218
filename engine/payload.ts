/**
 * Payloads and results travel as JSON. JSON.stringify silently turns NaN into null, drops
 * functions and throws on BigInt only after partial work; we refuse such values up front with
 * an error naming the offending path, so what a handler receives is what the producer sent.
 */
import { PayloadError, ValidationError } from './errors';

export const DEFAULT_MAX_PAYLOAD_BYTES = 512 * 1024;

function describe(value: unknown): string | null {
  switch (typeof value) {
    case 'bigint':
      return 'a BigInt';
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    case 'number':
      return Number.isFinite(value) ? null : `the number ${String(value)}`;
    default:
      return null;
  }
}

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function checkObject(value: object, path: string, stack: object[]): void {
  if (stack.includes(value)) throw new PayloadError(path, 'a circular reference');
  if (value instanceof Map || value instanceof Set) {
    throw new PayloadError(path, `a ${value.constructor.name} (convert it to an array or object)`);
  }
  // Objects with toJSON (Date, for one) are serialized through it, as JSON.stringify does.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return;
  stack.push(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (value[i] === undefined) throw new PayloadError(childPath(path, i), 'undefined inside an array');
      checkValue(value[i], childPath(path, i), stack);
    }
  } else {
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) checkValue(v, childPath(path, key), stack);
    }
  }
  stack.pop();
}

function checkValue(value: unknown, path: string, stack: object[]): void {
  if (value === null) return;
  const bad = describe(value);
  if (bad) throw new PayloadError(path, bad);
  if (typeof value === 'object') checkObject(value, path, stack);
}

/**
 * Returns the JSON text of `value`, or throws PayloadError naming the first value JSON cannot
 * carry faithfully. `root` names the top of the path (`data`, `result`, `meta`).
 */
export function toJson(value: unknown, root = 'data', maxBytes = DEFAULT_MAX_PAYLOAD_BYTES): string {
  if (value === undefined) throw new PayloadError(root, 'undefined');
  checkValue(value, root, []);
  const text = JSON.stringify(value);
  // Each UTF-16 unit is at most 3 UTF-8 bytes; measure exactly only when it might matter.
  if (text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes) {
    throw new ValidationError(`${root} is larger than the ${maxBytes}-byte limit once encoded as JSON`, root);
  }
  return text;
}
