import { TRANSITION_KEYS } from './cycle';
import { defineScript } from './define';

export const emptyQueueScript = defineScript({
  name: 'emptyQueue',
  keys: TRANSITION_KEYS,
  contract: `
deletes up to N jobs waiting in queued (highest priority level first), with every key they own;
their dependents are canceled.
KEYS: as cycle (TRANSITION_KEYS, by name in K)
ARGV[1] job key prefix  ARGV[2] max jobs  ARGV[3] TTL ms of dependents canceled by this
Returns the number of jobs deleted`,
  body: `
local prefix = ARGV[1]
local now = nowMs()
local ids = popQueued(K, tonumber(ARGV[2]))
for i = 1, #ids do
  local f = redis.call('HMGET', prefix .. ids[i], 'hasDeps', 'uniqueKey')
  releaseUnique(prefix, ids[i], f[2])
  if f[1] == '1' then notifyDependents(K, prefix, queueNameOf(K), ids[i], 'deleted', now, tonumber(ARGV[3])) end
  dropJob(prefix, ids[i])
end
sampleBacklog(K, now)
return #ids`,
});
