/**
 * The one module that loads Lua scripts. Every state transition is a script in this folder;
 * `runScript` builds its KEYS from QueueKeys by name, so no caller counts positions.
 */
import type { ChainableCommander, Redis } from 'ioredis';
import type { QueueKeys } from '../keys';
import { cancelJobScript, runNowScript, setPausedScript } from './cancel-job';
import { cleanupScript } from './cleanup';
import { cycleScript } from './cycle';
import type { ScriptDef } from './define';
import { deleteJobScript } from './delete-job';
import { emptyQueueScript } from './empty-queue';
import { enqueueScript } from './enqueue';
import { extendLeasesScript } from './extend-leases';
import { logScript, progressScript } from './job-output';
import { linkDependentScript, resolveDependencyScript } from './link-dependency';
import { pageQueuedScript } from './page-queued';
import { promoteScript } from './promote';
import { queueSummaryScript } from './queue-summary';
import { reapScript } from './reap';
import { releaseScript } from './release';
import { retryFailedScript } from './retry-failed';
import { retryJobScript } from './retry-job';
import { trimStatsScript } from './trim-stats';

export { CLAIM_FIELDS } from './cycle';
export { STATS_BUCKET_MS, EVENTS_MAX_LEN } from './helpers';
export { DEFAULT_CANCELED_TTL_MS } from './dependencies';
export type { ScriptDef } from './define';

export const SCRIPTS = {
  enqueue: enqueueScript,
  cycle: cycleScript,
  extendLeases: extendLeasesScript,
  reap: reapScript,
  release: releaseScript,
  promote: promoteScript,
  pageQueued: pageQueuedScript,
  queueSummary: queueSummaryScript,
  retryJob: retryJobScript,
  deleteJob: deleteJobScript,
  retryFailed: retryFailedScript,
  emptyQueue: emptyQueueScript,
  cleanup: cleanupScript,
  trimStats: trimStatsScript,
  cancelJob: cancelJobScript,
  runNow: runNowScript,
  setPaused: setPausedScript,
  progress: progressScript,
  jobLog: logScript,
  linkDependent: linkDependentScript,
  resolveDependency: resolveDependencyScript,
} as const;

export type ScriptName = keyof typeof SCRIPTS;

const commandName = (def: ScriptDef) => `conveyor_${def.name}`;
const installed = new WeakSet<Redis>();

/** Makes every script callable on `client` (EVALSHA, falling back to EVAL once per connection). */
export function installScripts(client: Redis): void {
  if (installed.has(client)) return;
  for (const def of Object.values(SCRIPTS)) {
    client.defineCommand(commandName(def), { numberOfKeys: def.keys.length, lua: def.lua });
  }
  installed.add(client);
}

type Arg = string | number;
type ScriptTarget = Redis | ChainableCommander;

/** Calls a script on a client (returns its reply) or queues it on a pipeline. */
export function runScript<T = unknown>(target: Redis, name: ScriptName, keys: QueueKeys, args: Arg[]): Promise<T>;
export function runScript(target: ChainableCommander, name: ScriptName, keys: QueueKeys, args: Arg[]): ChainableCommander;
export function runScript(target: ScriptTarget, name: ScriptName, keys: QueueKeys, args: Arg[]): unknown {
  const def = SCRIPTS[name];
  const call = (target as unknown as Record<string, (...a: Arg[]) => unknown>)[commandName(def)];
  if (typeof call !== 'function') throw new Error(`script ${def.name} is not installed on this connection`);
  const keyNames = def.keys.map((k) => keys[k]);
  return call.call(target, ...keyNames, ...args);
}
