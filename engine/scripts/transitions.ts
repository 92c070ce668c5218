/**
 * The worker's transitions (claim, complete, fail, retry) as Lua functions, each defined once with
 * its contract; the `cycle` script runs them in one call per round trip. Every function takes the
 * keys it touches as arguments.
 */
export const LUA_TRANSITIONS = `
-- claim: queued -> started for up to maxJobs jobs, after promoting due scheduled jobs.
-- Bumps each job's fencing token; appends id, token, attempt, task, data, timeout, maxAttempts,
-- backoff per job to out. Returns the next due time (-1: none) and the jobs left in queued.
local function claimJobs(queuedKey, startedKey, scheduledKey, wakeKey, metaKey, prefix, maxJobs, worker, lease, promoteLimit, now, out)
  local due = nextDue(scheduledKey)
  if due >= 0 and due <= now then
    promoteDue(scheduledKey, queuedKey, prefix, now, promoteLimit)
    due = nextDue(scheduledKey)
  end
  local paused = redis.call('HGET', metaKey, 'paused') == '1'
  if maxJobs > 0 and not paused then
    local ids = redis.call('LPOP', queuedKey, maxJobs)
    if ids then
      local leases = {}
      local deadline = now + lease
      for i = 1, #ids do
        local id = ids[i]
        local key = prefix .. id
        local f = redis.call('HMGET', key, 'task', 'data', 'timeout', 'maxAttempts', 'backoff', 'token', 'attempts')
        -- A vanished hash (job deleted while queued) is dropped from the list, not claimed.
        if f[1] then
          local token = (tonumber(f[6]) or 0) + 1
          local attempt = (tonumber(f[7]) or 0) + 1
          redis.call('HSET', key, 'status', 'started', 'started', now, 'worker', worker, 'token', token, 'attempts', attempt)
          leases[#leases + 1] = deadline
          leases[#leases + 1] = id
          local n = #out
          out[n + 1] = id; out[n + 2] = token; out[n + 3] = attempt; out[n + 4] = f[1]
          out[n + 5] = f[2]; out[n + 6] = f[3] or ''; out[n + 7] = f[4] or ''; out[n + 8] = f[5] or ''
        end
      end
      if #leases > 0 then redis.call('ZADD', startedKey, unpack(leases)) end
    end
  end
  local remaining = redis.call('LLEN', queuedKey)
  -- Work left behind: wake the next idle worker (a paused queue wakes nobody).
  if remaining > 0 and not paused then signalWake(wakeKey) end
  return due, remaining
end

-- True when the job is still started under this fencing token; any report must pass this.
local function holdsLease(f, token)
  return f[1] == 'started' and f[2] == token
end

-- Ends a leased attempt in a registry (finished or failed) with its payload field (result or
-- error), or deletes the job when its TTL is 0. False when the caller no longer holds the lease.
local function endJob(startedKey, registryKey, expiryKey, prefix, id, token, now, status, ttlField, defaultTtl, field, payload)
  local key = prefix .. id
  local f = redis.call('HMGET', key, 'status', 'token', ttlField)
  if not holdsLease(f, token) then return false end
  redis.call('ZREM', startedKey, id)
  local ttl = tonumber(f[3]) or defaultTtl
  if ttl == 0 then
    redis.call('DEL', key)
    return true
  end
  if payload ~= '' then
    redis.call('HSET', key, 'status', status, 'ended', now, field, payload)
  else
    redis.call('HSET', key, 'status', status, 'ended', now)
  end
  redis.call('ZADD', registryKey, now, id)
  setExpiry(expiryKey, id, now, ttl)
  return true
end

-- complete: started -> finished, keeping the result ('' for none) for resultTtl.
local function completeJob(startedKey, finishedKey, expiryKey, prefix, id, token, result, now, defaultTtl)
  return endJob(startedKey, finishedKey, expiryKey, prefix, id, token, now, 'finished', 'resultTtl', defaultTtl, 'result', result)
end

-- fail: started -> failed, keeping the error of the last attempt for failureTtl.
local function failJob(startedKey, failedKey, expiryKey, prefix, id, token, err, now, defaultTtl)
  return endJob(startedKey, failedKey, expiryKey, prefix, id, token, now, 'failed', 'failureTtl', defaultTtl, 'error', err)
end

-- retry: started -> scheduled after a delay (or straight to queued when it is 0).
local function retryJob(startedKey, scheduledKey, queuedKey, prefix, id, token, delay, err, now)
  local key = prefix .. id
  local f = redis.call('HMGET', key, 'status', 'token')
  if not holdsLease(f, token) then return false end
  redis.call('ZREM', startedKey, id)
  if delay > 0 then
    redis.call('HSET', key, 'status', 'scheduled', 'due', now + delay, 'error', err)
    redis.call('ZADD', scheduledKey, now + delay, id)
  else
    redis.call('HSET', key, 'status', 'queued', 'enqueued', now, 'error', err)
    redis.call('RPUSH', queuedKey, id)
  end
  return true
end
`;
