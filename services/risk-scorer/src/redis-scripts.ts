// The two Lua scripts of the Redis state store. Each runs atomically on the child's keys (one
// hash tag per child, so they also work on a Redis Cluster). Layout under `<prefix>:{<childKey>}:`
//   sig  zset   score = sequence number, member = JSON [eventId, signalType, occurredAt]
//   ev   hash   eventId → "<seq>" once observed, "<seq>|<outcome>" once committed (de-duplication)
//   evt  zset   eventId → processing time, ms (expires ev entries after the de-duplication TTL)
//   meta hash   seq → last sequence number
//   al   hash   condition → JSON open alert

/** KEYS sig ev evt meta al; ARGV eventId member nowMs dedupTtlMs maxSignals stateTtlMs → {replayed, seq, outcome, signals, alerts, lastSeq}. */
export const OBSERVE_LUA = `
local rec = redis.call('HGET', KEYS[2], ARGV[1])
local seq
local replayed = 0
if rec then
  replayed = 1
  local sep = string.find(rec, '|', 1, true)
  if sep then return {1, tonumber(string.sub(rec, 1, sep - 1)), string.sub(rec, sep + 1), {}, {}, 0} end
  seq = tonumber(rec)
else
  seq = redis.call('HINCRBY', KEYS[4], 'seq', 1)
  redis.call('ZADD', KEYS[1], seq, ARGV[2])
  redis.call('HSET', KEYS[2], ARGV[1], tostring(seq))
  local now = tonumber(ARGV[3])
  redis.call('ZADD', KEYS[3], now, ARGV[1])
  local old = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', '(' .. tostring(now - tonumber(ARGV[4])), 'LIMIT', 0, 500)
  if #old > 0 then
    redis.call('HDEL', KEYS[2], unpack(old))
    redis.call('ZREM', KEYS[3], unpack(old))
  end
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[5]) + 1))
  for i = 1, 5 do redis.call('PEXPIRE', KEYS[i], ARGV[6]) end
end
return {replayed, seq, '', redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', seq), redis.call('HGETALL', KEYS[5]), tonumber(redis.call('HGET', KEYS[4], 'seq'))}
`;

/** KEYS ev al; ARGV eventId outcome stateTtlMs [condition stateJson|'']... → the outcome stored for the event (first commit wins). */
export const COMMIT_LUA = `
local rec = redis.call('HGET', KEYS[1], ARGV[1])
if rec then
  local sep = string.find(rec, '|', 1, true)
  if sep then return string.sub(rec, sep + 1) end
  redis.call('HSET', KEYS[1], ARGV[1], rec .. '|' .. ARGV[2])
end
for i = 4, #ARGV, 2 do
  if ARGV[i + 1] == '' then redis.call('HDEL', KEYS[2], ARGV[i]) else redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
end
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return ARGV[2]
`;
