import { defineScript } from './define';

export const trimStatsScript = defineScript({
  name: 'trimStats',
  keys: ['stats'],
  contract: `
keeps the stats hash bounded: once it holds more than a threshold of fields, deletes the bucket
fields older than a cutoff (the ':total' counters stay).
KEYS[1] stats hash
ARGV[1] field threshold  ARGV[2] oldest bucket number to keep
Returns the number of fields deleted`,
  body: `
if redis.call('HLEN', KEYS[1]) <= tonumber(ARGV[1]) then return 0 end
local oldest = tonumber(ARGV[2])
local old = {}
for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
  local bucket = tonumber(string.match(field, ':(%d+)$'))
  if bucket and bucket < oldest then old[#old + 1] = field end
end
for i = 1, #old, 1000 do redis.call('HDEL', KEYS[1], unpack(old, i, math.min(i + 999, #old))) end
return #old`,
});
