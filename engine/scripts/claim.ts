import { defineScript } from './define';

/** Values returned per claimed job, in order, after the three header values. */
export const CLAIM_FIELDS = ['id', 'token', 'attempt', 'task', 'data', 'timeout', 'maxAttempts', 'backoff'] as const;

export const claimScript = defineScript({
  name: 'claim',
  keys: ['queued', 'started', 'scheduled', 'wake', 'stats', 'meta'],
  contract: `
leases up to N jobs to one worker (queued -> started), promoting due scheduled jobs first.
Each claim bumps the job's fencing token; every later report must carry it.
KEYS[1] queued list  KEYS[2] started zset (score = lease deadline ms)  KEYS[3] scheduled zset
KEYS[4] wake list  KEYS[5] stats hash  KEYS[6] meta hash (field paused = '1' stops claims)
ARGV[1] job key prefix  ARGV[2] max jobs  ARGV[3] worker name  ARGV[4] lease ms
ARGV[5] max due jobs to promote
Returns { nextDue (ms, -1 if none scheduled), remaining queued, now,
          then per job: id, token, attempt, task, data, timeout, maxAttempts, backoff }
Ids whose hash is gone (deleted meanwhile) are dropped from queued and not returned.`,
  body: `
local queuedKey, startedKey, scheduledKey, wakeKey, statsKey, metaKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local prefix, maxJobs, worker, lease = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local now = nowMs()
promoteDue(scheduledKey, queuedKey, prefix, now, tonumber(ARGV[5]))
local out = { 0, 0, now }
local paused = redis.call('HGET', metaKey, 'paused') == '1'
if not paused then
  local ids = redis.call('LPOP', queuedKey, maxJobs)
  if ids then
    local leases = {}
    local deadline = now + lease
    for i = 1, #ids do
      local id = ids[i]
      local key = prefix .. id
      local f = redis.call('HMGET', key, 'task', 'data', 'timeout', 'maxAttempts', 'backoff', 'token', 'attempts')
      if f[1] then
        local token = (tonumber(f[6]) or 0) + 1
        local attempt = (tonumber(f[7]) or 0) + 1
        redis.call('HSET', key, 'status', 'started', 'started', now, 'worker', worker, 'token', token, 'attempts', attempt)
        leases[#leases + 1] = deadline
        leases[#leases + 1] = id
        local n = #out
        out[n + 1] = id; out[n + 2] = token; out[n + 3] = attempt; out[n + 4] = f[1]
        out[n + 5] = f[2]; out[n + 6] = f[3] or ''; out[n + 7] = f[4] or ''; out[n + 8] = f[5] or ''
      end
    end
    if #leases > 0 then redis.call('ZADD', startedKey, unpack(leases)) end
  end
end
local remaining = redis.call('LLEN', queuedKey)
-- Work left behind: wake the next idle worker (a paused queue wakes nobody).
if remaining > 0 and not paused then signalWake(wakeKey) end
redis.call('HSET', statsKey, bucketField('q', now), remaining)
out[1] = nextDue(scheduledKey)
out[2] = remaining
return out`,
});
