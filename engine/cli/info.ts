import type { Command } from 'commander';
import { Inspector, type QueueSummary, type WorkerInfo } from '../inspector';
import { JOB_STATES } from '../keys';
import { globals } from './main';

function table(rows: (string | number)[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows
    .map((r) => r.map((cell, c) => (typeof cell === 'number' ? String(cell).padStart(widths[c]) : String(cell).padEnd(widths[c]))).join('  ').trimEnd())
    .join('\n');
}

function age(ms: number): string {
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  return s < 120 ? `${s}s ago` : `${Math.round(s / 60)}m ago`;
}

export function formatQueues(queues: QueueSummary[]): string {
  if (queues.length === 0) return 'no queues';
  const head = ['QUEUE', ...JOB_STATES.map((s) => s.toUpperCase())];
  const rows = queues.map((q) => [q.name + (q.paused ? ' (paused)' : ''), ...JOB_STATES.map((s) => q.counts[s])]);
  const queued = queues.reduce((n, q) => n + q.counts.queued, 0);
  return `${table([head, ...rows])}\n${queues.length} queue(s), ${queued} job(s) queued`;
}

export function formatWorkers(workers: WorkerInfo[]): string {
  if (workers.length === 0) return 'no workers online';
  const head = ['WORKER', 'STATE', 'QUEUES', 'RUNNING', 'PROCESSED', 'FAILED', 'HEARTBEAT'];
  const rows = workers.map((w) => [w.name, w.state, w.queues.join(','), `${w.running}/${w.concurrency}`, w.processed, w.failed, age(w.heartbeatAt)]);
  return `${table([head, ...rows])}\n${workers.length} worker(s) online`;
}

export function registerInfoCommand(program: Command): void {
  program
    .command('info')
    .description('queues with their counts per state, and the workers online')
    .option('--json', 'print JSON instead of tables')
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      const global = globals(cmd);
      const inspector = new Inspector({ connection: global.url, prefix: global.prefix });
      try {
        const [queues, workers] = await Promise.all([inspector.listQueues(), inspector.listWorkers()]);
        if (flags.json) console.log(JSON.stringify({ queues, workers }, null, 2));
        else console.log(`${formatQueues(queues)}\n\n${formatWorkers(workers)}`);
      } finally {
        await inspector.close();
      }
    });
}
