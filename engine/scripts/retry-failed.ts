import { defineScript } from './define';

export const retryFailedScript = defineScript({
  name: 'retryFailed',
  keys: ['failed', 'finished', 'canceled', 'queued', 'queuedHigh', 'queuedLow', 'expiry', 'wake', 'stats'],
  contract: `
one bounded chunk of "requeue all" for a registry (failed, finished or canceled): moves jobs
that ended at or before a snapshot time to the tail of queued (in their priority level) with a
fresh attempt budget. Jobs that end again after the snapshot are not picked up, so the caller's
loop ends even when they fail at once.
KEYS: failed, finished, canceled, queued, queuedHigh, queuedLow, expiry, wake, stats (by name in K)
ARGV[1] job key prefix  ARGV[2] snapshot ms ('' on the first call: now)  ARGV[3] max jobs
ARGV[4] registry: 'failed', 'finished' or 'canceled'
Returns { moved, snapshot }`,
  body: `
local prefix = ARGV[1]
local now = nowMs()
local snapshot = tonumber(ARGV[2]) or now
local registry = ({ failed = K.failed, finished = K.finished, canceled = K.canceled })[ARGV[4]]
if not registry then return redis.error_reply('unknown registry ' .. tostring(ARGV[4])) end
local ids = redis.call('ZRANGEBYSCORE', registry, '-inf', snapshot, 'LIMIT', 0, tonumber(ARGV[3]))
if #ids == 0 then return { 0, snapshot } end
redis.call('ZREM', registry, unpack(ids))
redis.call('ZREM', K.expiry, unpack(ids))
local moved = 0
for i = 1, #ids do
  local key = prefix .. ids[i]
  if redis.call('EXISTS', key) == 1 then
    redis.call('HDEL', key, 'result', 'error', 'ended', 'started', 'worker', 'crashes', 'cancelReason', 'progress')
    redis.call('HSET', key, 'attempts', 0)
    pushQueued(K, prefix, ids[i], now, false)
    moved = moved + 1
  end
end
if moved > 0 then
  signalWake(K.wake)
  sampleBacklog(K, now)
end
return { moved, snapshot }`,
});
