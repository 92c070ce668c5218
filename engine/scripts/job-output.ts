import { defineScript } from './define';

export const progressScript = defineScript({
  name: 'progress',
  keys: ['events'],
  contract: `
a running handler reports progress: stores it on the job and emits a progress event, only while
the caller holds the lease (status started, same fencing token).
KEYS: events (by name in K)
ARGV[1] job key prefix  ARGV[2] job id  ARGV[3] token  ARGV[4] progress JSON
Returns 1 when stored, 0 when the lease is no longer held`,
  body: `
local key = ARGV[1] .. ARGV[2]
local f = redis.call('HMGET', key, 'status', 'token')
if f[1] ~= 'started' or f[2] ~= ARGV[3] then return 0 end
redis.call('HSET', key, 'progress', ARGV[4])
emitEvent(K.events, 'progress', ARGV[2], 'progress', ARGV[4])
return 1`,
});

export const logScript = defineScript({
  name: 'jobLog',
  keys: ['meta'],
  contract: `
a running handler appends log lines to its job, kept newest-last and capped (oldest dropped),
only while the caller holds the lease.
KEYS: meta (by name in K; routes the call to the queue's slot)
ARGV[1] job key prefix  ARGV[2] job id  ARGV[3] token  ARGV[4] max lines kept  ARGV[5..] lines
Returns the number of lines kept, or -1 when the lease is no longer held`,
  body: `
local prefix, id = ARGV[1], ARGV[2]
local f = redis.call('HMGET', prefix .. id, 'status', 'token')
if f[1] ~= 'started' or f[2] ~= ARGV[3] then return -1 end
local logs = jobSideKey(prefix, 'logs', id)
redis.call('RPUSH', logs, unpack(ARGV, 5))
redis.call('LTRIM', logs, -tonumber(ARGV[4]), -1)
return redis.call('LLEN', logs)`,
});
