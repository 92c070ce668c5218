import { defineScript } from './define';

export const releaseScript = defineScript({
  name: 'release',
  keys: ['started', 'queued', 'wake'],
  contract: `
gives back the leases of jobs a stopping worker could not finish (started -> front of queued),
so another worker takes them at once. The interrupted attempt is not counted; the fencing token
is bumped.
KEYS[1] started zset  KEYS[2] queued list  KEYS[3] wake list
ARGV[1] job key prefix  ARGV[2..] per job: id, token
Returns the number of jobs given back`,
  body: `
local startedKey, queuedKey, wakeKey = KEYS[1], KEYS[2], KEYS[3]
local prefix = ARGV[1]
local now = nowMs()
local released = 0
for i = 2, #ARGV, 2 do
  local id, token = ARGV[i], ARGV[i + 1]
  local key = prefix .. id
  local f = redis.call('HMGET', key, 'status', 'token', 'attempts')
  if f[1] == 'started' and f[2] == token then
    redis.call('ZREM', startedKey, id)
    redis.call('HSET', key, 'status', 'queued', 'enqueued', now, 'token', tonumber(token) + 1,
      'attempts', math.max(0, (tonumber(f[3]) or 1) - 1))
    redis.call('LPUSH', queuedKey, id)
    released = released + 1
  end
end
if released > 0 then signalWake(wakeKey) end
return released`,
});
