import { defineScript } from './define';

export const retryJobScript = defineScript({
  name: 'retryJob',
  keys: ['queued', 'failed', 'finished', 'canceled', 'expiry', 'wake', 'stats'],
  contract: `
an operator runs a finished, failed or canceled job again (-> tail of queued) with a fresh
attempt budget; its previous result and error are cleared.
KEYS[1] queued list  KEYS[2] failed zset  KEYS[3] finished zset  KEYS[4] canceled zset
KEYS[5] expiry zset  KEYS[6] wake list  KEYS[7] stats hash
ARGV[1] job key prefix  ARGV[2] job id
Returns 1 done; -1 no such job; otherwise the job's current state (a string) that forbids it`,
  body: `
local queuedKey, failedKey, finishedKey, canceledKey, expiryKey, wakeKey, statsKey =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local id = ARGV[2]
local key = ARGV[1] .. id
local status = redis.call('HGET', key, 'status')
if not status then return -1 end
local from = ({ failed = failedKey, finished = finishedKey, canceled = canceledKey })[status]
if not from then return status end
local now = nowMs()
redis.call('ZREM', from, id)
redis.call('ZREM', expiryKey, id)
redis.call('HDEL', key, 'result', 'error', 'ended', 'started', 'worker', 'crashes')
redis.call('HSET', key, 'status', 'queued', 'enqueued', now, 'attempts', 0)
redis.call('RPUSH', queuedKey, id)
signalWake(wakeKey)
sampleBacklog(statsKey, queuedKey, now)
return 1`,
});
