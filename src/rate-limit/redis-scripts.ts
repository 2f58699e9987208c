import { createHash } from "node:crypto";

// Both scripts: KEYS[1] is one tenant's window, a sorted set of tokens scored by the Redis time
// (ms) at which each slot frees. Redis's own clock (TIME), never the hosts', which disagree.
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
`;
// Every write sets the key to expire with its last slot, so no key outlives its window.
const EXPIRE = `local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')[2]
if last then redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil(tonumber(last) - now))) end
`;

/**
 * KEYS[2]: the processes that asked for this window, a sorted set of process ids scored by the
 * Redis time of their last ask, trimmed to the last perMs and expiring with it.
 * ARGV: requests, perMs, leaseMs, token, process id ('' records none). A slot in flight is scored
 * at now + leaseMs, so a dead process's slots free by themselves. Returns { wait, processes }:
 * wait is 0 when granted, else the ms until a slot may free: exact for an answered slot (scored
 * at its answer + perMs, never later than now + perMs), and capped at perMs, the soonest a slot
 * still in flight can free; processes is how many asked in the last perMs, this one included.
 */
export const ACQUIRE = `${NOW}local perMs = tonumber(ARGV[2])
if ARGV[5] ~= '' then redis.call('ZADD', KEYS[2], now, ARGV[5]) end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - perMs)
local processes = redis.call('ZCARD', KEYS[2])
redis.call('PEXPIRE', KEYS[2], perMs)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[4])
  ${EXPIRE}  return { 0, processes }
end
local first = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
return { math.max(1, math.ceil(math.min(first - now, perMs))), processes }
`;

/**
 * ARGV: perMs, token. Rescores the slot to now + perMs (XX: a slot whose lease ran out stays
 * gone); perMs 0 removes a slot granted but never used.
 */
export const RELEASE = `${NOW}if tonumber(ARGV[1]) == 0 then
  redis.call('ZREM', KEYS[1], ARGV[2])
else
  redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[2])
end
${EXPIRE}return 0
`;

export const sha1 = (script: string): string => createHash("sha1").update(script).digest("hex");
