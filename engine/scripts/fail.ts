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
local now = nowMs()
local lost, done = {}, 0
for i = 3, #ARGV, 3 do
  if failJob(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[i], ARGV[i + 1], ARGV[i + 2], now, tonumber(ARGV[2])) then
    done = done + 1
  else
    lost[#lost + 1] = ARGV[i]
  end
end
countStat(KEYS[4], 'x', now, done)
return lost`,
});
