import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { buildNeeded, STAMP } from '../lib/build-app.mjs';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A fake project: one source file and a finished build whose stamp says when it started. */
function project(sourceAt: number, buildStartedAt: number | null): string {
  dir = mkdtempSync(join(tmpdir(), 'conveyor-build-test-'));
  mkdirSync(join(dir, 'app', 'queues'), { recursive: true });
  mkdirSync(join(dir, '.next'));
  const page = join(dir, 'app', 'queues', 'page.tsx');
  writeFileSync(page, 'export default function Page() { return null; }\n');
  utimesSync(page, sourceAt / 1000, sourceAt / 1000);
  writeFileSync(join(dir, 'package.json'), '{}');
  utimesSync(join(dir, 'package.json'), 1, 1);
  writeFileSync(join(dir, '.next', 'BUILD_ID'), 'abc');
  if (buildStartedAt !== null) writeFileSync(join(dir, '.next', STAMP), JSON.stringify({ startedAt: buildStartedAt }));
  return dir;
}

test('a build that started after the newest source change is current', () => {
  expect(buildNeeded(project(1_000_000, 2_000_000))).toBeNull();
});

test('a source changed after the build started needs a new build', () => {
  expect(buildNeeded(project(3_000_000, 2_000_000))).toMatch(/sources changed/);
});

test('a root config file counts as a source', () => {
  const root = project(1_000_000, 2_000_000);
  writeFileSync(join(root, 'next.config.ts'), 'export default {};\n');
  expect(buildNeeded(root)).toMatch(/sources changed/);
});

test('no stamp (a build by someone else, or none) needs a build', () => {
  expect(buildNeeded(project(1_000_000, null))).toMatch(/no previous build/);
});
