import { randomUUID } from "node:crypto";
import type { Cluster, Redis } from "ioredis";
import { invalidOption } from "../errors.js";
import type { RateLimitStore } from "./rate-limit-store.js";
import { ACQUIRE, RELEASE, sha1 } from "./redis-scripts.js";

export interface RedisRateLimitStoreOptions {
  /** Put before every key; default `lucca:ratelimit:`. */
  keyPrefix?: string | undefined;
}

// What the store uses of a Redis or Cluster client: both route a one-key script by its key.
// Connection states in which ioredis would hold a command until it reconnects (offline queue on)
// or refuse it: the store says at once that Redis is down instead.
const LOST = new Set(["reconnecting", "close", "end", "disconnecting"]);

type Scripting = {
  status: string;
  evalsha(sha: string, keys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
  eval(script: string, keys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
};

/**
 * A rate-limit store on the app's own ioredis client (`Redis` or `Cluster`), for
 * `rateLimit: { requests, perMs, store }`: one sorted set per tenant and limit, under
 * `<keyPrefix>{<origin> <requests>/<perMs>}`, and beside it `...:processes`, the processes that
 * asked in the last window (each falls back to its share of the limit if Redis goes down). The
 * braces keep both keys on one Cluster slot. One atomic script per acquire and per release, timed
 * by Redis; every key expires.
 */
export function redisRateLimitStore(
  redis: Redis | Cluster,
  options: RedisRateLimitStoreOptions = {},
): RateLimitStore {
  const prefix = options.keyPrefix ?? "lucca:ratelimit:";
  if (typeof prefix !== "string") throw invalidOption("keyPrefix", prefix, "a string");
  const client = redis as unknown as Scripting;
  const hashes = new Map([ACQUIRE, RELEASE].map((script) => [script, sha1(script)]));
  // EVALSHA, then EVAL once the server says it lacks the script (first use, restart, failover).
  const run = async (script: string, keys: string[], ...args: (string | number)[]) => {
    // "wait" (lazyConnect) and "connecting" go through: the command opens or awaits the connection.
    if (LOST.has(client.status)) throw new Error(`Redis connection lost (${client.status})`);
    try {
      return await client.evalsha(hashes.get(script)!, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as Error | undefined)?.message).startsWith("NOSCRIPT")) throw error;
      return client.eval(script, keys.length, ...keys, ...args);
    }
  };
  const redisKey = (key: string): string => `${prefix}{${key}}`;
  return {
    async acquire({ key, requests, perMs, leaseMs, processId }) {
      const token = randomUUID();
      const keys = [redisKey(key), `${redisKey(key)}:processes`];
      const args = [requests, perMs, leaseMs, token, processId ?? ""];
      const answer = await run(ACQUIRE, keys, ...args);
      const [wait, processes] = Array.isArray(answer) ? answer.map(Number) : [];
      if (!Number.isFinite(wait) || !Number.isFinite(processes)) {
        throw new Error(`unexpected answer from Redis: ${JSON.stringify(answer)}`);
      }
      if (wait === 0) return { granted: true, token, processes: processes! };
      return { granted: false, retryInMs: wait!, processes: processes! };
    },
    async release({ key, token, perMs }) {
      await run(RELEASE, [redisKey(key)], perMs, token);
    },
  };
}
