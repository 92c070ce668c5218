import { defineScript } from './define';

export const extendLeasesScript = defineScript({
  name: 'extendLeases',
  keys: ['started'],
  contract: `
pushes back the lease deadline of the jobs a live worker still runs (its heartbeat).
KEYS[1] started zset (score = lease deadline ms)
ARGV[1] job key prefix  ARGV[2] lease ms  ARGV[3..] per job: id, token
Returns the ids whose lease was lost (expired and taken back, deleted, or canceled)`,
  body: `
local startedKey = KEYS[1]
local prefix, lease = ARGV[1], tonumber(ARGV[2])
local deadline = nowMs() + lease
local lost, leases = {}, {}
for i = 3, #ARGV, 2 do
  local id, token = ARGV[i], ARGV[i + 1]
  local f = redis.call('HMGET', prefix .. id, 'status', 'token')
  if f[1] == 'started' and f[2] == token then
    leases[#leases + 1] = deadline
    leases[#leases + 1] = id
  else
    lost[#lost + 1] = id
  end
end
if #leases > 0 then redis.call('ZADD', startedKey, 'XX', unpack(leases)) end
return lost`,
});
