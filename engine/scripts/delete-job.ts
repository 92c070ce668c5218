import { defineScript } from './define';

export const deleteJobScript = defineScript({
  name: 'deleteJob',
  keys: ['queued', 'scheduled', 'deferred', 'started', 'finished', 'failed', 'canceled', 'expiry'],
  contract: `
deletes a job from every structure and removes its hash. Deleting a started job also voids its
lease: the worker's later report is discarded.
KEYS[1] queued list  KEYS[2..7] scheduled, deferred, started, finished, failed, canceled zsets
KEYS[8] expiry zset
ARGV[1] job key prefix  ARGV[2] job id
Returns the state the job was in, or -1 if there was no such job`,
  body: `
local id = ARGV[2]
local key = ARGV[1] .. id
local status = redis.call('HGET', key, 'status')
if not status then return -1 end
-- LREM is O(queue length), so only pay it when the job says it is queued.
if status == 'queued' then redis.call('LREM', KEYS[1], 0, id) end
for i = 2, 8 do redis.call('ZREM', KEYS[i], id) end
redis.call('DEL', key)
return status`,
});
