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
local now = nowMs()
local lost, done = {}, 0
for i = 3, #ARGV, 3 do
  if completeJob(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[i], ARGV[i + 1], ARGV[i + 2], now, tonumber(ARGV[2])) then
    done = done + 1
  else
    lost[#lost + 1] = ARGV[i]
  end
end
countStat(KEYS[4], 'f', now, done)
return lost`,
});
