import { defineScript } from './define';

export const emptyQueueScript = defineScript({
  name: 'emptyQueue',
  keys: ['queued', 'stats'],
  contract: `
one bounded chunk of "empty queue": deletes jobs from the head of queued, hashes included.
Jobs that are scheduled, started or in a registry are not touched.
KEYS[1] queued list  KEYS[2] stats hash
ARGV[1] job key prefix  ARGV[2] max jobs in this chunk
Returns the number of jobs deleted`,
  body: `
local ids = redis.call('LPOP', KEYS[1], tonumber(ARGV[2]))
if not ids then return 0 end
local keys = {}
for i = 1, #ids do keys[i] = ARGV[1] .. ids[i] end
redis.call('DEL', unpack(keys))
sampleBacklog(KEYS[2], KEYS[1], nowMs())
return #ids`,
});
