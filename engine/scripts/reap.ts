import { defineScript } from './define';

export const reapScript = defineScript({
  name: 'reap',
  keys: ['started', 'queued', 'failed', 'wake', 'expiry', 'stats'],
  contract: `
takes back jobs whose lease expired because their worker died or froze (started -> queued at the
front, or -> failed once the job has used up its crash budget). The fencing token is bumped, so a
late report from the old worker is discarded.
KEYS[1] started zset  KEYS[2] queued list  KEYS[3] failed zset  KEYS[4] wake list
KEYS[5] expiry zset  KEYS[6] stats hash
ARGV[1] job key prefix  ARGV[2] max jobs per call  ARGV[3] default crash budget
ARGV[4] default failure TTL ms
Returns { requeued, failed }`,
  body: `
local startedKey, queuedKey, failedKey, wakeKey, expiryKey, statsKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local prefix, limit, defaultBudget, defaultTtl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local now = nowMs()
local expired = redis.call('ZRANGEBYSCORE', startedKey, '-inf', now, 'LIMIT', 0, limit)
if #expired == 0 then return { 0, 0 } end
redis.call('ZREM', startedKey, unpack(expired))
local requeued, failed = 0, 0
for i = 1, #expired do
  local id = expired[i]
  local key = prefix .. id
  local f = redis.call('HMGET', key, 'token', 'crashes', 'maxCrashes', 'worker', 'failureTtl')
  if f[1] then
    local crashes = (tonumber(f[2]) or 0) + 1
    local token = tonumber(f[1]) + 1
    if crashes >= (tonumber(f[3]) or defaultBudget) then
      local err = cjson.encode({ name = 'LeaseExpiredError', message = 'the lease expired ' .. crashes ..
        ' times (last held by worker ' .. (f[4] or '?') .. '); the crash budget is spent' })
      redis.call('HSET', key, 'status', 'failed', 'ended', now, 'error', err, 'token', token, 'crashes', crashes)
      redis.call('ZADD', failedKey, now, id)
      setExpiry(expiryKey, id, now, tonumber(f[5]) or defaultTtl)
      failed = failed + 1
    else
      redis.call('HSET', key, 'status', 'queued', 'enqueued', now, 'token', token, 'crashes', crashes)
      redis.call('LPUSH', queuedKey, id)
      requeued = requeued + 1
    end
  end
end
if requeued > 0 then signalWake(wakeKey) end
countStat(statsKey, 'x', now, failed)
return { requeued, failed }`,
});
