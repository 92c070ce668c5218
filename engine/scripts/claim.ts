import { defineScript } from './define';

/** Values returned per claimed job, in order, after the header values. */
export const CLAIM_FIELDS = ['id', 'token', 'attempt', 'task', 'data', 'timeout', 'maxAttempts', 'backoff'] as const;

export const claimScript = defineScript({
  name: 'claim',
  keys: ['queued', 'started', 'scheduled', 'wake', 'meta'],
  contract: `
leases up to N jobs to one worker (queued -> started), promoting due scheduled jobs first.
Each claim bumps the job's fencing token; every later report must carry it.
KEYS[1] queued list  KEYS[2] started zset (score = lease deadline ms)  KEYS[3] scheduled zset
KEYS[4] wake list  KEYS[5] meta hash (field paused = '1' stops claims)
ARGV[1] job key prefix  ARGV[2] max jobs  ARGV[3] worker name  ARGV[4] lease ms
ARGV[5] max due jobs to promote
Returns { nextDue (ms, -1 if none scheduled), remaining queued, now,
          then per job: id, token, attempt, task, data, timeout, maxAttempts, backoff }
Ids whose hash is gone (deleted meanwhile) are dropped from queued and not returned.`,
  body: `
local now = nowMs()
local out = { 0, 0, now }
out[1], out[2] = claimJobs(KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], ARGV[1], tonumber(ARGV[2]), ARGV[3],
  tonumber(ARGV[4]), tonumber(ARGV[5]), now, out)
return out`,
});
