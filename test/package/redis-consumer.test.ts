import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoPath } from "../../scripts/lib/repo-paths.js";
import { outsideRepo, run, sharedInstall, strictTsconfig } from "./packed.js";
import { startRateLimitedServer, type RateLimitedServer } from "../support/rate-limited-server.js";
import {
  packedWorker,
  startWorker,
  type FleetWorker,
  type WorkerConfig,
} from "../support/redis-fleet.js";
import { scanAll } from "../support/redis-helpers.js";
import { startRedisServer, type TestRedis } from "../support/redis-server.js";

const root = outsideRepo("lucca-redis-consumer-");
const project = join(root, "project");
let redisServer: TestRedis | undefined;
let server: RateLimitedServer | undefined;
let workers: FleetWorker[] = [];
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await server?.close();
  await redisServer?.stop();
  rmSync(root, { recursive: true, force: true });
});

// The three lines of the README, type-checked against the shipped declarations.
const consumer = `import { createLuccaInvoicesClient, type RateLimitStore } from "lucca-invoices-client";
import { redisRateLimitStore } from "lucca-invoices-client/redis";
import { Redis } from "ioredis";

const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { lazyConnect: true });
const store: RateLimitStore = redisRateLimitStore(redis, { keyPrefix: "app:" });
export const lucca = createLuccaInvoicesClient({
  host: "acme.ilucca-test.net",
  apiKey: "consumer-key",
  rateLimit: { requests: 50, perMs: 60_000, store },
});
// @ts-expect-error the store is an ioredis client, not a URL
redisRateLimitStore("redis://127.0.0.1:6379");
`;

const tsconfig = strictTsconfig({
  skipLibCheck: true,
  noEmit: true,
});

describe("the packed package with ioredis, in a fresh project", () => {
  it("holds one tenant's limit across 4 processes, survives a killed one and a stopped Redis", async () => {
    mkdirSync(project);
    await writeFile(
      join(project, "package.json"),
      JSON.stringify({ name: "redis-consumer", private: true, type: "module" }),
    );
    await writeFile(join(project, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    await writeFile(join(project, "consumer.ts"), consumer);
    const how = await packedWorker(project);
    const install = await sharedInstall();
    const tsc = repoPath("node_modules/typescript/bin/tsc");
    await run(process.execPath, [tsc, "-p", project], project);
    // Only the /redis entry's declarations name ioredis; no module imports it at run time.
    const dist = join(install.project, "node_modules", "lucca-invoices-client", "dist");
    const naming = readdirSync(dist, { recursive: true, encoding: "utf8" }).filter(
      (f) =>
        statSync(join(dist, f)).isFile() &&
        /from ["']ioredis["']/.test(readFileSync(join(dist, f), "utf8")),
    );
    expect(naming).toEqual(["rate-limit/redis-store.d.ts"]);

    redisServer = await startRedisServer();
    server = await startRateLimitedServer(20, 1_000);
    const apiKey = `consumer-SECRET-${randomUUID()}`;
    const config: WorkerConfig = {
      baseUrl: server.url,
      redis: redisServer.target,
      keyPrefix: "app:",
      requests: 20,
      perMs: 1_000,
      timeoutMs: 2_000,
      maxRetries: 10,
      apiKey,
      // Bare specifiers: resolved from the project's node_modules, as an app's would be.
      modules: how.modules,
    };
    workers = await Promise.all([0, 1, 2, 3].map(() => startWorker(config, how)));
    const ids = (w: number, from: number, n: number) =>
      Array.from({ length: n }, (_, i) => 1_000 * (w + 1) + from + i);

    // Four instances, 20 confirmations each, 20 per rolling second between them.
    await Promise.all(workers.map((w, i) => w.run(ids(i, 0, 20))));
    expect(server.tooMany()).toBe(0);
    const first = [0, 1, 2, 3].flatMap((i) => ids(i, 0, 20));
    expect([...server.confirmedIds.keys()].sort()).toEqual(first.sort());
    await expectNothingHoldsTheKey(redisServer, apiKey);

    // One instance dies with 5 requests in flight; Redis stops while the others run, then returns.
    const [victim, ...survivors] = workers;
    const hung = ids(9, 0, 5);
    for (const id of hung) server.hang.add(id);
    void victim!.run(hung).catch(() => {});
    while (hung.some((id) => !server!.confirmedIds.has(id)))
      await new Promise((r) => setTimeout(r, 10));
    await victim!.crash();
    const rest = survivors.map((w, i) => w.run(ids(i, 100, 15)));
    await new Promise((r) => setTimeout(r, 300));
    await redisServer.kill();
    await new Promise((r) => setTimeout(r, 1_000));
    await redisServer.start();
    await Promise.all(rest);

    const done = survivors.flatMap((w) => w.done);
    expect(done.filter((d) => d.status !== 201)).toEqual([]);
    const all = [...first, ...hung, ...[0, 1, 2].flatMap((i) => ids(i, 100, 15))];
    expect([...server.confirmedIds.keys()].sort()).toEqual(all.sort());
    expect([...server.confirmedIds.values()].every((n) => n === 1)).toBe(true);
    for (const w of survivors) {
      expect(
        w.logs.filter((l) => l.level === "warn" && /store failed/.test(l.message)),
      ).toHaveLength(1);
    }
    // The restarted Redis may hold nothing yet (the survivors may have finished on their share).
    await expectNothingHoldsTheKey(redisServer, apiKey, { empty: true });
  }, 180_000);
});

async function expectNothingHoldsTheKey(
  redis: TestRedis,
  apiKey: string,
  allowed = { empty: false },
): Promise<void> {
  const stored = await scanAll(redis.connect());
  if (!allowed.empty) expect(stored.length).toBeGreaterThan(0);
  for (const { key, values, ttlMs } of stored) {
    expect(`${key} ${values.join(" ")}`).not.toContain(apiKey);
    expect(ttlMs, `TTL of ${key}`).toBeGreaterThan(0);
  }
}
