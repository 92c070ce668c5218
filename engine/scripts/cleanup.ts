import { defineScript } from './define';

export const cleanupScript = defineScript({
  name: 'cleanup',
  keys: ['expiry', 'finished', 'failed', 'canceled'],
  contract: `
retention: deletes finished, failed and canceled jobs whose time in the expiry index has come,
with every key they own; then trims each of those registries to its count cap (oldest first).
KEYS: expiry, finished, failed, canceled (by name in K)
ARGV[1] job key prefix  ARGV[2] max jobs per call
ARGV[3] max finished kept  ARGV[4] max failed kept  ARGV[5] max canceled kept (-1: no cap)
Returns the number of jobs deleted`,
  body: `
local prefix, limit = ARGV[1], tonumber(ARGV[2])
local deleted = 0
local ids = redis.call('ZRANGEBYSCORE', K.expiry, '-inf', nowMs(), 'LIMIT', 0, limit)
if #ids > 0 then
  redis.call('ZREM', K.expiry, unpack(ids))
  redis.call('ZREM', K.finished, unpack(ids))
  redis.call('ZREM', K.failed, unpack(ids))
  redis.call('ZREM', K.canceled, unpack(ids))
  for i = 1, #ids do dropJob(prefix, ids[i]) end
  deleted = #ids
end
for i, registry in ipairs({ K.finished, K.failed, K.canceled }) do
  local cap = tonumber(ARGV[2 + i])
  if cap >= 0 and deleted < limit then
    local excess = redis.call('ZCARD', registry) - cap
    if excess > 0 then
      local old = redis.call('ZRANGE', registry, 0, math.min(excess, limit - deleted) - 1)
      redis.call('ZREM', registry, unpack(old))
      redis.call('ZREM', K.expiry, unpack(old))
      for j = 1, #old do dropJob(prefix, old[j]) end
      deleted = deleted + #old
    end
  end
end
return deleted`,
});
