import type { QueueKeys } from '../keys';
import { LUA_TRANSITIONS } from './transitions';

/** Width of one throughput/backlog bucket in the stats hash. */
export const STATS_BUCKET_MS = 5000;

/** A Lua script for one state transition. `keys` names its KEYS, in order, from QueueKeys. */
export interface ScriptDef {
  name: string;
  keys: readonly Exclude<keyof QueueKeys, 'jobPrefix'>[];
  lua: string;
}

/**
 * Lua shared by several scripts, inlined at definition time (Redis has no include). Each
 * helper takes what it touches as arguments, so a script's KEYS stay its whole contract.
 */
export const LUA_HELPERS = `
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- At most one token sits in the wake list: enough to wake one blocked worker, which wakes
-- the next one itself if it leaves work behind.
local function signalWake(wakeKey)
  if redis.call('LLEN', wakeKey) == 0 then redis.call('RPUSH', wakeKey, '1') end
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

local function sampleBacklog(statsKey, queuedKey, now)
  redis.call('HSET', statsKey, bucketField('q', now), redis.call('LLEN', queuedKey))
end

-- Retention: a finished or failed job with a finite TTL gets an entry in the expiry index.
local function setExpiry(expiryKey, id, now, ttl)
  if ttl > 0 then redis.call('ZADD', expiryKey, now + ttl, id) end
end

-- Moves up to 'limit' due jobs from scheduled to the tail of queued; returns how many moved.
local function promoteDue(scheduledKey, queuedKey, prefix, now, limit)
  local due = redis.call('ZRANGEBYSCORE', scheduledKey, '-inf', now, 'LIMIT', 0, limit)
  if #due == 0 then return 0 end
  redis.call('ZREM', scheduledKey, unpack(due))
  for i = 1, #due do
    local key = prefix .. due[i]
    if redis.call('EXISTS', key) == 1 then
      redis.call('HSET', key, 'status', 'queued', 'enqueued', now)
      redis.call('HDEL', key, 'due')
      redis.call('RPUSH', queuedKey, due[i])
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

/**
 * Builds a script: its contract comment first (what it does, KEYS, ARGV, return value), then
 * the shared helpers, then the body.
 */
export function defineScript(def: { name: string; keys: ScriptDef['keys']; contract: string; body: string }): ScriptDef {
  const lua = `--[[ ${def.name}: ${def.contract.trim()}\n]]\n${LUA_HELPERS}\n${LUA_TRANSITIONS}\n${def.body.trim()}\n`;
  return { name: def.name, keys: def.keys, lua };
}
