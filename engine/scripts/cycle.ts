import { defineScript, type ScriptKey } from './define';

/** Values returned per claimed job, in order. */
export const CLAIM_FIELDS = ['id', 'token', 'attempt', 'task', 'data', 'timeout', 'maxAttempts', 'backoff'] as const;

/** Every key a transition may touch (claims, ends, retries, and the dependents they resolve). */
export const TRANSITION_KEYS: readonly ScriptKey[] = [
  'queued', 'queuedHigh', 'queuedLow', 'started', 'scheduled', 'deferred', 'finished', 'failed', 'canceled',
  'expiry', 'wake', 'stats', 'meta', 'events', 'outbox',
];

export const cycleScript = defineScript({
  name: 'cycle',
  keys: TRANSITION_KEYS,
  contract: `
a worker's round trip: applies the outcomes of attempts that ended (the complete, fail and retry
transitions: started -> finished / failed / scheduled or queued), then leases up to N more jobs
(the claim transition: queued -> started, after promoting due scheduled jobs; highest priority
first). Each transition is one Lua function in transitions.ts; one call per round trip keeps the
hot path at one round trip per batch of jobs. Reports count only while the job is started under
the caller's fencing token; each claim bumps the token.
KEYS: queued, queuedHigh, queuedLow, started, scheduled, deferred, finished, failed, canceled,
      expiry, wake, stats, meta, events, outbox (by name in K)
ARGV[1] job key prefix  ARGV[2] default result TTL ms  ARGV[3] default failure TTL ms
ARGV[4] worker name  ARGV[5] lease ms  ARGV[6] max jobs to claim (0: claim none)
ARGV[7] max due jobs to promote
ARGV[8..] per outcome: kind ('c' complete, 'f' fail, 'r' retry), id, token,
          payload (result JSON for c, error JSON for f and r), delay ms (r only, else '')
Returns { nextDue, remaining queued, now, number of lost reports L, L lost ids,
          then 8 values per claimed job as claim returns them }`,
  body: `
local prefix, resultTtl, failureTtl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local now = nowMs()
local lost = {}
local finished, failed, retried = 0, 0, 0
for i = 8, #ARGV, 5 do
  local kind, id, token, payload = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local ok
  if kind == 'c' then
    ok = completeJob(K, prefix, id, token, payload, now, resultTtl, failureTtl)
    if ok then finished = finished + 1 end
  elseif kind == 'f' then
    ok = failJob(K, prefix, id, token, payload, now, failureTtl)
    if ok then failed = failed + 1 end
  else
    ok = retryJob(K, prefix, id, token, tonumber(ARGV[i + 4]), payload, now)
    if ok then retried = retried + 1 end
  end
  if not ok then lost[#lost + 1] = id end
end
-- Before the claim: it reads started and scheduled, and may lease a job just retried.
flushZsets()
countStat(K.stats, 'f', now, finished)
countStat(K.stats, 'x', now, failed)
countStat(K.stats, 'r', now, retried)
local out = { 0, 0, now, #lost }
for i = 1, #lost do out[4 + i] = lost[i] end
out[1], out[2] = claimJobs(K, prefix, tonumber(ARGV[6]), ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[7]), now, failureTtl, out)
return out`,
});
