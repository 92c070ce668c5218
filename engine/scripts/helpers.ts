/**
 * Lua shared by several scripts, inlined at definition time (Redis has no include). Helpers
 * take the keys they touch as arguments (K is the script's KEYS by name, see define.ts), so a
 * script's KEYS stay its whole contract. Per-job side keys (logs, dependents, unique) are
 * derived from the job prefix exactly as keys.ts derives them (jobSideKey).
 */

/** Width of one throughput/backlog bucket in the stats hash. */
export const STATS_BUCKET_MS = 5000;
/** Approximate length the events stream is trimmed to. */
export const EVENTS_MAX_LEN = 10000;

export const LUA_HELPERS = `
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- The job prefix ends with 'job:'; side keys replace that with their kind (keys.ts: jobSideKey).
local function jobSideKey(prefix, kind, id)
  return string.sub(prefix, 1, -5) .. kind .. ':' .. id
end

-- At most one token sits in the wake list: enough to wake one blocked worker, which wakes
-- the next one itself if it leaves work behind.
local function signalWake(wakeKey)
  if redis.call('LLEN', wakeKey) == 0 then redis.call('RPUSH', wakeKey, '1') end
end

-- The queued list of a priority level ('high', 'low'; anything else is normal).
local function queuedListOf(K, priority)
  if priority == 'high' then return K.queuedHigh end
  if priority == 'low' then return K.queuedLow end
  return K.queued
end

local function queuedLength(K)
  return redis.call('LLEN', K.queuedHigh) + redis.call('LLEN', K.queued) + redis.call('LLEN', K.queuedLow)
end

-- Appends an event to the queue's capped stream: event name, job id, then field/value pairs.
local function emitEvent(eventsKey, event, id, ...)
  redis.call('XADD', eventsKey, 'MAXLEN', '~', ${EVENTS_MAX_LEN}, '*', 'event', event, 'job', id, ...)
end

local function bucketField(kind, now)
  return kind .. ':' .. math.floor(now / ${STATS_BUCKET_MS})
end

local function countStat(statsKey, kind, now, n)
  if n > 0 then
    redis.call('HINCRBY', statsKey, bucketField(kind, now), n)
    redis.call('HINCRBY', statsKey, kind .. ':total', n)
  end
end

local function sampleBacklog(K, now)
  redis.call('HSET', K.stats, bucketField('q', now), queuedLength(K))
end

-- Retention: a job ended with a finite TTL gets an entry in the expiry index.
local function setExpiry(expiryKey, id, now, ttl)
  if ttl > 0 then redis.call('ZADD', expiryKey, now + ttl, id) end
end

-- Deletes a job's hash and every side key it owns.
local function dropJob(prefix, id)
  redis.call('DEL', prefix .. id, jobSideKey(prefix, 'logs', id))
end

-- Puts a job in the queued list of its priority (front or back) and marks it queued.
local function pushQueued(K, prefix, id, now, front)
  local key = prefix .. id
  local list = queuedListOf(K, redis.call('HGET', key, 'priority'))
  redis.call('HSET', key, 'status', 'queued', 'enqueued', now)
  if front then redis.call('LPUSH', list, id) else redis.call('RPUSH', list, id) end
end

-- Moves up to 'limit' due jobs from scheduled to the tail of queued; returns how many moved.
local function promoteDue(K, prefix, now, limit)
  local due = redis.call('ZRANGEBYSCORE', K.scheduled, '-inf', now, 'LIMIT', 0, limit)
  if #due == 0 then return 0 end
  redis.call('ZREM', K.scheduled, unpack(due))
  for i = 1, #due do
    if redis.call('EXISTS', prefix .. due[i]) == 1 then
      redis.call('HDEL', prefix .. due[i], 'due')
      pushQueued(K, prefix, due[i], now, false)
    end
  end
  return #due
end

local function nextDue(scheduledKey)
  local first = redis.call('ZRANGE', scheduledKey, 0, 0, 'WITHSCORES')
  if first[2] then return tonumber(first[2]) end
  return -1
end
`;
