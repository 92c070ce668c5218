import { TRANSITION_KEYS } from './cycle';
import { defineScript } from './define';

export const linkDependentScript = defineScript({
  name: 'linkDependent',
  keys: ['meta'],
  contract: `
registers a child of another queue with a parent of this queue, so the parent's end reaches it
through the outbox. Run after the child was written as deferred.
KEYS: meta (by name in K; routes the call to the parent queue's slot)
ARGV[1] parent job key prefix  ARGV[2] parent id  ARGV[3] child queue  ARGV[4] child id
Returns 'linked'; or, when the parent has already ended, its status (finished, failed,
canceled); or 'missing' when it does not exist`,
  body: `
local prefix, id = ARGV[1], ARGV[2]
local status = redis.call('HGET', prefix .. id, 'status')
if not status then return 'missing' end
if status == 'finished' or status == 'failed' or status == 'canceled' then return status end
redis.call('SADD', jobSideKey(prefix, 'dependents', id), ARGV[3] .. '\\n' .. ARGV[4])
redis.call('HSET', prefix .. id, 'hasDeps', '1')
return 'linked'`,
});

export const resolveDependencyScript = defineScript({
  name: 'resolveDependency',
  keys: TRANSITION_KEYS,
  contract: `
delivers one parent's end to a deferred child of this queue: the child's wait for that parent
ends (-> queued when it was the last one), or the child is canceled when the parent did not
finish and failure is not allowed; its own dependents hear of that. Idempotent: a parent already
resolved for this child changes nothing.
KEYS: as cycle (TRANSITION_KEYS, by name in K)
ARGV[1] job key prefix  ARGV[2] child id  ARGV[3] parent queue  ARGV[4] parent id
ARGV[5] parent outcome (finished, failed, canceled, deleted, missing)  ARGV[6] TTL ms of canceled jobs
Returns 1`,
  body: `
local prefix, childId = ARGV[1], ARGV[2]
local now = nowMs()
local queue = queueNameOf(K)
local ttl = tonumber(ARGV[6])
if resolveOne(K, prefix, queue, childId, ARGV[3], ARGV[4], ARGV[5], now, ttl) then
  notifyDependents(K, prefix, queue, childId, 'canceled', now, ttl)
end
return 1`,
});
