import { defineScript } from './define';

export const pageQueuedScript = defineScript({
  name: 'pageQueued',
  keys: ['queued'],
  contract: `
reads one page of the queued list (a read, no transition), from whichever end is nearer, so a
page deep in a long list costs O(distance to the nearer end + page) instead of O(offset + page).
KEYS[1] queued list
ARGV[1] offset from the head  ARGV[2] page size
Returns { total, ids... } in head-to-tail order`,
  body: `
local total = redis.call('LLEN', KEYS[1])
local offset, size = tonumber(ARGV[1]), tonumber(ARGV[2])
local out = { total }
if offset >= total then return out end
local last = math.min(offset + size, total) - 1
local ids
if offset > total - 1 - last then
  ids = redis.call('LRANGE', KEYS[1], offset - total, last - total)
else
  ids = redis.call('LRANGE', KEYS[1], offset, last)
end
for i = 1, #ids do out[i + 1] = ids[i] end
return out`,
});
