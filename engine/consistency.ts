/**
 * The invariant every transition keeps: each job id is in exactly one state structure, and its
 * hash names that same state. `checkConsistency` lists violations; tests end with
 * `assertConsistent`. It reads the whole queue, so run it on test-sized data, with no worker
 * mid-transition (after workers are closed, or at a quiet moment).
 */
import { JOB_STATES, jobSideKey, queueKeys, type JobState } from './keys';
import type { Queue } from './queue';
import { unwrap } from './queue';

export interface ConsistencyReport {
  jobs: number;
  byState: Record<JobState, number>;
  problems: string[];
}

async function scanJobIds(queue: Queue, prefix = queue.keys.jobPrefix): Promise<string[]> {
  const pattern = prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`) + '*';
  const ids: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await queue.client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    for (const k of keys) ids.push(k.slice(prefix.length));
    cursor = next;
  } while (cursor !== '0');
  return ids;
}

async function readStructures(queue: Queue): Promise<Map<JobState, string[]>> {
  const k = queueKeys(queue.prefix, queue.name);
  const pipe = queue.client.pipeline();
  for (const state of JOB_STATES) {
    if (state === 'queued') pipe.lrange(k.queued, 0, -1);
    else pipe.zrange(k[state], 0, -1);
  }
  pipe.lrange(k.queuedHigh, 0, -1).lrange(k.queuedLow, 0, -1);
  const replies = unwrap(await pipe.exec()) as string[][];
  const map = new Map(JOB_STATES.map((s, i) => [s, replies[i]]));
  map.set('queued', [...replies[JOB_STATES.length], ...map.get('queued')!, ...replies[JOB_STATES.length + 1]]);
  return map;
}

/** Side keys (logs, dependents) whose job hash is gone: a deletion that left keys behind. */
async function orphanSideKeys(queue: Queue, hashIds: Set<string>): Promise<string[]> {
  const problems: string[] = [];
  for (const kind of ['logs', 'dependents'] as const) {
    const prefix = jobSideKey(queue.keys, kind, '');
    for (const id of await scanJobIds(queue, prefix)) {
      if (!hashIds.has(id)) problems.push(`${kind} key of job ${id} outlived the job`);
    }
  }
  return problems;
}

export async function checkConsistency(queue: Queue): Promise<ConsistencyReport> {
  const structures = await readStructures(queue);
  const hashIds = await scanJobIds(queue);
  const statuses = hashIds.length
    ? (unwrap(await hashIds.reduce((p, id) => p.hget(queue.keys.jobPrefix + id, 'status'), queue.client.pipeline()).exec()) as (string | null)[])
    : [];
  const problems: string[] = [];
  const where = new Map<string, JobState[]>();
  for (const [state, ids] of structures) {
    for (const id of ids) where.set(id, [...(where.get(id) ?? []), state]);
  }
  const status = new Map(hashIds.map((id, i) => [id, statuses[i]]));
  for (const [id, states] of where) {
    if (states.length > 1) problems.push(`job ${id} is in ${states.length} structures: ${states.join(', ')}`);
    if (!status.has(id)) problems.push(`job ${id} is in ${states[0]} but its hash is missing`);
    else if (status.get(id) !== states[0]) problems.push(`job ${id} is in ${states[0]} but its hash says ${status.get(id)}`);
  }
  for (const id of hashIds) {
    if (!where.has(id)) problems.push(`job ${id} (hash says ${status.get(id)}) is in no state structure`);
  }
  problems.push(...(await orphanSideKeys(queue, new Set(hashIds))));
  const byState = Object.fromEntries(JOB_STATES.map((s) => [s, structures.get(s)!.length])) as Record<JobState, number>;
  return { jobs: hashIds.length, byState, problems };
}

/** Throws with every violation listed when the queue breaks the one-state invariant. */
export async function assertConsistent(queue: Queue): Promise<ConsistencyReport> {
  const report = await checkConsistency(queue);
  if (report.problems.length > 0) {
    const shown = report.problems.slice(0, 20).join('\n  ');
    throw new Error(`queue ${queue.name} is inconsistent (${report.problems.length} problems):\n  ${shown}`);
  }
  return report;
}
