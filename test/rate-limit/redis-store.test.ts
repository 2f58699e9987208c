import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { redisRateLimitStore } from "../../src/redis.js";
import { ACQUIRE, RELEASE, sha1 } from "../../src/rate-limit/redis-scripts.js";
import { startRedisServer, testRedis } from "../support/redis-server.js";
import { redisTimeMs, watchCommands } from "../support/redis-helpers.js";

const redisServer = await testRedis();
afterAll(() => redisServer.stop());
const redis = redisServer.connect();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A store under a prefix of its own, so tests (and a shared LUCCA_TEST_REDIS_URL) never meet. */
function freshStore() {
  const keyPrefix = `lucca-test:${randomUUID()}:`;
  const store = redisRateLimitStore(redis, { keyPrefix });
  const key = "https://acme.ilucca-test.net 3/300";
  return { store, key, redisKey: `${keyPrefix}{${key}}` };
}

describe("the Redis tests' own redis-server", () => {
  it("without one, fails saying how to get it", async () => {
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      await expect(startRedisServer()).rejects.toThrow(
        /apt-get install redis-server.*brew install redis.*LUCCA_TEST_REDIS_URL/,
      );
    } finally {
      process.env.PATH = path;
    }
  });
});

describe("redisRateLimitStore: the scripts", () => {
  it("holds a rolling window: in flight until released, then perMs after the answer", async () => {
    const { store, key } = freshStore();
    const ask = { key, requests: 3, perMs: 300, leaseMs: 5_000, processId: "p1" };
    const grants = [await store.acquire(ask), await store.acquire(ask), await store.acquire(ask)];
    expect(grants.every((g) => g.granted)).toBe(true);
    // All three in flight: a slot can free no sooner than perMs after an answer still to come.
    expect(await store.acquire(ask)).toEqual({ granted: false, retryInMs: 300, processes: 1 });
    const first = grants[0]!;
    if (!first.granted) throw new Error("unreachable");
    await store.release({ key, token: first.token, perMs: 300 });
    const afterRelease = await store.acquire(ask);
    expect(afterRelease.granted).toBe(false);
    if (afterRelease.granted) throw new Error("unreachable");
    expect(afterRelease.retryInMs).toBeGreaterThan(250);
    expect(afterRelease.retryInMs).toBeLessThanOrEqual(300);
    await sleep(afterRelease.retryInMs - 60);
    expect((await store.acquire(ask)).granted).toBe(false);
    await sleep(80);
    expect((await store.acquire(ask)).granted).toBe(true);
    expect((await store.acquire(ask)).granted).toBe(false);
  });

  it("scores slots on Redis's clock (TIME): now + lease in flight, now + perMs once released", async () => {
    const { store, key, redisKey } = freshStore();
    const grant = await store.acquire({ key, requests: 3, perMs: 300, leaseMs: 7_000 });
    if (!grant.granted) throw new Error("not granted");
    const [, inFlight] = await redis.zrange(redisKey, "0", "-1", "WITHSCORES");
    expect(Number(inFlight) - (await redisTimeMs(redis))).toBeGreaterThan(6_900);
    expect(Number(inFlight) - (await redisTimeMs(redis))).toBeLessThanOrEqual(7_000);
    await store.release({ key, token: grant.token, perMs: 300 });
    const [member, released] = await redis.zrange(redisKey, "0", "-1", "WITHSCORES");
    expect(member).toBe(grant.token);
    expect(Number(released) - (await redisTimeMs(redis))).toBeGreaterThan(200);
    expect(Number(released) - (await redisTimeMs(redis))).toBeLessThanOrEqual(300);
  });

  it("frees a slot never released once its lease runs out (a dead process)", async () => {
    const { store, key, redisKey } = freshStore();
    const ask = { key, requests: 1, perMs: 1_000, leaseMs: 150 };
    expect((await store.acquire(ask)).granted).toBe(true);
    const refused = await store.acquire(ask);
    // Sooner than perMs: the lease ends first.
    expect(refused.granted === false && refused.retryInMs <= 150).toBe(true);
    await sleep(170);
    expect((await store.acquire(ask)).granted).toBe(true);
    expect(await redis.zcard(redisKey)).toBe(1);
  });

  it("sets a TTL on every write, as long as the last slot lives; an unused slot is removed", async () => {
    const { store, key, redisKey } = freshStore();
    const a = await store.acquire({ key, requests: 3, perMs: 300, leaseMs: 4_000 });
    let ttl = await redis.pttl(redisKey);
    expect(ttl).toBeGreaterThan(3_900);
    expect(ttl).toBeLessThanOrEqual(4_001);
    const b = await store.acquire({ key, requests: 3, perMs: 300, leaseMs: 9_000 });
    expect(await redis.pttl(redisKey)).toBeGreaterThan(8_900);
    if (!a.granted || !b.granted) throw new Error("not granted");
    await store.release({ key, token: b.token, perMs: 300 });
    // The longest-lived slot is now a's lease.
    ttl = await redis.pttl(redisKey);
    expect(ttl).toBeGreaterThan(3_800);
    expect(ttl).toBeLessThanOrEqual(4_001);
    await store.release({ key, token: a.token, perMs: 0 });
    ttl = await redis.pttl(redisKey);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300);
    await sleep(ttl + 20);
    expect(await redis.exists(redisKey)).toBe(0);
  });

  it("grants exactly `requests` to concurrent askers on many connections (atomic script)", async () => {
    const { key, redisKey } = freshStore();
    const keyPrefix = redisKey.slice(0, redisKey.indexOf("{"));
    const stores = Array.from({ length: 5 }, () =>
      redisRateLimitStore(redisServer.connect(), { keyPrefix }),
    );
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        stores[i % 5]!.acquire({ key, requests: 10, perMs: 1_000, leaseMs: 5_000 }),
      ),
    );
    expect(answers.filter((a) => a.granted)).toHaveLength(10);
    expect(await redis.zcard(redisKey)).toBe(10);
  });

  it("runs one script per acquire and per release, reloading it after SCRIPT FLUSH", async () => {
    const { store, key } = freshStore();
    const ask = { key, requests: 3, perMs: 300, leaseMs: 5_000 };
    await redis.script("FLUSH");
    const commands = await watchCommands(redisServer);
    const grant = await store.acquire(ask);
    if (!grant.granted) throw new Error("not granted");
    await store.acquire(ask);
    await store.release({ key, token: grant.token, perMs: 300 });
    const seen = await commands.stop();
    // Each script: EVALSHA, NOSCRIPT, then EVAL once; afterwards EVALSHA only. Nothing is read
    // or written outside a script.
    const named = seen.map(([command, script]) =>
      // MONITOR escapes the newlines of a script's text.
      command!.toLowerCase() === "eval"
        ? `eval ${sha1(script!.replaceAll("\\n", "\n"))}`
        : `${command} ${script}`,
    );
    const [acquire, release] = [sha1(ACQUIRE), sha1(RELEASE)];
    expect(named).toEqual([
      `evalsha ${acquire}`,
      `eval ${acquire}`,
      `evalsha ${acquire}`,
      `evalsha ${release}`,
      `eval ${release}`,
    ]);
  });

  it("counts the processes that asked in the last window, each once, and forgets them after it", async () => {
    const { store, key, redisKey } = freshStore();
    const ask = (processId: string | undefined) =>
      store.acquire({ key, requests: 1, perMs: 300, leaseMs: 5_000, processId });
    expect(await ask("a")).toEqual({ granted: true, token: expect.any(String), processes: 1 });
    expect(await ask("b")).toEqual({ granted: false, retryInMs: 300, processes: 2 });
    expect((await ask("a")).processes).toBe(2);
    // A store asked without an id records none.
    expect((await ask(undefined)).processes).toBe(2);
    expect(await redis.zrange(`${redisKey}:processes`, "0", "-1")).toEqual(["b", "a"]);
    const ttl = await redis.pttl(`${redisKey}:processes`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300);
    await sleep(320);
    expect(await redis.exists(`${redisKey}:processes`)).toBe(0);
    expect((await ask("c")).processes).toBe(1);
  });

  it("keys one tenant and limit under the prefix, hash-tagged for Cluster", async () => {
    const store = redisRateLimitStore(redis);
    const key = `https://${randomUUID()}.ilucca-test.net 50/60000`;
    const grant = await store.acquire({
      key,
      requests: 50,
      perMs: 60_000,
      leaseMs: 90_000,
      processId: "p",
    });
    if (!grant.granted) throw new Error("not granted");
    expect(await redis.exists(`lucca:ratelimit:{${key}}`)).toBe(1);
    expect(await redis.exists(`lucca:ratelimit:{${key}}:processes`)).toBe(1);
    await store.release({ key, token: grant.token, perMs: 0 });
    expect(grant.token).toMatch(/^[0-9a-f-]{36}$/);
  });
});
