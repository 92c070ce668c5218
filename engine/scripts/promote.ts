import { defineScript } from './define';

export const promoteScript = defineScript({
  name: 'promote',
  keys: ['scheduled', 'queued', 'queuedHigh', 'queuedLow', 'wake', 'stats'],
  contract: `
moves due scheduled jobs to the tail of queued (scheduled -> queued, in their priority level) and
samples the backlog for the charts.
KEYS: scheduled, queued, queuedHigh, queuedLow, wake, stats (by name in K)
ARGV[1] job key prefix  ARGV[2] max jobs to move
Returns { moved, next due time ms or -1 }`,
  body: `
local now = nowMs()
local promoted = promoteDue(K, ARGV[1], now, tonumber(ARGV[2]))
if promoted > 0 then signalWake(K.wake) end
-- Workers call this every heartbeat: it is also where the backlog chart gets its samples.
sampleBacklog(K, now)
return { promoted, nextDue(K.scheduled) }`,
});
