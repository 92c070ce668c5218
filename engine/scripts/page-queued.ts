import { defineScript } from './define';

export const pageQueuedScript = defineScript({
  name: 'pageQueued',
  keys: ['queuedHigh', 'queued', 'queuedLow'],
  contract: `
one page of the queued jobs in the order they will run (high, normal, low; FIFO within each),
reading each list from its nearer end so a page deep in a long list stays cheap.
KEYS: queuedHigh, queued, queuedLow (by name in K)
ARGV[1] offset  ARGV[2] page size
Returns { total, ids... }`,
  body: `
local offset, size = tonumber(ARGV[1]), tonumber(ARGV[2])
local lists = { K.queuedHigh, K.queued, K.queuedLow }
local lengths, total = {}, 0
for i = 1, 3 do lengths[i] = redis.call('LLEN', lists[i]); total = total + lengths[i] end
local out = { total }
for i = 1, 3 do
  local len = lengths[i]
  if size > 0 and offset < len then
    local last = math.min(offset + size, len) - 1
    local ids
    if offset > len - 1 - last then
      ids = redis.call('LRANGE', lists[i], offset - len, last - len)
    else
      ids = redis.call('LRANGE', lists[i], offset, last)
    end
    for j = 1, #ids do out[#out + 1] = ids[j] end
    size = size - #ids
    offset = 0
  else
    offset = offset - len
  end
end
return out`,
});
