import { defineScript } from './define';

export const releaseScript = defineScript({
  name: 'release',
  keys: ['started', 'queued', 'queuedHigh', 'queuedLow', 'wake'],
  contract: `
a stopping worker gives back leases it still holds (started -> front of queued, in its priority
level). The attempt does not count: the job did not fail. The token is bumped so a handler that
still finishes cannot report.
KEYS: started, queued, queuedHigh, queuedLow, wake (by name in K)
ARGV[1] job key prefix  ARGV[2..] pairs of id, token
Returns the number of jobs given back`,
  body: `
local prefix = ARGV[1]
local now = nowMs()
local released = 0
for i = 2, #ARGV, 2 do
  local id, token = ARGV[i], ARGV[i + 1]
  local key = prefix .. id
  local f = redis.call('HMGET', key, 'status', 'token', 'attempts')
  if f[1] == 'started' and f[2] == token then
    redis.call('ZREM', K.started, id)
    redis.call('HSET', key, 'token', tonumber(token) + 1, 'attempts', math.max(0, (tonumber(f[3]) or 1) - 1))
    pushQueued(K, prefix, id, now, true)
    released = released + 1
  end
end
if released > 0 then signalWake(K.wake) end
return released`,
});
