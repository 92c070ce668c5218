/**
 * The worker's transitions (claim, complete, fail, retry) as Lua functions, each defined once with
 * its contract; the `cycle` script runs them in one call per round trip. K is the script's KEYS
 * by name (queued lists, started, scheduled, finished, failed, deferred, canceled, expiry, wake,
 * stats, meta, events, outbox).
 */
export const LUA_TRANSITIONS = `
local function queueNameOf(K)
  return string.match(K.meta, '{(.*)}')
end

-- 'Name: message' of an error JSON, short enough for an event.
local function errorSummary(err)
  local ok, e = pcall(cjson.decode, err)
  if not ok or type(e) ~= 'table' then return string.sub(err, 1, 200) end
  return string.sub(tostring(e.name or 'Error') .. ': ' .. tostring(e.message or ''), 1, 200)
end

-- A unique key is released only by the job holding it.
local function releaseUnique(prefix, id, uniqueKey)
  if uniqueKey then
    local key = jobSideKey(prefix, 'unique', uniqueKey)
    if redis.call('GET', key) == id then redis.call('DEL', key) end
  end
end

-- Ends a job that never started because its ttl ran out while queued: failed, JobExpired.
local function expireJob(K, prefix, id, now, failureTtl, ttl)
  local key = prefix .. id
  local err = cjson.encode({ name = 'JobExpired', message = 'not started within its ttl of ' .. ttl .. ' ms' })
  redis.call('HSET', key, 'status', 'failed', 'ended', now, 'error', err)
  redis.call('ZADD', K.failed, now, id)
  setExpiry(K.expiry, id, now, tonumber(redis.call('HGET', key, 'failureTtl')) or failureTtl)
  emitEvent(K.events, 'failed', id, 'error', 'JobExpired')
  if redis.call('HGET', key, 'hasDeps') == '1' then
    notifyDependents(K, prefix, queueNameOf(K), id, 'failed', now, failureTtl)
  end
end

-- Pops up to n ids from the queued lists, highest priority first. Also returns the lists this
-- emptied (or found empty), so the caller need not ask their length again.
local function popQueued(K, n)
  local ids, emptied = {}, {}
  for _, list in ipairs({ K.queuedHigh, K.queued, K.queuedLow }) do
    if #ids >= n then break end
    local want = n - #ids
    local got = redis.call('LPOP', list, want)
    if got then for i = 1, #got do ids[#ids + 1] = got[i] end end
    if not got or #got < want then emptied[list] = true end
  end
  return ids, emptied
end

-- Leases one popped job; returns false when it is gone or expired instead.
local function leaseOne(K, prefix, id, worker, now, failureTtl, out)
  local key = prefix .. id
  local f = redis.call('HMGET', key, 'task', 'data', 'timeout', 'maxAttempts', 'backoff', 'token', 'attempts',
    'ttl', 'enqueued', 'uniqueKey', 'uniqueUntil')
  -- A vanished hash (job deleted while queued) is dropped from the list, not claimed.
  if not f[1] then return false end
  if f[8] and now > (tonumber(f[9]) or now) + tonumber(f[8]) then
    expireJob(K, prefix, id, now, failureTtl, f[8])
    return false
  end
  local token = (tonumber(f[6]) or 0) + 1
  local attempt = (tonumber(f[7]) or 0) + 1
  redis.call('HSET', key, 'status', 'started', 'started', now, 'worker', worker, 'token', token, 'attempts', attempt)
  if f[11] == 'started' then releaseUnique(prefix, id, f[10]) end
  emitEvent(K.events, 'started', id)
  local n = #out
  out[n + 1] = id; out[n + 2] = token; out[n + 3] = attempt; out[n + 4] = f[1]
  out[n + 5] = f[2]; out[n + 6] = f[3] or ''; out[n + 7] = f[4] or ''; out[n + 8] = f[5] or ''
  return true
end

-- claim: queued -> started for up to maxJobs jobs, after promoting due scheduled jobs.
-- Bumps each job's fencing token; appends id, token, attempt, task, data, timeout, maxAttempts,
-- backoff per job to out. Returns the next due time (-1: none) and the jobs left in queued.
local function claimJobs(K, prefix, maxJobs, worker, lease, promoteLimit, now, failureTtl, out)
  local due = nextDue(K.scheduled)
  if due >= 0 and due <= now then
    promoteDue(K, prefix, now, promoteLimit)
    due = nextDue(K.scheduled)
  end
  local paused = redis.call('HGET', K.meta, 'paused') == '1'
  local emptied = {}
  if maxJobs > 0 and not paused then
    local ids
    ids, emptied = popQueued(K, maxJobs)
    local leases = {}
    local deadline = now + lease
    for i = 1, #ids do
      if leaseOne(K, prefix, ids[i], worker, now, failureTtl, out) then
        leases[#leases + 1] = deadline
        leases[#leases + 1] = ids[i]
      end
    end
    if #leases > 0 then redis.call('ZADD', K.started, unpack(leases)) end
  end
  local remaining = 0
  for _, list in ipairs({ K.queuedHigh, K.queued, K.queuedLow }) do
    if not emptied[list] then remaining = remaining + redis.call('LLEN', list) end
  end
  -- Work left behind: wake the next idle worker (a paused queue wakes nobody).
  if remaining > 0 and not paused then signalWake(K.wake) end
  return due, remaining
end

-- True when the job is still started under this fencing token; any report must pass this.
local function holdsLease(f, token)
  return f[1] == 'started' and f[2] == token
end

-- Ends a leased attempt in a registry (finished or failed) with its payload field (result or
-- error), or deletes the job when its TTL is 0. False when the caller no longer holds the lease.
-- Its sorted-set writes wait for flushZsets (the caller's, before anything reads those sets).
local function endJob(K, prefix, id, token, now, status, ttlField, defaultTtl, field, payload, failureTtl)
  local key = prefix .. id
  local f = redis.call('HMGET', key, 'status', 'token', ttlField, 'hasDeps', 'uniqueKey', 'uniqueUntil')
  if not holdsLease(f, token) then return false end
  laterZrem(K.started, id)
  if f[6] ~= 'window' then releaseUnique(prefix, id, f[5]) end
  if f[4] == '1' then notifyDependents(K, prefix, queueNameOf(K), id, status, now, failureTtl) end
  local ttl = tonumber(f[3]) or defaultTtl
  if ttl == 0 then
    dropJob(prefix, id)
    return true
  end
  if payload ~= '' then
    redis.call('HSET', key, 'status', status, 'ended', now, field, payload)
  else
    redis.call('HSET', key, 'status', status, 'ended', now)
  end
  laterZadd(status == 'finished' and K.finished or K.failed, now, id)
  if ttl > 0 then laterZadd(K.expiry, now + ttl, id) end
  return true
end

-- complete: started -> finished, keeping the result ('' for none) for resultTtl.
local function completeJob(K, prefix, id, token, result, now, resultTtl, failureTtl)
  local ok = endJob(K, prefix, id, token, now, 'finished', 'resultTtl', resultTtl, 'result', result, failureTtl)
  if ok then emitEvent(K.events, 'finished', id) end
  return ok
end

-- fail: started -> failed, keeping the error of the last attempt for failureTtl.
local function failJob(K, prefix, id, token, err, now, failureTtl)
  local ok = endJob(K, prefix, id, token, now, 'failed', 'failureTtl', failureTtl, 'error', err, failureTtl)
  if ok then emitEvent(K.events, 'failed', id, 'error', errorSummary(err)) end
  return ok
end

-- retry: started -> scheduled after a delay (or straight to queued when it is 0).
local function retryJob(K, prefix, id, token, delay, err, now)
  local key = prefix .. id
  local f = redis.call('HMGET', key, 'status', 'token')
  if not holdsLease(f, token) then return false end
  laterZrem(K.started, id)
  redis.call('HSET', key, 'error', err)
  if delay > 0 then
    redis.call('HSET', key, 'status', 'scheduled', 'due', now + delay)
    redis.call('ZADD', K.scheduled, now + delay, id)
  else
    pushQueued(K, prefix, id, now, false)
  end
  emitEvent(K.events, 'retrying', id, 'delay', delay, 'error', errorSummary(err))
  return true
end
`;
