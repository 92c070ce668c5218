import { defineScript } from './define';

export const enqueueScript = defineScript({
  name: 'enqueue',
  keys: ['queued', 'scheduled', 'wake', 'stats', 'meta'],
  contract: `
adds jobs: new -> queued, or -> scheduled when delayed. An id that exists is left untouched.
KEYS[1] queued list  KEYS[2] scheduled zset  KEYS[3] wake list  KEYS[4] stats hash
KEYS[5] meta hash (field created: when the queue got its first job, for the charts)
ARGV[1] job key prefix
ARGV[2..] one record per job: id, atFront ('1'|'0'), delay ms, number of field pairs n,
          then n field/value pairs (task, data and options)
Returns one integer per job: 1 created, 0 duplicate id (nothing written)`,
  body: `
local queuedKey, scheduledKey, wakeKey, statsKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
redis.call('HSETNX', KEYS[5], 'created', nowMs())
local prefix = ARGV[1]
local now = nowMs()
local results, tail = {}, {}
local queuedAny, scheduledAny = false, false
local i = 2
while i <= #ARGV do
  local id, atFront, delay, n = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3])
  local key = prefix .. id
  if redis.call('EXISTS', key) == 1 then
    results[#results + 1] = 0
  else
    local fields = { 'created', now }
    for j = i + 4, i + 3 + 2 * n do fields[#fields + 1] = ARGV[j] end
    if delay > 0 then
      fields[#fields + 1] = 'status'; fields[#fields + 1] = 'scheduled'
      fields[#fields + 1] = 'due'; fields[#fields + 1] = now + delay
      redis.call('ZADD', scheduledKey, now + delay, id)
      scheduledAny = true
    else
      fields[#fields + 1] = 'status'; fields[#fields + 1] = 'queued'
      fields[#fields + 1] = 'enqueued'; fields[#fields + 1] = now
      if atFront == '1' then redis.call('LPUSH', queuedKey, id) else tail[#tail + 1] = id end
      queuedAny = true
    end
    redis.call('HSET', key, unpack(fields))
    results[#results + 1] = 1
  end
  i = i + 4 + 2 * n
end
for j = 1, #tail, 1000 do
  redis.call('RPUSH', queuedKey, unpack(tail, j, math.min(j + 999, #tail)))
end
if queuedAny or scheduledAny then signalWake(wakeKey) end
if queuedAny then sampleBacklog(statsKey, queuedKey, now) end
return results`,
});
