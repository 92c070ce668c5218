import { defineScript } from './define';

/** Values returned per claimed job, in order. */
export const CLAIM_FIELDS = ['id', 'token', 'attempt', 'task', 'data', 'timeout', 'maxAttempts', 'backoff'] as const;

export const cycleScript = defineScript({
  name: 'cycle',
  keys: ['queued', 'started', 'scheduled', 'finished', 'failed', 'expiry', 'wake', 'stats', 'meta'],
  contract: `
a worker's round trip: applies the outcomes of attempts that ended (the complete, fail and retry
transitions: started -> finished / failed / scheduled or queued), then leases up to N more jobs
(the claim transition: queued -> started, after promoting due scheduled jobs). Each transition is
one Lua function in transitions.ts; one call per round trip keeps the hot path at one round trip
per batch of jobs. Reports count only while the job is started under the caller's fencing token;
each claim bumps the token.
KEYS[1] queued  KEYS[2] started  KEYS[3] scheduled  KEYS[4] finished  KEYS[5] failed
KEYS[6] expiry  KEYS[7] wake  KEYS[8] stats  KEYS[9] meta
ARGV[1] job key prefix  ARGV[2] default result TTL ms  ARGV[3] default failure TTL ms
ARGV[4] worker name  ARGV[5] lease ms  ARGV[6] max jobs to claim (0: claim none)
ARGV[7] max due jobs to promote
ARGV[8..] per outcome: kind ('c' complete, 'f' fail, 'r' retry), id, token,
          payload (result JSON for c, error JSON for f and r), delay ms (r only, else '')
Returns { nextDue, remaining queued, now, number of lost reports L, L lost ids,
          then 8 values per claimed job as claim returns them }`,
  body: `
local queuedKey, startedKey, scheduledKey, finishedKey, failedKey, expiryKey, wakeKey, statsKey, metaKey =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9]
local prefix, resultTtl, failureTtl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local now = nowMs()
local lost = {}
local finished, failed, retried = 0, 0, 0
for i = 8, #ARGV, 5 do
  local kind, id, token, payload = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local ok
  if kind == 'c' then
    ok = completeJob(startedKey, finishedKey, expiryKey, prefix, id, token, payload, now, resultTtl)
    if ok then finished = finished + 1 end
  elseif kind == 'f' then
    ok = failJob(startedKey, failedKey, expiryKey, prefix, id, token, payload, now, failureTtl)
    if ok then failed = failed + 1 end
  else
    ok = retryJob(startedKey, scheduledKey, queuedKey, prefix, id, token, tonumber(ARGV[i + 4]), payload, now)
    if ok then retried = retried + 1 end
  end
  if not ok then lost[#lost + 1] = id end
end
countStat(statsKey, 'f', now, finished)
countStat(statsKey, 'x', now, failed)
countStat(statsKey, 'r', now, retried)
local out = { 0, 0, now, #lost }
for i = 1, #lost do out[4 + i] = lost[i] end
out[1], out[2] = claimJobs(queuedKey, startedKey, scheduledKey, wakeKey, metaKey, prefix, tonumber(ARGV[6]),
  ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[7]), now, out)
return out`,
});
