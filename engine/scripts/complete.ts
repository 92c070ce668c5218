import { defineScript } from './define';

export const completeScript = defineScript({
  name: 'complete',
  keys: ['started', 'finished', 'expiry', 'stats'],
  contract: `
records success of leased jobs (started -> finished, or deleted when its result TTL is 0).
A report is applied only if the job is still started under the caller's fencing token.
KEYS[1] started zset  KEYS[2] finished zset (score = end ms)  KEYS[3] expiry zset  KEYS[4] stats hash
ARGV[1] job key prefix  ARGV[2] default result TTL ms (-1 keeps forever)
ARGV[3..] per job: id, token, result JSON ('' when the handler returned nothing)
Returns the ids whose lease was lost; their reports were discarded`,
  body: `
local startedKey, finishedKey, expiryKey, statsKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local prefix, defaultTtl = ARGV[1], tonumber(ARGV[2])
local now = nowMs()
local lost, done, finished = {}, {}, {}
for i = 3, #ARGV, 3 do
  local id, token, result = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local key = prefix .. id
  local f = redis.call('HMGET', key, 'status', 'token', 'resultTtl')
  if f[1] ~= 'started' or f[2] ~= token then
    lost[#lost + 1] = id
  else
    done[#done + 1] = id
    local ttl = tonumber(f[3]) or defaultTtl
    if ttl == 0 then
      redis.call('DEL', key)
    else
      if result ~= '' then
        redis.call('HSET', key, 'status', 'finished', 'ended', now, 'result', result)
      else
        redis.call('HSET', key, 'status', 'finished', 'ended', now)
      end
      finished[#finished + 1] = now
      finished[#finished + 1] = id
      setExpiry(expiryKey, id, now, ttl)
    end
  end
end
if #done > 0 then redis.call('ZREM', startedKey, unpack(done)) end
if #finished > 0 then redis.call('ZADD', finishedKey, unpack(finished)) end
countStat(statsKey, 'f', now, #done)
return lost`,
});
