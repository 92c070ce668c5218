import { defineScript } from './define';

export const failScript = defineScript({
  name: 'fail',
  keys: ['started', 'failed', 'expiry', 'stats'],
  contract: `
records the final failure of leased jobs (started -> failed), keeping error name, message, stack.
A report is applied only if the job is still started under the caller's fencing token.
KEYS[1] started zset  KEYS[2] failed zset (score = end ms)  KEYS[3] expiry zset  KEYS[4] stats hash
ARGV[1] job key prefix  ARGV[2] default failure TTL ms (-1 keeps forever)
ARGV[3..] per job: id, token, error JSON {name, message, stack}
Returns the ids whose lease was lost; their reports were discarded`,
  body: `
local startedKey, failedKey, expiryKey, statsKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local prefix, defaultTtl = ARGV[1], tonumber(ARGV[2])
local now = nowMs()
local lost, done, failed = {}, {}, {}
for i = 3, #ARGV, 3 do
  local id, token, err = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local key = prefix .. id
  local f = redis.call('HMGET', key, 'status', 'token', 'failureTtl')
  if f[1] ~= 'started' or f[2] ~= token then
    lost[#lost + 1] = id
  else
    done[#done + 1] = id
    local ttl = tonumber(f[3]) or defaultTtl
    if ttl == 0 then
      redis.call('DEL', key)
    else
      redis.call('HSET', key, 'status', 'failed', 'ended', now, 'error', err)
      failed[#failed + 1] = now
      failed[#failed + 1] = id
      setExpiry(expiryKey, id, now, ttl)
    end
  end
end
if #done > 0 then redis.call('ZREM', startedKey, unpack(done)) end
if #failed > 0 then redis.call('ZADD', failedKey, unpack(failed)) end
countStat(statsKey, 'x', now, #done)
return lost`,
});
