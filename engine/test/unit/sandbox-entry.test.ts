/**
 * The sandbox is a separate entry (engine/sandbox.ts): the dashboard bundles engine/index.ts,
 * which must not reach worker threads. Checked on the source by following relative imports.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// Type-only imports vanish from the bundle, so they are not followed.
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolveFile(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) {
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  }
  return undefined;
}

/** Every file and bare module `entry` reaches through value imports. */
function reach(entry: string): { files: Set<string>; modules: Set<string> } {
  const files = new Set<string>();
  const modules = new Set<string>();
  const todo = [resolve(root, entry)];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (!spec.startsWith('.')) {
        modules.add(spec);
        continue;
      }
      const target = resolveFile(file, spec);
      if (target) todo.push(target);
    }
  }
  return { files, modules };
}

describe('sandbox entry', () => {
  it('engine/index.ts reaches neither worker threads nor the sandbox', () => {
    const { files, modules } = reach('engine/index.ts');
    const sandboxFiles = [...files].map((f) => relative(root, f)).filter((f) => /sandbox/.test(f));
    expect(sandboxFiles).toEqual([]);
    expect([...modules].filter((m) => /worker_threads/.test(m))).toEqual([]);
  });

  it('engine/sandbox.ts reaches the pool', () => {
    const { files } = reach('engine/sandbox.ts');
    expect([...files].map((f) => relative(root, f))).toContain('engine/worker/sandbox/index.ts');
  });
});
