/**
 * How busy the machine is, from Linux's /proc: the benchmark shares 2 cores with other
 * tenants, so every measurement records how much CPU went to processes that were not its own.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** USER_HZ: the unit of /proc/stat (100 on every Linux we run on). */
const HZ = 100;

export interface CpuTimes {
  /** seconds all cores spent busy since boot */
  busy: number;
  /** seconds stolen by the hypervisor */
  steal: number;
}

export function cpuTimes(): CpuTimes {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + fields[4];
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: (total - idle) / HZ, steal: fields[7] / HZ };
  } catch {
    return { busy: NaN, steal: NaN };
  }
}

/**
 * Share of all cores (percent) over `wallS` seconds: busy in all, and busy minus `ourS` (the
 * CPU seconds of the measured process and redis-server), which is other tenants' load.
 */
export function loadShare(a: CpuTimes, b: CpuTimes, wallS: number, ourS: number): { busyPct: number; othersPct: number } {
  const cores = os.cpus().length;
  const pct = (s: number) => Math.round((1000 * s) / (wallS * cores)) / 10;
  const busy = b.busy - a.busy;
  return { busyPct: pct(busy), othersPct: pct(Math.max(0, busy - ourS)) };
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  nproc: number;
  memGiB: number;
  loadavg: number[];
  kernel: string;
}

function nproc(): number {
  try {
    return Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    return os.availableParallelism();
  }
}

export function machineInfo(): MachineInfo {
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    nproc: nproc(),
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
    kernel: os.release(),
  };
}
