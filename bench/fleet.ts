// The shared limiter's figures: a fleet of processes sharing one tenant's limit through Redis
// against the same fleet with in-process limiters only, and what the store costs per call.
// Run alone: node --import tsx bench/fleet.ts
import { isMain } from "../scripts/lib/is-main.js";
import { inProcessLimiter, tenantLimiters } from "../src/internal.js";
import { redisRateLimitStore } from "../src/redis.js";
import { startRateLimitedServer } from "../test/support/rate-limited-server.js";
import {
  sourceWorker,
  startWorker,
  waitSpread,
  type WaitSpread,
} from "../test/support/redis-fleet.js";
import { freeLoopbackPort } from "../test/support/http-server.js";
import { startRedisServer, type TestRedis } from "../test/support/redis-server.js";

export interface FleetRun {
  /** From the run's start to the last answer. */
  totalMs: number;
  /** totalMs ÷ the minimum the server's rule allows. */
  ofMinimum: number;
  tooMany: number;
  /** Calls that ended without a 201 (retries exhausted). */
  failed: number;
  waits: WaitSpread[];
}

export interface FleetBenchResult {
  processes: number;
  callsPerProcess: number;
  limit: { requests: number; perMs: number };
  minimumMs: number;
  /** Every call may retry up to 10 times, as an app without a shared limit must. */
  maxRetries: number;
  sharedStore: FleetRun;
  inProcessOnly: FleetRun;
  /** One acquire + release, sequential, median of rounds, in µs. */
  perCallUs: { redisStore: number; storeLimiter: number; inProcessLimiter: number };
  /** Where Redis listened: TCP on loopback. */
  redis: string;
}

const PROCESSES = 4;
const CALLS = 40;
const LIMIT = { requests: 20, perMs: 1_000 };
const MAX_RETRIES = 10;

export async function measureFleet(): Promise<FleetBenchResult> {
  const redis = await startRedisServer({ tcpPort: await freeLoopbackPort() });
  try {
    const minimumMs = ((PROCESSES * CALLS) / LIMIT.requests - 1) * LIMIT.perMs;
    const sharedStore = await fleetRun(minimumMs, redis.target);
    const inProcessOnly = await fleetRun(minimumMs, undefined);
    return {
      processes: PROCESSES,
      callsPerProcess: CALLS,
      limit: LIMIT,
      minimumMs,
      maxRetries: MAX_RETRIES,
      sharedStore,
      inProcessOnly,
      perCallUs: await perCall(redis),
      redis: redis.target,
    };
  } finally {
    await redis.stop();
  }
}

async function fleetRun(minimumMs: number, redisTarget: string | undefined): Promise<FleetRun> {
  const server = await startRateLimitedServer(LIMIT.requests, LIMIT.perMs);
  const config = {
    baseUrl: server.url,
    redis: redisTarget,
    keyPrefix: `bench:${Date.now()}:`,
    ...LIMIT,
    timeoutMs: 5_000,
    maxRetries: MAX_RETRIES,
    apiKey: "bench-fleet-key",
    modules: sourceWorker.modules,
  };
  const workers = await Promise.all(Array.from({ length: PROCESSES }, () => startWorker(config)));
  try {
    const started = performance.timeOrigin + performance.now();
    await Promise.all(
      workers.map((w, i) => w.run(Array.from({ length: CALLS }, (_, c) => (i + 1) * 1_000 + c))),
    );
    const done = workers.flatMap((w) => w.done);
    const totalMs = Math.max(...done.map((d) => d.end)) - started;
    return {
      totalMs: Math.round(totalMs),
      ofMinimum: Number((totalMs / minimumMs).toFixed(3)),
      tooMany: server.tooMany(),
      failed: done.filter((d) => d.status !== 201).length,
      waits: waitSpread(workers, started),
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await server.close();
  }
}

/** Sequential acquire + release pairs: the store alone, the limiter over it, the in-process one. */
async function perCall(redis: TestRedis) {
  const store = redisRateLimitStore(redis.connect(), { keyPrefix: "bench:" });
  // A limit never reached, so each figure is the cost of a grant, not a wait.
  const limit = { requests: 10_000, perMs: 1 };
  const key = "https://bench.test 10000/1";
  const storeLimiter = tenantLimiters({ ...limit, store }, undefined)("https://bench.test")!;
  const inProcess = inProcessLimiter(limit);
  const never = () => new Error("unused");
  const rounds = async (pair: () => Promise<unknown>): Promise<number> => {
    const figures: number[] = [];
    for (let round = 0; round < 6; round++) {
      const start = performance.now();
      for (let i = 0; i < 1_000; i++) await pair();
      if (round > 0) figures.push(((performance.now() - start) / 1_000) * 1_000);
    }
    figures.sort((a, b) => a - b);
    return Number(figures[Math.floor(figures.length / 2)]!.toFixed(1));
  };
  return {
    redisStore: await rounds(async () => {
      const grant = await store.acquire({ key, ...limit, leaseMs: 30_001 });
      if (grant.granted) await store.release({ key, token: grant.token, perMs: 1 });
    }),
    storeLimiter: await rounds(async () =>
      (await storeLimiter.acquire(undefined, never, 30_000))(),
    ),
    inProcessLimiter: await rounds(async () => (await inProcess.acquire())()),
  };
}

if (isMain(import.meta.url)) {
  console.log(JSON.stringify(await measureFleet(), null, 2));
}
