import { TRANSITION_KEYS } from './cycle';
import { defineScript } from './define';

export const enqueueScript = defineScript({
  name: 'enqueue',
  keys: TRANSITION_KEYS,
  contract: `
adds jobs: new -> queued (in the list of its priority), -> scheduled when delayed, -> deferred
while parents it depends on are unfinished, or -> canceled when a parent of this queue already
failed (and failure is not allowed). An id that exists, or a unique key held by a live job, is
a duplicate: nothing is written for it.
KEYS: as cycle (TRANSITION_KEYS, by name in K)
ARGV[1] job key prefix  ARGV[2] TTL ms for jobs canceled at once
ARGV[3..] one record per job, plain: id, 'p', number of field pairs n, then n field/value pairs;
          or full: id, atFront ('1'|'0'), delay ms, priority ('high', 'low', '' normal),
          unique key ('' none),
          unique window ms (0: until released), number of dependencies d, number of field pairs n,
          then d triples (queue, id, allowFailure '1'|'0'), then n field/value pairs
Returns two values per job: 1 created or 0 duplicate, then the job's id (for a duplicate unique
key, the id of the job holding it). A parent of this queue that does not exist (nor earlier in
this call) fails the whole call before anything is written: error "DEPENDENCY_NOT_FOUND <id>".`,
  body: `
local prefix, canceledTtl = ARGV[1], tonumber(ARGV[2])
local queue = queueNameOf(K)
local now = nowMs()
redis.call('HSETNX', K.meta, 'created', now)

-- Records are read in place (fields stay in ARGV, unpacked by range): no copies per job.
local NO_DEPS = {}
local jobs, anyDeps = {}, false
local i = 3
while i <= #ARGV do
  local job, j
  if ARGV[i + 1] == 'p' then
    -- plain record: id, 'p', n, fields (no option that changes where the job goes)
    job = { id = ARGV[i], front = false, delay = 0, priority = '', unique = '', window = 0, deps = NO_DEPS }
    j = i + 3
    job.from, job.to = j, j + 2 * tonumber(ARGV[i + 2]) - 1
    jobs[#jobs + 1] = job
    i = job.to + 1
  else
  local d, n = tonumber(ARGV[i + 6]), tonumber(ARGV[i + 7])
  job = { id = ARGV[i], front = ARGV[i + 1] == '1', delay = tonumber(ARGV[i + 2]), priority = ARGV[i + 3],
    unique = ARGV[i + 4], window = tonumber(ARGV[i + 5]), deps = NO_DEPS }
  j = i + 8
  if d > 0 then
    anyDeps = true
    job.deps = {}
    for _ = 1, d do
      job.deps[#job.deps + 1] = { queue = ARGV[j], id = ARGV[j + 1], allow = ARGV[j + 2] == '1' }
      j = j + 3
    end
  end
  job.from, job.to = j, j + 2 * n - 1
  jobs[#jobs + 1] = job
  i = j + 2 * n
  end
end
if anyDeps then
  local batch = {}
  for _, job in ipairs(jobs) do
    for _, dep in ipairs(job.deps) do
      if dep.queue == queue and not batch[dep.id] and redis.call('EXISTS', prefix .. dep.id) == 0 then
        return redis.error_reply('DEPENDENCY_NOT_FOUND ' .. dep.id)
      end
    end
    batch[job.id] = true
  end
end

-- The unique key's holder, when it is a job that still exists.
local function uniqueHolder(job)
  if job.unique == '' then return nil end
  local holder = redis.call('GET', jobSideKey(prefix, 'unique', job.unique))
  if holder and redis.call('EXISTS', prefix .. holder) == 1 then return holder end
  return nil
end

-- Links the job to its parents; returns pending count, or a cancel reason.
local function linkParents(job, key)
  local pending = 0
  for _, dep in ipairs(job.deps) do
    local field = depField(dep.queue, dep.id)
    local status = dep.queue == queue and redis.call('HGET', prefix .. dep.id, 'status') or nil
    if status == 'finished' or ((status == 'failed' or status == 'canceled') and dep.allow) then
      redis.call('HSET', key, field, 'd')
    elseif status == 'failed' or status == 'canceled' then
      redis.call('HSET', key, field, 'd')
      return pending, 'dependency ' .. queue .. '/' .. dep.id .. ' ' .. status
    else
      redis.call('HSET', key, field, dep.allow and 'W' or 'w')
      if dep.queue == queue then
        redis.call('SADD', jobSideKey(prefix, 'dependents', dep.id), queue .. '\\n' .. job.id)
        redis.call('HSET', prefix .. dep.id, 'hasDeps', '1')
      end
      pending = pending + 1
    end
  end
  return pending, nil
end

-- Writes the job in the state its parents allow; returns that state.
local function place(job, key)
  local pending, reason = linkParents(job, key)
  if reason then
    redis.call('HSET', key, 'status', 'canceled', 'ended', now, 'cancelReason', reason)
    redis.call('ZADD', K.canceled, now, job.id)
    setExpiry(K.expiry, job.id, now, tonumber(redis.call('HGET', key, 'failureTtl')) or canceledTtl)
    return 'canceled'
  end
  if pending == 0 then return 'queued' end
  redis.call('HSET', key, 'status', 'deferred', 'pendingDeps', pending)
  redis.call('ZADD', K.deferred, now, job.id)
  return 'deferred'
end

local results, tails, queuedAny = {}, {}, false
for _, job in ipairs(jobs) do
  local key = prefix .. job.id
  local holder = uniqueHolder(job)
  if redis.call('EXISTS', key) == 1 or holder then
    results[#results + 1] = 0
    results[#results + 1] = holder or job.id
  else
    if job.unique ~= '' then
      local ukey = jobSideKey(prefix, 'unique', job.unique)
      if job.window > 0 then redis.call('SET', ukey, job.id, 'PX', job.window) else redis.call('SET', ukey, job.id) end
    end
    local state = 'queued'
    if #job.deps > 0 then
      redis.call('HSET', key, 'created', now, unpack(ARGV, job.from, job.to))
      state = place(job, key)
    elseif job.delay > 0 then
      state = 'scheduled'
      redis.call('HSET', key, 'created', now, 'status', 'scheduled', 'due', now + job.delay, unpack(ARGV, job.from, job.to))
      redis.call('ZADD', K.scheduled, now + job.delay, job.id)
      signalWake(K.wake)
    else
      redis.call('HSET', key, 'created', now, 'status', 'queued', 'enqueued', now, unpack(ARGV, job.from, job.to))
    end
    if state == 'queued' then
      local list = queuedListOf(K, job.priority)
      if #job.deps > 0 then redis.call('HSET', key, 'status', 'queued', 'enqueued', now) end
      if job.front then
        redis.call('LPUSH', list, job.id)
      else
        tails[list] = tails[list] or {}
        table.insert(tails[list], job.id)
      end
      queuedAny = true
    end
    if state == 'queued' then emitEvent(K.events, 'enqueued', job.id) else emitEvent(K.events, 'enqueued', job.id, 'state', state) end
    results[#results + 1] = 1
    results[#results + 1] = job.id
  end
end
for list, ids in pairs(tails) do
  for j = 1, #ids, 1000 do redis.call('RPUSH', list, unpack(ids, j, math.min(j + 999, #ids))) end
end
if queuedAny then
  signalWake(K.wake)
  sampleBacklog(K, now)
end
return results`,
});
