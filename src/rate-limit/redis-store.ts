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
type Scripting = {
  evalsha(sha: string, keys: 1, key: string, ...args: (string | number)[]): Promise<unknown>;
  eval(script: string, keys: 1, key: string, ...args: (string | number)[]): Promise<unknown>;
};

/**
 * A rate-limit store on the app's own ioredis client (`Redis` or `Cluster`), for
 * `rateLimit: { requests, perMs, store }`: one sorted set per tenant and limit, under
 * `<keyPrefix>{<origin> <requests>/<perMs>}` (the braces keep a key on one Cluster slot). One
 * atomic script per acquire and per release, timed by Redis; every key expires.
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
  const run = async (script: string, key: string, ...args: (string | number)[]) => {
    try {
      return await client.evalsha(hashes.get(script)!, 1, key, ...args);
    } catch (error) {
      if (!String((error as Error | undefined)?.message).startsWith("NOSCRIPT")) throw error;
      return client.eval(script, 1, key, ...args);
    }
  };
  const redisKey = (key: string): string => `${prefix}{${key}}`;
  return {
    async acquire({ key, requests, perMs, leaseMs }) {
      const token = randomUUID();
      const wait = Number(await run(ACQUIRE, redisKey(key), requests, perMs, leaseMs, token));
      if (!Number.isFinite(wait)) throw new Error(`unexpected answer from Redis: ${wait}`);
      return wait === 0 ? { granted: true, token } : { granted: false, retryInMs: wait };
    },
    async release({ key, token, perMs }) {
      await run(RELEASE, redisKey(key), perMs, token);
    },
  };
}
