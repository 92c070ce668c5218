import { TRANSITION_KEYS } from './cycle';
import { defineScript } from './define';

export const reapScript = defineScript({
  name: 'reap',
  keys: TRANSITION_KEYS,
  contract: `
takes back jobs whose lease expired because their worker died or froze (started -> queued at the
front of its priority level, or -> failed once the job has used up its crash budget). The fencing
token is bumped, so a late report from the old worker is discarded.
KEYS: as cycle (TRANSITION_KEYS, by name in K)
ARGV[1] job key prefix  ARGV[2] max jobs per call  ARGV[3] default crash budget
ARGV[4] default failure TTL ms
Returns { requeued, failed }`,
  body: `
local prefix, limit, defaultBudget, defaultTtl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local now = nowMs()
local expired = redis.call('ZRANGEBYSCORE', K.started, '-inf', now, 'LIMIT', 0, limit)
if #expired == 0 then return { 0, 0 } end
redis.call('ZREM', K.started, unpack(expired))
local requeued, failed = 0, 0
for i = 1, #expired do
  local id = expired[i]
  local key = prefix .. id
  local f = redis.call('HMGET', key, 'token', 'crashes', 'maxCrashes', 'worker', 'failureTtl', 'hasDeps')
  if f[1] then
    local crashes = (tonumber(f[2]) or 0) + 1
    local token = tonumber(f[1]) + 1
    if crashes >= (tonumber(f[3]) or defaultBudget) then
      local err = cjson.encode({ name = 'LeaseExpiredError', message = 'the lease expired ' .. crashes ..
        ' times (last held by worker ' .. (f[4] or '?') .. '); the crash budget is spent' })
      redis.call('HSET', key, 'status', 'failed', 'ended', now, 'error', err, 'token', token, 'crashes', crashes)
      redis.call('ZADD', K.failed, now, id)
      setExpiry(K.expiry, id, now, tonumber(f[5]) or defaultTtl)
      emitEvent(K.events, 'failed', id, 'error', 'LeaseExpiredError')
      if f[6] == '1' then notifyDependents(K, prefix, queueNameOf(K), id, 'failed', now, defaultTtl) end
      failed = failed + 1
    else
      redis.call('HSET', key, 'token', token, 'crashes', crashes)
      pushQueued(K, prefix, id, now, true)
      emitEvent(K.events, 'retrying', id, 'delay', 0, 'error', 'lease expired')
      requeued = requeued + 1
    end
  end
end
if requeued > 0 then signalWake(K.wake) end
countStat(K.stats, 'x', now, failed)
return { requeued, failed }`,
});
