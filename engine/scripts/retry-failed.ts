import { defineScript } from './define';

export const retryFailedScript = defineScript({
  name: 'retryFailed',
  keys: ['failed', 'queued', 'expiry', 'wake', 'stats'],
  contract: `
one bounded chunk of "retry all failed": moves failed jobs that ended at or before a snapshot
time to the tail of queued. Jobs that fail again after the snapshot are not picked up, so the
operation ends even while workers keep failing jobs.
KEYS[1] failed zset (score = end ms)  KEYS[2] queued list  KEYS[3] expiry zset  KEYS[4] wake list
KEYS[5] stats hash
ARGV[1] job key prefix  ARGV[2] snapshot ms ('' = now)  ARGV[3] max jobs in this chunk
Returns { moved, snapshot ms }`,
  body: `
local failedKey, queuedKey, expiryKey, wakeKey, statsKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local prefix = ARGV[1]
local now = nowMs()
local snapshot = tonumber(ARGV[2]) or now
local ids = redis.call('ZRANGEBYSCORE', failedKey, '-inf', snapshot, 'LIMIT', 0, tonumber(ARGV[3]))
if #ids == 0 then return { 0, snapshot } end
redis.call('ZREM', failedKey, unpack(ids))
redis.call('ZREM', expiryKey, unpack(ids))
local moved = {}
for i = 1, #ids do
  local key = prefix .. ids[i]
  if redis.call('EXISTS', key) == 1 then
    redis.call('HDEL', key, 'result', 'error', 'ended', 'started', 'worker', 'crashes')
    redis.call('HSET', key, 'status', 'queued', 'enqueued', now, 'attempts', 0)
    moved[#moved + 1] = ids[i]
  end
end
if #moved > 0 then
  redis.call('RPUSH', queuedKey, unpack(moved))
  signalWake(wakeKey)
  sampleBacklog(statsKey, queuedKey, now)
end
return { #moved, snapshot }`,
});
