import { defineScript } from './define';

export const retryJobScript = defineScript({
  name: 'retryJob',
  keys: ['queued', 'queuedHigh', 'queuedLow', 'failed', 'finished', 'canceled', 'expiry', 'wake', 'stats', 'events'],
  contract: `
an operator runs a failed, finished or canceled job again (-> tail of queued, in its priority
level) with a fresh attempt budget.
KEYS: queued, queuedHigh, queuedLow, failed, finished, canceled, expiry, wake, stats, events (by name in K)
ARGV[1] job key prefix  ARGV[2] job id
Returns 1 when requeued, -1 when the job does not exist, or the job's status when it is in
another state (nothing changed)`,
  body: `
local id = ARGV[2]
local key = ARGV[1] .. id
local status = redis.call('HGET', key, 'status')
if not status then return -1 end
local from = ({ failed = K.failed, finished = K.finished, canceled = K.canceled })[status]
if not from then return status end
local now = nowMs()
redis.call('ZREM', from, id)
redis.call('ZREM', K.expiry, id)
redis.call('HDEL', key, 'result', 'error', 'ended', 'started', 'worker', 'crashes', 'cancelReason', 'progress')
redis.call('HSET', key, 'attempts', 0)
pushQueued(K, ARGV[1], id, now, false)
emitEvent(K.events, 'enqueued', id, 'state', 'queued')
signalWake(K.wake)
sampleBacklog(K, now)
return 1`,
});
