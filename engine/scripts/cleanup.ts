import { defineScript } from './define';

export const cleanupScript = defineScript({
  name: 'cleanup',
  keys: ['expiry', 'finished', 'failed'],
  contract: `
retention: deletes finished and failed jobs whose TTL has run out (registry entry and hash).
KEYS[1] expiry zset (score = time the job may be deleted)  KEYS[2] finished zset  KEYS[3] failed zset
ARGV[1] job key prefix  ARGV[2] max jobs per call
Returns the number of jobs deleted`,
  body: `
local expiryKey, finishedKey, failedKey = KEYS[1], KEYS[2], KEYS[3]
local ids = redis.call('ZRANGEBYSCORE', expiryKey, '-inf', nowMs(), 'LIMIT', 0, tonumber(ARGV[2]))
if #ids == 0 then return 0 end
local keys = {}
for i = 1, #ids do keys[i] = ARGV[1] .. ids[i] end
redis.call('ZREM', expiryKey, unpack(ids))
redis.call('ZREM', finishedKey, unpack(ids))
redis.call('ZREM', failedKey, unpack(ids))
redis.call('DEL', unpack(keys))
return #ids`,
});
