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
local now = nowMs()
local lost, done = {}, 0
for i = 2, #ARGV, 4 do
  if retryJob(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), ARGV[i + 3], now) then
    done = done + 1
  else
    lost[#lost + 1] = ARGV[i]
  end
end
if done > 0 then signalWake(KEYS[4]) end
countStat(KEYS[5], 'r', now, done)
return lost`,
});
