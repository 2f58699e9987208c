import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startRedisServer, testRedis, type TestRedis } from "../support/redis-server.js";
import { rmSync } from "node:fs";
import { outsideRepo } from "../package/packed.js";
import {
  packedWorker,
  startWorker,
  waitSpread,
  type FleetWorker,
  type WorkerConfig,
} from "../support/redis-fleet.js";
import { startRateLimitedServer, type RateLimitedServer } from "../support/rate-limited-server.js";
import { redisTimeMs, scanAll } from "../support/redis-helpers.js";

// Lucca's 50 per minute, scaled down: 20 per rolling second, four instances of one app.
const REQUESTS = 20;
const PER_MS = 1_000;
const apiKey = `fleet-SECRET-${randomUUID()}`;
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const idsOf = (worker: number, count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => 10_000 * (worker + 1) + from + i);

const redisServer = await testRedis();
const redis = redisServer.connect();
// The built package, as an app runs it: no tsx in each of the 16 processes.
const workerDir = outsideRepo("lucca-fleet-");
const how = await packedWorker(workerDir);
let workers: FleetWorker[] = [];
let server: RateLimitedServer | undefined;
afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  workers = [];
  await server?.close();
});
afterAll(async () => {
  await redisServer.stop();
  rmSync(workerDir, { recursive: true, force: true });
});

async function fleet(count: number, redisTarget: string, overrides: Partial<WorkerConfig> = {}) {
  server = await startRateLimitedServer(REQUESTS, PER_MS);
  const keyPrefix = `lucca-test:${randomUUID()}:`;
  const config: WorkerConfig = {
    baseUrl: server.url,
    redis: redisTarget,
    keyPrefix,
    requests: REQUESTS,
    perMs: PER_MS,
    timeoutMs: 5_000,
    maxRetries: 2,
    apiKey,
    modules: how.modules,
    ...overrides,
  };
  workers = await Promise.all(Array.from({ length: count }, () => startWorker(config, how)));
  return { server, keyPrefix, redisKey: `${keyPrefix}{${server.url} ${REQUESTS}/${PER_MS}}` };
}

/** Every call answered 201, and every id confirmed exactly once by the server, no other. */
function expectEachIdOnce(server: RateLimitedServer, ids: number[], called = ids) {
  const done = workers.flatMap((w) => w.done);
  expect(done.filter((d) => d.status !== 201)).toEqual([]);
  expect(done.map((d) => d.id).sort()).toEqual([...called].sort());
  expect([...server.confirmedIds.keys()].sort()).toEqual([...ids].sort());
  expect([...server.confirmedIds.values()].every((n) => n === 1)).toBe(true);
}

describe("a fleet of processes sharing one tenant's limit through Redis", () => {
  it("4 processes x 40 confirmations: no 429, each id once, near the minimum time", async () => {
    const { redisKey, keyPrefix } = await fleet(4, redisServer.target);
    const t0 = now();
    await Promise.all(workers.map((w, i) => w.run(idsOf(i, 40))));
    expect(server!.tooMany()).toBe(0);
    expectEachIdOnce(
      server!,
      [0, 1, 2, 3].flatMap((i) => idsOf(i, 40)),
    );
    // The server's rule lets the 160th request in no sooner than 7 windows after the first.
    const arrivals = server!.arrivals.map((a) => a.at);
    const spanMs = arrivals.at(-1)! - arrivals[0]!;
    const minimumMs = (160 / REQUESTS - 1) * PER_MS;
    const spread = waitSpread(workers, t0);
    console.log(
      `fleet of 4 on Redis: ${Math.round(spanMs)} ms for a minimum of ${minimumMs} ms ` +
        `(x${(spanMs / minimumMs).toFixed(3)}); waits per instance: ${JSON.stringify(spread)}`,
    );
    // No instance starves: each has a request among the first two windows' worth, instead of
    // waiting for the others to finish (counted by arrival order, not by time).
    const early = server!.arrivals.slice(0, 2 * REQUESTS).map((a) => Math.floor(a.id / 10_000) - 1);
    expect([...new Set(early)].sort()).toEqual([0, 1, 2, 3]);

    // Nothing in Redis holds the key; every key expires, ours within perMs of the last answer.
    const stored = await scanAll(redis);
    expect(
      stored
        .filter((s) => s.key.startsWith(keyPrefix))
        .map((s) => s.key)
        .sort(),
    ).toEqual([redisKey, `${redisKey}:processes`]);
    for (const { key, values, ttlMs } of stored) {
      expect(`${key} ${values.join(" ")}`).not.toContain(apiKey);
      expect(ttlMs, `TTL of ${key}`).toBeGreaterThan(0);
    }
    const ttl = await redis.pttl(redisKey);
    expect(ttl).toBeLessThanOrEqual(PER_MS);
    await sleep(ttl + 20);
    expect(await redis.exists(redisKey)).toBe(0);
  }, 30_000);

  it("a process killed with requests in flight: the others finish, no 429, its slots back within the lease", async () => {
    // Lease = attempt timeout + perMs = 3 s.
    const { redisKey } = await fleet(4, redisServer.target, { timeoutMs: 2_000 });
    const [victim, ...survivors] = workers;
    const victimIds = idsOf(9, 10);
    for (const id of victimIds) server!.hang.add(id);
    void victim!.run(victimIds).catch(() => {});
    while (server!.confirmedIds.size < 10) await sleep(10);
    const slots = await redis.zrange(redisKey, "0", "-1", "WITHSCORES");
    const redisNow = await redisTimeMs(redis);
    // The dead process's slots end when their leases do (Redis time, turned into ours).
    const ends = slots.filter((_, i) => i % 2).map((score) => now() + Number(score) - redisNow);
    const [firstEnd, leaseEnd] = [Math.min(...ends), Math.max(...ends)];
    expect(slots).toHaveLength(20);
    await victim!.crash();
    workers = survivors;
    // Half a window later, so the dead process's slots end apart from any the survivors hold.
    await sleep(PER_MS / 2);

    await Promise.all(survivors.map((w, i) => w.run(idsOf(i, 20))));
    expect(server!.tooMany()).toBe(0);
    const survivorIds = [0, 1, 2].flatMap((i) => idsOf(i, 20));
    expectEachIdOnce(server!, [...victimIds, ...survivorIds], survivorIds);
    const ours = server!.arrivals.filter((a) => !victimIds.includes(a.id)).map((a) => a.at);
    // 10 slots free, 10 held by the dead process until their leases end: then its 10 go at once.
    const atLeaseEnd = ours.filter((at) => at >= firstEnd - 5 && at < leaseEnd + 100);
    console.log(
      `killed process: its slots came back ${Math.round(leaseEnd - ours[0]!)} ms after the ` +
        `survivors' first request (lease 3000 ms from its own); ${atLeaseEnd.length} requests ` +
        `went as they ended (over ${Math.round(leaseEnd - firstEnd)} ms); last request ${Math.round(ours.at(-1)! - leaseEnd)} ms after`,
    );
    const victimTokens = slots.filter((_, i) => i % 2 === 0);
    for (const token of victimTokens) expect(await redis.zscore(redisKey, token)).toBeNull();
  }, 30_000);
});

describe("a fleet at start-up, its Redis connections still opening", () => {
  it("enableOfflineQueue false: the store is waited for, no 429, each id once", async () => {
    await fleet(4, redisServer.target, {
      connectOnRun: true,
      redisOptions: { enableOfflineQueue: false },
    });
    const ids = [0, 1, 2, 3].flatMap((i) => idsOf(i, 40));
    await Promise.all(workers.map((w, i) => w.run(idsOf(i, 40))));
    const warnings = workers.flatMap((w) => w.logs.filter((l) => l.level === "warn"));
    console.log(
      `fleet start-up, offline queue off: ${server!.tooMany()} answers of 429; warnings: ` +
        JSON.stringify(warnings.map((l) => l.message)),
    );
    expect(server!.tooMany()).toBe(0);
    expectEachIdOnce(server!, ids);
    for (const w of workers) expect(w.logs.filter((l) => l.level === "warn")).toEqual([]);
  }, 30_000);
});

describe("a fleet when Redis stops mid-run", () => {
  let own: TestRedis | undefined;
  afterAll(() => own?.stop());

  it("no call hangs or fails, each id once, one warning per process; restarted, the limit is shared again", async () => {
    // Its own redis-server, since this one is stopped and started again.
    own = await startRedisServer();
    // Each process falls back to its share, counting the slots it holds: no 429 expected, but
    // retries stay allowed, as an app's would be.
    const { redisKey } = await fleet(4, own.target, { maxRetries: 10 });
    const first = [0, 1, 2, 3].flatMap((i) => idsOf(i, 40));
    const running = Promise.all(workers.map((w, i) => w.run(idsOf(i, 40))));
    await sleep(2_000);
    // Stopped once each process has just sent a request (so the store saw all four in the last
    // window): on a loaded machine one may have waited longer than a window for the CPU.
    const justSent = () => workers.every((w) => (w.sent.at(-1)?.at ?? 0) > now() - 300);
    for (const giveUpAt = now() + 4_000; !justSent() && now() < giveUpAt;) await sleep(10);
    await own.kill();
    const stoppedAt = now();
    await sleep(3_000);
    await own.start();
    await running;
    const lastAnswer = Math.max(...workers.flatMap((w) => w.done.map((d) => d.end)));
    const accepted = server!.arrivals.filter((a) => a.status === 201).map((a) => a.at);
    const spanMs = accepted.at(-1)! - accepted[0]!;
    const minimumMs = (first.length / REQUESTS - 1) * PER_MS;
    console.log(
      `Redis stopped for 3 s: ${server!.tooMany()} answers of 429 (retried); ` +
        `${Math.round(spanMs)} ms for a minimum of ${minimumMs} ms (x${(spanMs / minimumMs).toFixed(3)}); ` +
        `longest call ${Math.round(Math.max(...workers.flatMap((w) => w.done.map((d) => d.end - d.start))))} ms`,
    );
    expectEachIdOnce(server!, first);
    expect(lastAnswer).toBeGreaterThan(stoppedAt);
    for (const w of workers) {
      const warnings = w.logs.filter((l) => /rate-limit store failed/.test(l.message));
      expect(warnings, `worker ${w.pid}`).toHaveLength(1);
      expect(warnings[0]!.level).toBe("warn");
      // Each of the 4 processes takes a quarter of the limit while Redis is down.
      expect(warnings[0]!.message).toContain(
        "falling back to this process's share of the limit, 5 per 1000 ms (4 processes used the" +
          " store in the last window), and asking the store again every 1000 ms until it answers",
      );
    }

    // Back on Redis: a second run after the server's window has emptied draws no 429.
    await sleep(PER_MS + 100);
    const before = server!.tooMany();
    const second = [0, 1, 2, 3].flatMap((i) => idsOf(i, 15, 100));
    await Promise.all(workers.map((w, i) => w.run(idsOf(i, 15, 100), { waitForRedis: true })));
    expect(server!.tooMany() - before).toBe(0);
    expectEachIdOnce(server!, [...first, ...second]);
    expect(await own.connect().exists(redisKey)).toBe(1);
  }, 40_000);
});
