/**
 * The dependency direction of DESIGN.md, checked on the source: engine/ imports only node:*,
 * ioredis and its own files (its CLI may use commander; its tests vitest); the app reaches the
 * engine only through engine/index.ts, and the browser components never do.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  const abs = join(root, dir);
  try {
    statSync(abs);
  } catch {
    return [];
  }
  return readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|mts)$/.test(f) && !f.includes('node_modules'))
    .map((f) => join(dir, f));
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
}

describe('dependency direction', () => {
  it('engine imports only node:*, ioredis and its own files', () => {
    const bad: string[] = [];
    for (const file of sourceFiles('engine')) {
      const isTest = file.startsWith('engine/test/');
      const isCli = file.startsWith('engine/cli/');
      for (const spec of imports(file)) {
        const inside = spec.startsWith('.') && !relative(join(root, 'engine'), resolve(root, dirname(file), spec)).startsWith('..');
        const allowed = inside || spec.startsWith('node:') || spec === 'ioredis' || (isCli && spec === 'commander') ||
          (isTest && (spec.startsWith('vitest') || spec.startsWith('../../../scripts/lib/')));
        if (!allowed) bad.push(`${file} imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('app and lib reach the engine only through its index, and components not at all', () => {
    const bad: string[] = [];
    for (const dir of ['app', 'lib', 'components', 'demo', 'e2e', 'examples', 'bench']) {
      for (const file of sourceFiles(dir)) {
        for (const spec of imports(file)) {
          const target = spec.startsWith('@/') ? spec.slice(2) : spec.startsWith('.') ? relative(root, resolve(root, dirname(file), spec)) : '';
          if (!target.startsWith('engine')) continue;
          const isTest = /(^|\/)test\/|\.test\.tsx?$/.test(file);
          if (isTest && target.startsWith('engine/test/support/')) continue; // shared test fixtures
          if (dir === 'components') bad.push(`${file} imports ${spec} (components talk to the API over HTTP)`);
          else if (target !== 'engine' && target !== 'engine/index') bad.push(`${file} imports ${spec} (use @/engine)`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
