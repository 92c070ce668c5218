'use client';
import Link from 'next/link';
import type { WorkerDto } from '@/lib/wire';
import { formatCount, formatDuration, formatRelative, zoneLabel } from '../format';
import { useSettings } from '../providers';
import { jobHref, queueHref } from '../links';
import { useWorkers } from '../queries';
import { EmptyNotice, ErrorNotice, LoadingRow } from '../ui/notice';
import { Timestamp } from '../ui/timestamp';

const STATE_STYLE: Record<string, string> = {
  running: 'bg-emerald-50 text-emerald-700 ring-emerald-300',
  busy: 'bg-blue-50 text-blue-700 ring-blue-300',
  idle: 'bg-slate-100 text-slate-700 ring-slate-300',
  stopping: 'bg-amber-50 text-amber-800 ring-amber-300',
};

/** Fits "2026-12-03" on a line; the time goes below it. */
const STARTED_WIDTH = 'w-[6rem]';

function RunningJobs({ worker }: { worker: WorkerDto }) {
  if (worker.jobs.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <ul className="space-y-0.5">
      {worker.jobs.map((job) => (
        <li key={`${job.queue}\u0000${job.id}`} className="[overflow-wrap:anywhere]">
          <Link prefetch={false} href={jobHref(job.queue, job.id)} data-testid="worker-job-link" className="link font-mono text-xs">
            {job.id}
          </Link>
          <span className="block text-xs text-slate-500">
            {job.task} · {job.queue}
          </span>
        </li>
      ))}
    </ul>
  );
}

function WorkerRow({ worker, now }: { worker: WorkerDto; now: number }) {
  const beatAge = now - worker.heartbeatAt;
  return (
    <tr data-testid="worker-row" data-worker={worker.name}>
      <td className="font-mono text-xs">
        <div className="min-w-[8rem] [overflow-wrap:anywhere]">{worker.name}</div>
      </td>
      <td className="[overflow-wrap:anywhere]" data-testid="worker-host">{worker.host}</td>
      <td className="text-right" data-testid="worker-pid">{worker.pid}</td>
      <td>
        <ul className="flex max-w-[18rem] min-w-[10rem] flex-wrap gap-1" data-testid="worker-queues">
          {worker.queues.map((q) => (
            <li key={q}>
              <Link prefetch={false} href={queueHref(q)} data-testid="worker-queue-link" className="inline-block rounded bg-slate-100 px-1.5 py-0.5 text-xs whitespace-nowrap text-slate-700 hover:bg-slate-200">
                {q}
              </Link>
            </li>
          ))}
        </ul>
      </td>
      <td className="text-right" data-testid="worker-running">
        {worker.running}/{worker.concurrency}
      </td>
      <td>
        <div className="min-w-[17rem]">
          <RunningJobs worker={worker} />
        </div>
      </td>
      <td>
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STATE_STYLE[worker.state] ?? STATE_STYLE.idle}`}>{worker.state}</span>
      </td>
      <td className="whitespace-nowrap" title={new Date(worker.heartbeatAt).toISOString()} data-testid="worker-heartbeat">
        {beatAge < 1000 ? 'just now' : `${formatDuration(beatAge)} ago`}
      </td>
      <td className="text-right text-emerald-700">{formatCount(worker.processed)}</td>
      <td className={`text-right ${worker.failed ? 'text-red-700' : 'text-slate-400'}`}>{formatCount(worker.failed)}</td>
      {/* Date over time (the line breaks at the space): the widest column otherwise, and the last. */}
      <td data-testid="worker-started">
        <div className={STARTED_WIDTH}>
          <Timestamp ms={worker.startedAt} withZone={false} />
          <span className="block text-xs whitespace-nowrap text-slate-500">{formatRelative(worker.startedAt, now)}</span>
        </div>
      </td>
    </tr>
  );
}

export function WorkersView() {
  const workers = useWorkers();
  const { data } = workers;
  const error = workers.error ?? workers.failureReason;
  const { timeZone } = useSettings();
  return (
    <div className="space-y-4">
      <h1 className="text-lg font-semibold">
        Workers {data && <span className="ml-1 text-slate-500 tabular-nums" data-testid="workers-count">{data.workers.length}</span>}
      </h1>
      <section className="panel" aria-label="Workers">
        {error && !data && <div className="p-4"><ErrorNotice error={error} /></div>}
        {!data && !error && <LoadingRow />}
        {data && data.workers.length === 0 && <EmptyNotice>No worker has sent a heartbeat recently.</EmptyNotice>}
        {data && data.workers.length > 0 && (
          <div className="overflow-x-auto">
            <table className="data-table" data-testid="workers-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Host</th>
                  <th scope="col" className="!text-right">PID</th>
                  <th scope="col">Queues</th>
                  <th scope="col" className="!text-right" title="jobs running / concurrency">Running</th>
                  <th scope="col">Jobs</th>
                  <th scope="col">State</th>
                  <th scope="col">Heartbeat</th>
                  <th scope="col" className="!text-right">Processed</th>
                  <th scope="col" className="!text-right">Failed</th>
                  <th scope="col">
                    <span className={`block whitespace-normal ${STARTED_WIDTH}`}>Started ({zoneLabel(timeZone)})</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.workers.map((w) => (
                  <WorkerRow key={w.name} worker={w} now={data.now} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
