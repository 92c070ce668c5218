import { TRANSITION_KEYS } from './cycle';
import { defineScript } from './define';

export const cancelJobScript = defineScript({
  name: 'cancelJob',
  keys: TRANSITION_KEYS,
  contract: `
cancels a job that has not ended (queued, scheduled, deferred or started -> canceled) with a
reason. A started job's token is bumped, so its worker's late report is discarded, and the
command is published on the cancel channel so the worker aborts the handler at once (workers
also learn it at their next heartbeat, which survives lost messages). Dependents that needed
this job are canceled too.
KEYS: as cycle (TRANSITION_KEYS, by name in K)
ARGV[1] job key prefix  ARGV[2] job id  ARGV[3] reason  ARGV[4] default TTL ms of canceled jobs
ARGV[5] cancel channel
Returns the state the job was in; -1 when it does not exist; { status } (a one-element array)
when it has already ended (nothing changed)`,
  body: `
local prefix, id, reason, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local key = prefix .. id
local f = redis.call('HMGET', key, 'status', 'priority', 'token', 'failureTtl', 'hasDeps', 'uniqueKey')
local status = f[1]
if not status then return -1 end
if status == 'finished' or status == 'failed' or status == 'canceled' then return { status } end
local now = nowMs()
if status == 'queued' then
  redis.call('LREM', queuedListOf(K, f[2]), 0, id)
elseif status == 'started' then
  redis.call('ZREM', K.started, id)
  redis.call('HSET', key, 'token', (tonumber(f[3]) or 0) + 1)
  redis.call('PUBLISH', ARGV[5], queueNameOf(K) .. '\\n' .. id)
else
  redis.call('ZREM', status == 'scheduled' and K.scheduled or K.deferred, id)
end
redis.call('HSET', key, 'status', 'canceled', 'ended', now, 'cancelReason', reason)
redis.call('ZADD', K.canceled, now, id)
setExpiry(K.expiry, id, now, tonumber(f[4]) or ttl)
releaseUnique(prefix, id, f[6])
emitEvent(K.events, 'canceled', id, 'reason', reason)
if f[5] == '1' then notifyDependents(K, prefix, queueNameOf(K), id, 'canceled', now, ttl) end
if status == 'queued' then sampleBacklog(K, now) end
return status`,
});

export const runNowScript = defineScript({
  name: 'runNow',
  keys: ['scheduled', 'queued', 'queuedHigh', 'queuedLow', 'wake', 'stats', 'events'],
  contract: `
an operator runs a scheduled job now (scheduled -> tail of queued, in its priority level).
KEYS: scheduled, queued, queuedHigh, queuedLow, wake, stats, events (by name in K)
ARGV[1] job key prefix  ARGV[2] job id
Returns 1 when queued, -1 when the job does not exist, or its status when it is not scheduled`,
  body: `
local prefix, id = ARGV[1], ARGV[2]
local status = redis.call('HGET', prefix .. id, 'status')
if not status then return -1 end
if status ~= 'scheduled' then return status end
local now = nowMs()
redis.call('ZREM', K.scheduled, id)
redis.call('HDEL', prefix .. id, 'due')
pushQueued(K, prefix, id, now, false)
emitEvent(K.events, 'enqueued', id, 'state', 'queued')
signalWake(K.wake)
sampleBacklog(K, now)
return 1`,
});

export const setPausedScript = defineScript({
  name: 'setPaused',
  keys: ['meta', 'wake', 'events'],
  contract: `
pauses or resumes a queue: while meta.paused is '1' no worker claims from it (running jobs go
on). Resuming wakes an idle worker.
KEYS: meta, wake, events (by name in K)
ARGV[1] '1' pause, '0' resume
Returns 1 when the state changed, 0 when it already was so`,
  body: `
local paused = redis.call('HGET', K.meta, 'paused') == '1'
if (ARGV[1] == '1') == paused then return 0 end
if ARGV[1] == '1' then
  redis.call('HSET', K.meta, 'paused', '1')
  emitEvent(K.events, 'paused', '')
else
  redis.call('HDEL', K.meta, 'paused')
  signalWake(K.wake)
  emitEvent(K.events, 'resumed', '')
end
return 1`,
});
