'use client';
import Link from 'next/link';
import type { BackoffDto, JobDetailDto } from '@/lib/wire';
import { formatBytes, formatDuration, formatLimit } from '../format';
import { TimestampWithAge } from '../ui/timestamp';

function describeBackoff(b: BackoffDto | null): string {
  if (!b) return 'none (retried at once)';
  const jitter = b.jitter ? `, jitter ${Math.round(b.jitter * 100)}%` : '';
  if (b.type === 'fixed') return `fixed ${formatDuration(b.delay)}${jitter}`;
  if (b.type === 'exponential') return `exponential from ${formatDuration(b.delay)}${b.maxDelay ? ` up to ${formatDuration(b.maxDelay)}` : ''}${jitter}`;
  return `intervals ${b.intervals.map(formatDuration).join(', ')}${jitter}`;
}

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-3 border-b border-slate-100 px-4 py-1.5 last:border-0">
      <dt className="text-slate-500">{label}</dt>
      <dd data-testid={testId} className="min-w-0 break-words tabular-nums">
        {children}
      </dd>
    </div>
  );
}

export function JobFacts({ job }: { job: JobDetailDto }) {
  return (
    <dl className="panel text-sm" aria-label="Job details">
      <Row label="Task" testId="job-task">{job.task}</Row>
      {job.description !== null && <Row label="Description" testId="job-description"><span className="whitespace-pre-wrap">{job.description}</span></Row>}
      <Row label="Priority" testId="job-priority">
        <span data-priority={job.priority} className={job.priority === 'high' ? 'font-medium text-orange-700' : job.priority === 'low' ? 'text-slate-500' : undefined}>
          {job.priority}
        </span>
      </Row>
      {job.uniqueKey !== null && <Row label="Unique key" testId="job-unique-key"><span className="font-mono text-xs break-all">{job.uniqueKey}</span></Row>}
      <Row label="Attempts" testId="job-attempts">{job.attempts}/{job.maxAttempts}</Row>
      <Row label="Crashes" testId="job-crashes">{job.crashes}{job.crashes > 0 && <span className="ml-2 text-amber-700">(a worker died holding it)</span>}</Row>
      <Row label={job.state === 'started' ? 'Lease owner' : 'Last worker'} testId="job-worker">
        {job.worker ? <Link prefetch={false} className="link font-mono text-xs" href="/workers">{job.worker}</Link> : <span className="text-slate-400">—</span>}
      </Row>
      {job.state === 'started' && <Row label="Lease expires" testId="job-lease"><TimestampWithAge ms={job.leaseExpiresAt} now={job.now} /></Row>}
      {job.ttl !== null && (
        <Row label="TTL" testId="job-ttl">
          {formatDuration(job.ttl)} to be started
          {job.expiresAt !== null && (
            <span className="block text-xs text-slate-600" data-testid="job-expires">
              fails with JobExpired unless started by <TimestampWithAge ms={job.expiresAt} now={job.now} />
            </span>
          )}
        </Row>
      )}
      <Row label="Timeout">{formatLimit(job.timeout, 'no limit', "worker's default")}</Row>
      <Row label="Retries">{job.maxAttempts <= 1 ? 'none (one attempt)' : `up to ${job.maxAttempts - 1}, backoff ${describeBackoff(job.backoff)}`}</Row>
      <Row label="Result TTL">{formatLimit(job.resultTtl, 'kept forever', "worker's default")}</Row>
      <Row label="Failure TTL">{formatLimit(job.failureTtl, 'kept forever', "worker's default")}</Row>
      <Row label="Payload size">{formatBytes(job.payload.bytes)}</Row>
    </dl>
  );
}

export function JobTimeline({ job }: { job: JobDetailDto }) {
  const rows: [string, number | null, string][] = [
    ['Created', job.createdAt, 'job-created'],
    ['Enqueued', job.enqueuedAt, 'job-enqueued'],
    ['Due', job.state === 'scheduled' ? job.dueAt : null, 'job-due'],
    ['Started', job.startedAt, 'job-started'],
    ['Ended', job.endedAt, 'job-ended'],
  ];
  const ran = job.startedAt && job.endedAt && job.endedAt >= job.startedAt ? job.endedAt - job.startedAt : null;
  return (
    <dl className="panel text-sm" aria-label="Timestamps">
      {rows
        .filter(([label, ms]) => ms !== null || label === 'Created')
        .map(([label, ms, testId]) => (
          <Row key={label} label={label} testId={testId}>
            <TimestampWithAge ms={ms} now={job.now} />
          </Row>
        ))}
      {ran !== null && <Row label="Ran for" testId="job-duration">{formatDuration(ran)}</Row>}
    </dl>
  );
}
