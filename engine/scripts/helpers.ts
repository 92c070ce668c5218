/**
 * Lua shared by several scripts, inlined at definition time (Redis has no include). Helpers
 * take the keys they touch as arguments (K is the script's KEYS by name, see define.ts), so a
 * script's KEYS stay its whole contract. Per-job side keys (logs, dependents, unique) are
 * derived from the job prefix exactly as keys.ts derives them (jobSideKey).
 */

/** Width of one throughput/backlog bucket in the stats hash. */
export const STATS_BUCKET_MS = 5000;
/**
 * Approximate number of entries the events stream is trimmed to. Each entry holds one kind of
 * event for up to EVENT_BATCH jobs of one script call (a round trip's completions, a bulk
 * enqueue), so recording events costs one XADD per call rather than one per job.
 */
export const EVENTS_MAX_LEN = 5000;
export const EVENT_BATCH = 50;

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

-- Events wait here until the script ends (flushEvents, called after every body by define.ts).
local pendingEvents = { order = {}, byName = {} }

-- Records an event for the queue's capped stream: event name, job id, then field/value pairs
-- (line breaks in values become spaces: entries keep one line per job).
local function emitEvent(eventsKey, event, id, ...)
  local b = pendingEvents.byName[event]
  if not b then
    b = { key = eventsKey, ids = {}, fields = {}, names = {} }
    pendingEvents.byName[event] = b
    pendingEvents.order[#pendingEvents.order + 1] = event
  end
  local n = #b.ids + 1
  b.ids[n] = id
  for i = 1, select('#', ...), 2 do
    local name, value = select(i, ...)
    if not b.fields[name] then
      b.fields[name] = {}
      b.names[#b.names + 1] = name
    end
    value = tostring(value)
    if string.find(value, '\\n', 1, true) then value = string.gsub(value, '\\n', ' ') end
    b.fields[name][n] = value
  end
end

-- Writes the recorded events: per kind, one entry per EVENT_BATCH jobs, with 'jobs' and each
-- field as newline-separated lists in the same order.
local function flushEvents()
  for _, event in ipairs(pendingEvents.order) do
    local b = pendingEvents.byName[event]
    for first = 1, #b.ids, ${EVENT_BATCH} do
      local last = math.min(first + ${EVENT_BATCH} - 1, #b.ids)
      local entry = { 'XADD', b.key, 'MAXLEN', '~', ${EVENTS_MAX_LEN}, '*', 'event', event, 'jobs', table.concat(b.ids, '\\n', first, last) }
      for _, name in ipairs(b.names) do
        local values = {}
        for i = first, last do values[#values + 1] = b.fields[name][i] or '' end
        entry[#entry + 1] = name
        entry[#entry + 1] = table.concat(values, '\\n')
      end
      redis.call(unpack(entry))
    end
  end
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

-- Sorted-set writes of many jobs, gathered and sent as one ZREM / ZADD per key by flushZsets
-- (the cycle script ends dozens of jobs per call; one command per key saves most of the calls).
local zsetBatch = { order = {}, rem = {}, add = {} }

local function batchOf(kind, key)
  local b = zsetBatch[kind][key]
  if not b then
    b = {}
    zsetBatch[kind][key] = b
    zsetBatch.order[#zsetBatch.order + 1] = { kind, key }
  end
  return b
end

local function laterZrem(key, id)
  local b = batchOf('rem', key)
  b[#b + 1] = id
end

local function laterZadd(key, score, id)
  local b = batchOf('add', key)
  b[#b + 1] = score
  b[#b + 1] = id
end

-- Sends the gathered writes, removals and additions in the order their keys were first used.
local function flushZsets()
  for _, entry in ipairs(zsetBatch.order) do
    local kind, key = entry[1], entry[2]
    local b = zsetBatch[kind][key]
    local step = kind == 'rem' and 1000 or 2000
    for first = 1, #b, step do
      redis.call(kind == 'rem' and 'ZREM' or 'ZADD', key, unpack(b, first, math.min(first + step - 1, #b)))
    end
  end
  zsetBatch = { order = {}, rem = {}, add = {} }
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
