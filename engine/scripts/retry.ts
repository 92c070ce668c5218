import { defineScript } from './define';

export const retryScript = defineScript({
  name: 'retry',
  keys: ['started', 'scheduled', 'queued', 'wake', 'stats'],
  contract: `
schedules another attempt of leased jobs that failed with attempts left
(started -> scheduled after a backoff, or straight back to queued when the delay is 0).
A report is applied only if the job is still started under the caller's fencing token.
KEYS[1] started zset  KEYS[2] scheduled zset (score = due ms)  KEYS[3] queued list
KEYS[4] wake list  KEYS[5] stats hash
ARGV[1] job key prefix
ARGV[2..] per job: id, token, delay ms, error JSON of the failed attempt
Returns the ids whose lease was lost; their reports were discarded`,
  body: `
local startedKey, scheduledKey, queuedKey, wakeKey, statsKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local prefix = ARGV[1]
local now = nowMs()
local lost, done = {}, {}
for i = 2, #ARGV, 4 do
  local id, token, delay, err = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), ARGV[i + 3]
  local key = prefix .. id
  local f = redis.call('HMGET', key, 'status', 'token')
  if f[1] ~= 'started' or f[2] ~= token then
    lost[#lost + 1] = id
  else
    done[#done + 1] = id
    if delay > 0 then
      redis.call('HSET', key, 'status', 'scheduled', 'due', now + delay, 'error', err)
      redis.call('ZADD', scheduledKey, now + delay, id)
    else
      redis.call('HSET', key, 'status', 'queued', 'enqueued', now, 'error', err)
      redis.call('RPUSH', queuedKey, id)
    end
  end
end
if #done > 0 then
  redis.call('ZREM', startedKey, unpack(done))
  signalWake(wakeKey)
end
countStat(statsKey, 'r', now, #done)
return lost`,
});
