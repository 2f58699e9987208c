import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ErrorLog, LuccaLogger } from "../../src/index.js";
import type { Limiter } from "../../src/rate-limit/limiter.js";
import { storeLimiter } from "../../src/rate-limit/store-limiter.js";
import { memoryStore, useLimiterClock, type MemoryStore } from "./memory-store.js";

const ORIGIN = "https://acme.ilucca-test.net";
const KEY = `${ORIGIN} 4/1000`;
const never = (): unknown => new Error("unused");

beforeEach(useLimiterClock);
afterEach(() => {
  vi.useRealTimers();
});

type Line = { level: string; message: string; fields: unknown };
function capture(): { logger: LuccaLogger; lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: string) => (message: string, fields?: unknown) => {
    lines.push({ level, message, fields });
  };
  return { logger: { debug: at("debug"), warn: at("warn"), error: at("error") }, lines };
}

function setup(requests = 4, perMs = 1_000, store: MemoryStore = memoryStore()) {
  const { logger, lines } = capture();
  const limiter = storeLimiter(store, { key: KEY, origin: ORIGIN }, { requests, perMs }, logger);
  return { store, limiter, lines, warnings: () => lines.filter((l) => l.level === "warn") };
}

/** Starts `count` calls now: each takes a slot, holds it `holdMs`, releases it. */
function calls(limiter: Limiter, count: number, holdMs: number) {
  const granted: number[] = [];
  const all = Promise.all(
    Array.from({ length: count }, async () => {
      const release = await limiter.acquire(undefined, never, 5_000);
      granted.push(performance.now());
      await new Promise((resolve) => setTimeout(resolve, holdMs));
      release();
    }),
  );
  return { granted, all };
}

/** The most slots granted in any rolling `perMs`. */
function busiestWindow(granted: number[], perMs: number): number {
  return Math.max(...granted.map((t) => granted.filter((s) => s >= t && s < t + perMs).length));
}

describe("the store limiter, on a store in memory and fake timers", () => {
  it("serves waiters first in, first out, asking once per free slot and once per wait", async () => {
    const { store, limiter } = setup(5, 300);
    const { granted, all } = calls(limiter, 15, 5);
    await vi.advanceTimersByTimeAsync(2_000);
    await all;
    expect(granted).toEqual([0, 0, 0, 0, 0, 305, 305, 305, 305, 305, 610, 610, 610, 610, 610]);
    // 15 grants; per full window, one refusal that sleeps to perMs, one to the slots' true end.
    expect(store.acquires).toHaveLength(15 + 4);
  });

  it("a release answered late (over the store timeout) neither falls back nor lets calls past", async () => {
    const { store, limiter, lines } = setup();
    store.releaseDelayMs = 400;
    const { granted, all } = calls(limiter, 8, 10);
    await vi.advanceTimersByTimeAsync(3_000);
    await all;
    // The store frees a slot perMs after the release reached it: 10 + 400 + 1000.
    expect(granted).toEqual([0, 0, 0, 0, 1_410, 1_410, 1_410, 1_410]);
    expect(busiestWindow(granted, 1_000)).toBe(4);
    expect(lines.filter((l) => l.level !== "debug")).toEqual([]);
  });

  it("falls back on store failure, counting the slots this process still holds from the store", async () => {
    const { store, limiter, warnings } = setup();
    const first = calls(limiter, 4, 500);
    await vi.advanceTimersByTimeAsync(100);
    const error = new Error("connection lost");
    store.failWith = error;
    const next = calls(limiter, 1, 10);
    await vi.advanceTimersByTimeAsync(2_000);
    await Promise.all([first.all, next.all]);
    expect(first.granted).toEqual([0, 0, 0, 0]);
    // Not at 100: the four slots held from the store count until perMs after their release.
    expect(next.granted).toEqual([1_500]);
    expect(warnings()).toEqual([
      {
        level: "warn",
        message:
          `lucca: rate-limit store failed for ${KEY} (connection lost); falling back to this` +
          ` process's share of the limit, 4 per 1000 ms (1 process used the store in the last` +
          ` window), and asking the store again every 1000 ms until it answers`,
        fields: { error },
      },
    ]);
    expect((warnings()[0]!.fields as ErrorLog).error).toBe(error);
  });

  it("during an outage takes its share: the limit ÷ the processes the store saw, at least 1", async () => {
    const { store, limiter, warnings } = setup(20);
    store.processes = 4;
    const before = calls(limiter, 1, 10);
    await vi.advanceTimersByTimeAsync(20);
    store.failWith = new Error("connection lost");
    const during = calls(limiter, 10, 10);
    await vi.advanceTimersByTimeAsync(3_000);
    await Promise.all([before.all, during.all]);
    // 20 ÷ 4 = 5, one of them still held from the store until 10 + 1000.
    expect(during.granted).toEqual([20, 20, 20, 20, 1_010, 1_030, 1_030, 1_030, 1_030, 2_020]);
    expect(warnings()[0]!.message).toContain(
      "share of the limit, 5 per 1000 ms (4 processes used the store in the last window)",
    );

    const alone = setup(3);
    alone.store.processes = 7;
    const t0 = performance.now();
    (await alone.limiter.acquire(undefined, never, 5_000))();
    alone.store.failWith = new Error("down");
    const fallback = calls(alone.limiter, 2, 10);
    await vi.advanceTimersByTimeAsync(5_000);
    await fallback.all;
    // 3 ÷ 7 rounds down to 0: still one call per window, after the slot held from the store.
    expect(fallback.granted.map((t) => t - t0)).toEqual([1_000, 2_010]);
  });

  it("waits for a store not connected yet, then uses it: no fallback, no warning", async () => {
    const { store, limiter, lines } = setup();
    store.failWith = new Error("Stream isn't writeable and enableOfflineQueue options is false");
    const { granted, all } = calls(limiter, 6, 10);
    await vi.advanceTimersByTimeAsync(120);
    store.failWith = undefined;
    await vi.advanceTimersByTimeAsync(3_000);
    await all;
    // Asked at 0, 50, 100 (refused), then at 150.
    expect(granted).toEqual([150, 150, 150, 150, 1_160, 1_160]);
    expect(lines.filter((l) => l.level !== "debug")).toEqual([]);
  });

  it(`waits at most 3 s for a store that never connects, then falls back`, async () => {
    const { store, limiter, warnings } = setup();
    store.failWith = new Error("connect ECONNREFUSED 127.0.0.1:6379");
    const { granted, all } = calls(limiter, 5, 10);
    await vi.advanceTimersByTimeAsync(5_000);
    await all;
    expect(granted).toEqual([3_000, 3_000, 3_000, 3_000, 4_010]);
    expect(warnings()).toHaveLength(1);
  });

  it("a slow acquire is asked again, not a fallback; late grants go back unused", async () => {
    const { store, limiter, lines } = setup();
    (await limiter.acquire(undefined, never, 5_000))();
    store.acquireDelayMs = 400;
    const { granted, all } = calls(limiter, 1, 10);
    await vi.advanceTimersByTimeAsync(600);
    store.acquireDelayMs = 0;
    await vi.advanceTimersByTimeAsync(500);
    await all;
    // Asked at 0, 251 and 502 (each given up after the store timeout and a setImmediate, one
    // tick of the fake clock), granted at 753; the three late grants were freed unused.
    expect(granted).toEqual([753]);
    expect(store.releases.filter((r) => r.perMs === 0)).toHaveLength(3);
    expect(lines.filter((l) => l.level !== "debug")).toEqual([]);
    // At 1100 the store holds the slot of 753 alone (the first freed at 1000).
    expect(store.held()).toBe(1);
  });

  it("a store slow for 2 s in a row is down: the fallback then", async () => {
    const { store, limiter, warnings } = setup();
    (await limiter.acquire(undefined, never, 5_000))();
    store.acquireDelayMs = 10_000;
    const { granted, all } = calls(limiter, 1, 10);
    await vi.advanceTimersByTimeAsync(3_000);
    await all;
    // Late since 251: the ask given up at 9 × 251 is the first 2 s after.
    expect(granted).toEqual([2_259]);
    expect(warnings().map((w) => w.message)).toEqual([
      `lucca: rate-limit store failed for ${KEY} (no answer within 250 ms); falling back to` +
        ` this process's share of the limit, 4 per 1000 ms (1 process used the store in the last` +
        ` window), and asking the store again every 1000 ms until it answers`,
    ]);
  });

  it("asks the store again every second, warns once per outage, and says when it answers", async () => {
    const { store, limiter, lines, warnings } = setup();
    const take = async () => {
      (await limiter.acquire(undefined, never, 5_000))();
    };
    await take();
    store.failWith = new Error("down");
    await vi.advanceTimersByTimeAsync(10);
    const outage = take();
    await vi.advanceTimersByTimeAsync(10);
    await outage;
    expect(store.acquires).toHaveLength(2);
    await take();
    // Within the second: the fallback, not the store.
    expect(store.acquires).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    const probe = take();
    await vi.advanceTimersByTimeAsync(1_000);
    await probe;
    expect(store.acquires).toHaveLength(3);
    expect(warnings()).toHaveLength(1);
    store.failWith = undefined;
    await vi.advanceTimersByTimeAsync(1_000);
    await take();
    expect(store.acquires).toHaveLength(4);
    expect(lines.at(-1)).toEqual({
      level: "debug",
      message: `lucca: rate-limit store answers again for ${KEY}`,
      fields: undefined,
    });
    store.failWith = new Error("down again");
    const second = take();
    await vi.advanceTimersByTimeAsync(3_000);
    await second;
    expect(warnings()).toHaveLength(2);
    expect(warnings()[1]!.message).toContain("(down again)");
  });

  it("sends the process id with each ask, and a store that does not count processes still works", async () => {
    const { store, limiter } = setup();
    (await limiter.acquire(undefined, never, 5_000))();
    (await limiter.acquire(undefined, never, 2_000))();
    const [a, b] = store.acquires;
    expect(a!.processId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b!.processId).toBe(a!.processId);
    expect(b).toEqual({
      key: KEY,
      requests: 4,
      perMs: 1_000,
      leaseMs: 3_000,
      processId: a!.processId,
    });
  });

  it("drops a waiter aborted while the window is full, without taking a slot for it", async () => {
    const { store, limiter } = setup(1);
    const release = await limiter.acquire(undefined, never, 5_000);
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal, () => new Error("aborted in line"), 5_000);
    const next = calls(limiter, 1, 10);
    await vi.advanceTimersByTimeAsync(50);
    controller.abort();
    await expect(aborted).rejects.toThrow("aborted in line");
    release();
    await vi.advanceTimersByTimeAsync(2_000);
    await next.all;
    expect(next.granted).toEqual([1_050]);
    expect(store.acquires.filter((a) => a.leaseMs === 6_000)).toHaveLength(store.acquires.length);
    await expect(
      limiter.acquire(AbortSignal.abort(), () => new Error("late"), 5_000),
    ).rejects.toThrow("late");
  });
});
