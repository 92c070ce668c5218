import { TRANSITION_KEYS } from './cycle';
import { defineScript } from './define';

export const deleteJobScript = defineScript({
  name: 'deleteJob',
  keys: TRANSITION_KEYS,
  contract: `
deletes a job from every structure, with every key it owns (any state -> gone). Its waiting
dependents are canceled ("dependency ... deleted"); a started job's late report is discarded
(its hash is gone, so the fencing check fails).
KEYS: as cycle (TRANSITION_KEYS, by name in K)
ARGV[1] job key prefix  ARGV[2] job id  ARGV[3] TTL ms of dependents canceled by this
Returns the state the job was in, or -1 when it does not exist`,
  body: `
local prefix, id = ARGV[1], ARGV[2]
local key = prefix .. id
local f = redis.call('HMGET', key, 'status', 'priority', 'hasDeps', 'uniqueKey')
local status = f[1]
if not status then return -1 end
-- LREM is O(queue length), so only pay it when the job says it is queued.
if status == 'queued' then redis.call('LREM', queuedListOf(K, f[2]), 0, id) end
for _, zset in ipairs({ K.scheduled, K.deferred, K.started, K.finished, K.failed, K.canceled, K.expiry }) do
  redis.call('ZREM', zset, id)
end
releaseUnique(prefix, id, f[4])
if f[3] == '1' then notifyDependents(K, prefix, queueNameOf(K), id, 'deleted', nowMs(), tonumber(ARGV[3])) end
dropJob(prefix, id)
emitEvent(K.events, 'removed', id)
return status`,
});
