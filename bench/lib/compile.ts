/**
 * The measurement processes run as plain JavaScript: a TS loader (tsx) would add a loader
 * thread and about 25 MB to every process, which would show up in the RSS and CPU figures.
 * esbuild bundles each entry with the engine's sources inlined and node_modules left external,
 * so the output must live inside the repository for `import 'ioredis'` to resolve.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('..', import.meta.url));

/** Entry name -> source file, relative to bench/. */
export const ENTRIES = {
  enqueue: 'measure/enqueue.ts',
  drain: 'measure/drain.ts',
  'latency-worker': 'measure/latency-worker.ts',
  'latency-producer': 'measure/latency-producer.ts',
  'schedule-worker': 'measure/schedule-worker.ts',
  'schedule-probe': 'measure/schedule-probe.ts',
  'seed-failed': 'scenarios/seed-failed.ts',
} as const;

export type EntryName = keyof typeof ENTRIES;

/** Bundles every entry into outDir; returns the path of each output file. */
export async function compileEntries(outDir: string): Promise<Record<EntryName, string>> {
  const entryPoints = Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(benchDir, file)]));
  await build({
    entryPoints,
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
  const names = Object.keys(ENTRIES) as EntryName[];
  return Object.fromEntries(names.map((name) => [name, join(outDir, `${name}.mjs`)])) as Record<EntryName, string>;
}
