/** bench/RESULTS.md: the latest full run's summary, with how to rerun it and what it measures. */
import { writeFileSync } from 'node:fs';
import { SCHEDULE_LAG_P99_MS } from './targets';

const METHOD = `## What is measured, and how

\`npm run bench\` starts its own redis-server (persistence off), runs everything, then does it all
again on a redis-server with AOF \`appendfsync everysec\`. Every measurement runs in a fresh
process (the harness bundles its measurement scripts with esbuild so no TypeScript loader sits in
the measured process) on a flushed Redis. Conveyor, BullMQ, bee-queue and RQ take turns in each
*slot* (same scenario and settings), the order rotating every round, so a slow drift of this
shared machine hits them alike. Ratios are Conveyor / peer, the **median of per-round ratios of
runs made next to each other**: quote those, not absolute jobs/s, which drift by up to 1.5× here.

1. **Bulk enqueue**: N tiny jobs (\`{i}\`), batches of 1,000 through each system's bulk API
   (\`enqueueMany\`, \`addBulk\`, \`saveAll\`, \`enqueue_many\` in one pipeline), one batch after another.
2. **Processing**: a fresh worker process with a no-op async handler drains the N queued jobs at
   concurrency 1, 10 and 50; jobs/s from \`start()\` to the N-th completion recorded in Redis.
   *keep*: finished jobs kept (Conveyor's default result TTL, BullMQ \`removeOnComplete: false\`,
   bee-queue \`removeOnSuccess: false\`, RQ's default \`result_ttl\`); *remove*: deleted at once
   (\`resultTtl: 0\`, \`removeOnComplete: true\`, \`removeOnSuccess: true\`, \`result_ttl=0\`).
   RQ runs one job at a time per worker process (SimpleWorker, and the forking Worker) and sits
   beside concurrency 1, with fewer jobs (it does 50–400 jobs/s).
   Client and Redis CPU µs per job: the worker process's CPU time and redis-server's (\`INFO\`
   \`used_cpu_*\`) over the drain, divided by N. Redis commands per job count commands inside Lua
   scripts too. Others' CPU %: the machine's busy time that was neither the measured process nor
   redis-server (other tenants of this machine).
3. **Latency**: an idle worker process (concurrency 1) waits; a producer process enqueues one job
   at a time at a fixed rate; each job carries the monotonic time (CLOCK_MONOTONIC, the same clock
   in both processes) taken right before its enqueue call, and the handler records now minus that.
4. **Memory**: the worker process's peak RSS (the kernel's high-water mark, \`maxRSS\`), and Redis
   \`used_memory\` after the drain minus before the enqueue, over N.
5. **Dashboard API** (Conveyor only): the production build (\`next start\`) against a Redis where
   one queue holds the failed jobs, seeded through the engine itself (\`enqueueMany\`, then a worker
   whose handler throws, so keys and hash fields are exactly the engine's). \`GET /api/queues\` and
   the middle page of the failed jobs (20 per page) are timed over sequential requests after a
   warm-up; Redis commands per request come from \`INFO\` before and after single requests.
6. **Scheduled jobs** (Conveyor only): a worker process (no scheduler process beside it) at
   each concurrency of \`SCHED_CONCURRENCIES\` (1 and 50), first with every slot held by a long
   job, so no claim is made and only its promotion tick can promote, then idle (blocked waiting
   for work, the wait cut short at the next due time). A probe process schedules jobs with
   \`enqueueAt\`, due times spread evenly over a few seconds; a job's lag is when it became queued
   minus its due time, both written by the engine's Lua scripts from Redis \`TIME\` (hash fields
   \`enqueued\` and \`due\`), so one clock. One run per server; the target is p99 ≤
   ${SCHEDULE_LAG_P99_MS} ms.
`;

export function writeResultsMd(file: string, summaryMarkdown: string, stamp: string): void {
  const text = `# Conveyor benchmarks

The latest full run of \`npm run bench\` on this project's machine (results folder \`${stamp}\`).
Rerun with \`npm run bench\` (about 20 minutes; \`N\`, \`ROUNDS\`, \`SERVERS\`, \`CONCURRENCIES\`,
\`SYSTEMS\`, \`FAILED_JOBS\`, \`SCHED_JOBS\` and more are environment variables, see
\`bench/lib/config.ts\`). Raw JSON lines and this summary land in \`bench/results/<UTC stamp>/\`;
this file is rewritten by every run that is not a smoke run.

${summaryMarkdown}
${METHOD}`;
  writeFileSync(file, text);
}
