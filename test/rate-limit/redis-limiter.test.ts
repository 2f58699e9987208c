import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createLuccaInvoicesClient, LuccaConfigError } from "../../src/index.js";
import type { Limiter } from "../../src/rate-limit/limiter.js";
import { tenantLimiters } from "../../src/rate-limit/tenant-limiters.js";
import { redisRateLimitStore } from "../../src/redis.js";
import { ACQUIRE, sha1 } from "../../src/rate-limit/redis-scripts.js";
import { captureLogger } from "../support/fault-harness.js";
import { sendJson, startTestServer } from "../support/http-server.js";
import { startRedisServer, testRedis } from "../support/redis-server.js";
import { scanAll, watchCommands } from "../support/redis-helpers.js";

const redisServer = await testRedis();
afterAll(() => redisServer.stop());
const redis = redisServer.connect();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const never = (): unknown => new Error("unused");
const ready = (redis: Redis) =>
  new Promise<void>((resolve) =>
    redis.status === "ready" ? resolve() : redis.once("ready", () => resolve()),
  );

/** A limiter on a store of its own (a fresh origin, so no other test shares its window). */
function storeLimiter(requests: number, perMs: number) {
  const store = redisRateLimitStore(redis, { keyPrefix: `lucca-test:${randomUUID()}:` });
  const { logger, lines } = captureLogger();
  const limiter = tenantLimiters(
    { requests, perMs, store },
    logger,
  )(`https://${randomUUID()}.test`)!;
  return { limiter, lines };
}

async function burst(limiter: Limiter, calls: number, holdMs: number) {
  const order: number[] = [];
  const started: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: calls }, async (_, i) => {
      const release = await limiter.acquire(undefined, never, 5_000);
      order.push(i);
      started.push(performance.now() - t0);
      await sleep(holdMs);
      release();
    }),
  );
  return { order, started };
}

describe("the limiter over a Redis store, in one process", () => {
  it("serves waiters first in, first out, asking Redis about once per free slot", async () => {
    const { limiter } = storeLimiter(5, 300);
    const commands = await watchCommands(redisServer);
    const { order, started } = await burst(limiter, 15, 5);
    const acquires = (await commands.stop()).filter((args) => args[1] === sha1(ACQUIRE)).length;
    expect(order).toEqual([...order.keys()]);
    // Never more than 5 starts in any 300 ms (the exact times are the fake-timer tests').
    for (const t of started)
      expect(started.filter((s) => s >= t && s < t + 300).length).toBeLessThanOrEqual(5);
    // 15 grants; each full window costs the head a few asks (slots free ~1 ms apart), never one
    // ask per waiting call (that alone would be 10 + 5 more per window).
    console.log(`store acquires for 15 grants in 3 windows: ${acquires}`);
    expect(acquires).toBeGreaterThanOrEqual(15);
    expect(acquires).toBeLessThanOrEqual(15 + 2 * 6);
  });

  it("drops a waiter aborted while the window is full, without taking a slot for it", async () => {
    const { limiter } = storeLimiter(1, 200);
    const release = await limiter.acquire(undefined, never, 5_000);
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal, () => new Error("aborted in line"), 5_000);
    const next = limiter.acquire(undefined, never, 5_000);
    await sleep(50);
    controller.abort();
    await expect(aborted).rejects.toThrow("aborted in line");
    release();
    const granted = await Promise.race([next.then(() => true), sleep(1_000).then(() => false)]);
    expect(granted).toBe(true);
    // An already aborted signal never queues.
    await expect(
      limiter.acquire(AbortSignal.abort(), () => new Error("late"), 5_000),
    ).rejects.toThrow("late");
  });

  it("keeps no trace of the API key in Redis, and every key expires", async () => {
    const apiKey = `redis-SECRET-${randomUUID()}`;
    const server = await startTestServer((_request, res) => sendJson(res, 201, { id: 1 }));
    try {
      const store = redisRateLimitStore(redis);
      const lucca = createLuccaInvoicesClient({
        apiKey,
        baseUrl: server.url,
        rateLimit: { requests: 5, perMs: 1_000, store },
      });
      for (const id of [1, 2, 3]) {
        const { response } = await lucca.POST(
          "/cleemy-procurement/api/invoices/{id}/confirmations",
          { params: { path: { id } }, body: { strategy: "default" } },
        );
        expect(response.status).toBe(201);
      }
      const stored = await scanAll(redis);
      const ours = stored.filter((s) => s.key.includes(server.url));
      const key = `lucca:ratelimit:{${server.url} 5/1000}`;
      expect(ours.map((s) => s.key).sort()).toEqual([key, `${key}:processes`]);
      // Three slots (token and score each); this process's id and when it last asked.
      expect(ours.find((s) => s.key === key)!.values).toHaveLength(6);
      expect(ours.find((s) => s.key !== key)!.values).toHaveLength(2);
      for (const { key, values, ttlMs } of stored) {
        expect(`${key} ${values.join(" ")}`).not.toContain(apiKey);
        expect(ttlMs, `TTL of ${key}`).toBeGreaterThan(0);
      }
    } finally {
      await server.close();
    }
  });

  it("refuses a store that is not one, naming what is accepted", () => {
    for (const store of [{}, null, "redis", { acquire: () => {} }]) {
      const create = () =>
        createLuccaInvoicesClient({
          apiKey: "k",
          host: "acme.ilucca-test.net",
          rateLimit: { requests: 5, perMs: 1_000, store: store as never },
        });
      expect(create).toThrow(LuccaConfigError);
      expect(create).toThrow(/rateLimit\.store.*acquire and release functions/);
    }
  });
});

describe("the limiter when Redis is in trouble", () => {
  it("falls back when Redis is down, warns once per outage, and returns to Redis once it answers", async () => {
    // Its own redis-server, stopped and started here (LUCCA_TEST_REDIS_URL is not ours to stop).
    const own = await startRedisServer();
    try {
      const connection = own.connect();
      const store = redisRateLimitStore(connection, { keyPrefix: "lucca-test:" });
      const { logger, lines } = captureLogger();
      const origin = `https://${randomUUID()}.test`;
      const limiter = tenantLimiters({ requests: 3, perMs: 200, store }, logger)(origin)!;
      const probe = own.connect();
      const key = `lucca-test:{${origin} 3/200}`;
      (await limiter.acquire(undefined, never, 5_000))();
      expect(await probe.zcard(key)).toBe(1);
      const warnings = () => lines.filter((l) => l.level === "warn");

      await own.kill();
      const { started } = await burst(limiter, 9, 5);
      // The in-process share (3, one held) applies: never more than 3 starts in 200 ms.
      expect(started).toHaveLength(9);
      for (const t of started)
        expect(started.filter((s) => s >= t && s < t + 200).length).toBeLessThanOrEqual(3);
      expect(warnings()).toHaveLength(1);
      expect(warnings()[0]!.message).toMatch(/store failed for https:.*falling back/);
      await sleep(1_100);
      // Still down: the probe fails, the call still goes, no new warning.
      (await limiter.acquire(undefined, never, 5_000))();
      expect(warnings()).toHaveLength(1);

      await own.start();
      await Promise.all([ready(connection), ready(probe)]);
      await sleep(1_100);
      (await limiter.acquire(undefined, never, 5_000))();
      (await limiter.acquire(undefined, never, 5_000))();
      // The restarted server is empty: these slots were taken there.
      expect(await probe.zcard(key)).toBe(2);
      expect(lines.some((l) => l.level === "debug" && /answers again/.test(l.message))).toBe(true);
      expect(warnings()).toHaveLength(1);

      await own.kill();
      (await limiter.acquire(undefined, never, 5_000))();
      expect(warnings()).toHaveLength(2);
    } finally {
      await own.stop();
    }
  }, 20_000);
});
