import type { Redis } from "ioredis";
import type { TestRedis } from "./redis-server.js";

/** Redis's clock in ms, as the scripts read it. */
export async function redisTimeMs(redis: Redis): Promise<number> {
  const [seconds, micros] = await redis.time();
  return Number(seconds) * 1000 + Number(micros) / 1000;
}

/** Every command clients send (not those a script runs), seen through MONITOR until `stop()`. */
export async function watchCommands(server: TestRedis) {
  const monitor = await server.connect().monitor();
  const seen: string[][] = [];
  monitor.on("monitor", (_time: string, args: string[], source: string) => {
    if (source !== "lua") seen.push(args);
  });
  return {
    seen,
    stop: async (): Promise<string[][]> => {
      // MONITOR lines trail the replies: let them arrive.
      await new Promise((resolve) => setTimeout(resolve, 50));
      monitor.disconnect();
      return seen;
    },
  };
}

export interface StoredKey {
  key: string;
  type: string;
  ttlMs: number;
  /** Every member, field, element or value it holds, with scores, as text. */
  values: string[];
}

/** Every key of the server with its TTL and contents: what an operator could read. */
export async function scanAll(redis: Redis): Promise<StoredKey[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "COUNT", 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== "0");
  const readers: Record<string, (key: string) => Promise<string[]>> = {
    zset: (key) => redis.zrange(key, "0", "-1", "WITHSCORES"),
    hash: async (key) => Object.entries(await redis.hgetall(key)).flat(),
    list: (key) => redis.lrange(key, 0, -1),
    set: (key) => redis.smembers(key),
    string: async (key) => [String(await redis.get(key))],
  };
  const stored: StoredKey[] = [];
  for (const key of keys) {
    const type = await redis.type(key);
    const values = (await readers[type]?.(key)) ?? [`<${type}>`];
    const ttlMs = await redis.pttl(key);
    // Gone since the scan (-2: a key of a short window expired meanwhile, on a loaded machine):
    // it held nothing more, and expiring is all a test asks of it.
    if (type === "none" || ttlMs === -2) continue;
    stored.push({ key, type, ttlMs, values });
  }
  return stored;
}
