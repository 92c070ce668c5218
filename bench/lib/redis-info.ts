/**
 * Snapshots of a Redis server's counters (INFO), taken around a measurement: memory, server CPU
 * seconds, commands processed (commands inside Lua scripts count too) and calls per command.
 */
import type { Redis } from 'ioredis';

export interface InfoSnapshot {
  usedMemory: number;
  cpuS: number;
  commands: number;
  calls: Record<string, number>;
}

export function parseInfo(text: string): InfoSnapshot {
  const kv: Record<string, string> = {};
  const calls: Record<string, number> = {};
  for (const line of text.split('\r\n')) {
    const stat = /^cmdstat_([^:]+):calls=(\d+)/.exec(line);
    if (stat) {
      calls[stat[1]] = Number(stat[2]);
      continue;
    }
    const i = line.indexOf(':');
    if (i > 0) kv[line.slice(0, i)] = line.slice(i + 1);
  }
  return {
    usedMemory: Number(kv.used_memory),
    cpuS: Number(kv.used_cpu_user) + Number(kv.used_cpu_sys),
    commands: Number(kv.total_commands_processed),
    calls,
  };
}

export async function snapshot(admin: Redis): Promise<InfoSnapshot> {
  return parseInfo(await admin.info('everything'));
}

/** Calls per command between two snapshots, without the INFO calls that took them. */
export function callsBetween(a: InfoSnapshot, b: InfoSnapshot): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [cmd, n] of Object.entries(b.calls)) {
    const d = n - (a.calls[cmd] ?? 0);
    if (d > 0 && cmd !== 'info') out[cmd] = d;
  }
  return out;
}

/** Commands between two snapshots, not counting the INFO that took the first one. */
export function commandsBetween(a: InfoSnapshot, b: InfoSnapshot): number {
  return b.commands - a.commands - 1;
}

/**
 * Waits (bounded) until the server is not rewriting its AOF or saving in the background: a
 * fork copying gigabytes would otherwise land in the middle of a measurement.
 */
export async function waitPersistenceIdle(admin: Redis, maxWaitMs = 120_000): Promise<void> {
  const deadline = Date.now() + maxWaitMs;
  while (Date.now() < deadline) {
    const text = await admin.info('persistence');
    if (!/aof_rewrite_in_progress:1|rdb_bgsave_in_progress:1/.test(text)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}
