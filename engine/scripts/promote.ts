import { defineScript } from './define';

export const promoteScript = defineScript({
  name: 'promote',
  keys: ['scheduled', 'queued', 'wake', 'stats'],
  contract: `
moves due scheduled jobs to the tail of queued (scheduled -> queued), and samples the backlog.
KEYS[1] scheduled zset (score = due ms)  KEYS[2] queued list  KEYS[3] wake list  KEYS[4] stats hash
ARGV[1] job key prefix  ARGV[2] max jobs per call
Returns { promoted, nextDue (ms of the earliest job still scheduled, -1 if none) }`,
  body: `
local scheduledKey, queuedKey, wakeKey, statsKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local now = nowMs()
local promoted = promoteDue(scheduledKey, queuedKey, ARGV[1], now, tonumber(ARGV[2]))
if promoted > 0 then signalWake(wakeKey) end
-- Workers call this every heartbeat: it is also where the backlog chart gets its samples.
sampleBacklog(statsKey, queuedKey, now)
return { promoted, nextDue(scheduledKey) }`,
});
