/**
 * Dependencies in Lua. A child waiting in `deferred` keeps one hash field per parent,
 * "dep\n<queue>\n<id>" = 'w' (waiting, must finish), 'W' (waiting, any end will do) or 'd' (done),
 * and 'pendingDeps', the number still waiting. A parent with dependents has 'hasDeps' = '1' and
 * the set dependents:<id> of "<queue>\n<child id>". When a parent ends, children of its own queue
 * are resolved in the same script; those of other queues get a record in the outbox, which
 * workers deliver with the resolveDependency script (resolution is idempotent, so a record
 * delivered twice changes nothing).
 */
export const DEFAULT_CANCELED_TTL_MS = 7 * 24 * 3600 * 1000;

export const LUA_DEPENDENCIES = `
local function depField(queue, id)
  return 'dep\\n' .. queue .. '\\n' .. id
end

-- Ends a deferred child as canceled because of a parent; returns true when it was deferred.
local function cancelDeferred(K, prefix, id, reason, now, ttl)
  local key = prefix .. id
  if redis.call('HGET', key, 'status') ~= 'deferred' then return false end
  redis.call('ZREM', K.deferred, id)
  redis.call('HSET', key, 'status', 'canceled', 'ended', now, 'cancelReason', reason)
  redis.call('ZADD', K.canceled, now, id)
  setExpiry(K.expiry, id, now, tonumber(redis.call('HGET', key, 'failureTtl')) or ttl)
  emitEvent(K.events, 'canceled', id, 'reason', reason)
  return true
end

-- Applies one parent's end ('finished', 'failed', 'canceled', 'deleted', 'missing') to a child
-- of this queue. Returns true when the child was canceled by it (its own dependents must hear).
local function resolveOne(K, prefix, queue, childId, parentQueue, parentId, outcome, now, ttl)
  local key = prefix .. childId
  local field = depField(parentQueue, parentId)
  local f = redis.call('HMGET', key, 'status', field)
  if f[1] ~= 'deferred' or (f[2] ~= 'w' and f[2] ~= 'W') then return false end
  if outcome == 'finished' or f[2] == 'W' then
    redis.call('HSET', key, field, 'd')
    if redis.call('HINCRBY', key, 'pendingDeps', -1) <= 0 then
      redis.call('ZREM', K.deferred, childId)
      pushQueued(K, prefix, childId, now, false)
      signalWake(K.wake)
      emitEvent(K.events, 'enqueued', childId)
    end
    return false
  end
  local reason = 'dependency ' .. parentQueue .. '/' .. parentId .. ' ' .. outcome
  return cancelDeferred(K, prefix, childId, reason, now, ttl)
end

-- Tells the dependents of a job of this queue that it ended, following cancellations down
-- the chain with a work list (no recursion). Children in other queues go to the outbox.
local function notifyDependents(K, prefix, queue, id, outcome, now, ttl)
  local work = { { id, outcome } }
  local i = 1
  while i <= #work do
    local parentId, parentOutcome = work[i][1], work[i][2]
    local setKey = jobSideKey(prefix, 'dependents', parentId)
    local members = redis.call('SMEMBERS', setKey)
    redis.call('DEL', setKey)
    for j = 1, #members do
      local sep = string.find(members[j], '\\n', 1, true)
      local childQueue, childId = string.sub(members[j], 1, sep - 1), string.sub(members[j], sep + 1)
      if childQueue == queue then
        if resolveOne(K, prefix, queue, childId, queue, parentId, parentOutcome, now, ttl) then
          work[#work + 1] = { childId, 'canceled' }
        end
      else
        redis.call('RPUSH', K.outbox, childQueue .. '\\n' .. childId .. '\\n' .. queue .. '\\n' .. parentId .. '\\n' .. parentOutcome)
      end
    end
    i = i + 1
  end
end
`;
