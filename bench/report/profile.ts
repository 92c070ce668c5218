/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and lists where the time went: self time per
 * function, largest first, and per library. Samples can be cut to a window on the monotonic
 * clock (V8's profile timestamps and process.hrtime share it), e.g. the drain alone.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface HotEntry {
  name: string;
  where: string;
  selfMs: number;
  /** share of the busy (non-idle) samples */
  pct: number;
}

export interface ProfileReport {
  busyMs: number;
  idleMs: number;
  functions: HotEntry[];
  libraries: HotEntry[];
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  return url.replace(/^file:\/\/.*\/build\/(chunks\/)?/, 'bundle:');
}

function library(name: string, url: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const nm = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  return nm ? nm[1] : 'conveyor engine + harness (bundled)';
}

const top = (m: Map<string, HotEntry>, busyUs: number, n: number) =>
  [...m.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, n)
    .map((e) => ({ ...e, selfMs: Math.round(e.selfMs / 100) / 10, pct: Math.round((1000 * e.selfMs) / busyUs) / 10 }));

function add(m: Map<string, HotEntry>, key: string, name: string, where: string, us: number): void {
  const e = m.get(key) ?? { name, where, selfMs: 0, pct: 0 };
  e.selfMs += us; // µs while accumulating
  m.set(key, e);
}

export function readProfile(file: string, window?: [number, number], n = 20): ProfileReport {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const fns = new Map<string, HotEntry>();
  const libs = new Map<string, HotEntry>();
  let t = profile.startTime;
  let busy = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    const node = byId.get(id);
    if (!node || (window && (t < window[0] || t > window[1]))) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    if (name === '(idle)') return void (idle += dt);
    busy += dt;
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    add(fns, `${name}|${where}`, name, where, dt);
    const lib = library(name, url);
    add(libs, lib, lib, '', dt);
  });
  return { busyMs: Math.round(busy / 1000), idleMs: Math.round(idle / 1000), functions: top(fns, busy, n), libraries: top(libs, busy, 12) };
}
