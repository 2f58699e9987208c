import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { inProcessLimiter } from "../../src/rate-limit/in-process-limiter.js";
import { sharedInProcessLimiter } from "../../src/rate-limit/tenant-limiters.js";
import { useLimiterClock } from "./memory-store.js";

beforeEach(useLimiterClock);
afterEach(() => {
  vi.useRealTimers();
});

type Acquirer = { acquire(signal?: AbortSignal, aborted?: () => unknown): Promise<() => void> };

/** Starts `count` calls now: each takes a slot, holds it `holdMs`, releases it. */
function calls(limiter: Acquirer, count: number, holdMs: number) {
  const granted: number[] = [];
  const order: number[] = [];
  const all = Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const release = await limiter.acquire();
      granted.push(performance.now());
      order.push(i);
      if (holdMs > 0) await new Promise((resolve) => setTimeout(resolve, holdMs));
      release();
    }),
  );
  return { granted, order, all };
}

describe("the in-process limiter, on fake timers", () => {
  it("fakes performance.now() too: the clock it reads", () => {
    const before = performance.now();
    vi.advanceTimersByTime(1_234);
    expect(performance.now() - before).toBe(1_234);
  });

  it("lets `requests` start at once, then each perMs after a completion", async () => {
    const limiter = inProcessLimiter({ requests: 3, perMs: 200 });
    const { granted, all } = calls(limiter, 7, 10);
    await vi.advanceTimersByTimeAsync(1_000);
    await all;
    // Each slot frees 200 ms after its request completed (10 ms in).
    expect(granted).toEqual([0, 0, 0, 210, 210, 210, 420]);
  });

  it("serves waiters first in, first out", async () => {
    const limiter = inProcessLimiter({ requests: 1, perMs: 20 });
    const { granted, order, all } = calls(limiter, 5, 0);
    await vi.advanceTimersByTimeAsync(200);
    await all;
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(granted).toEqual([0, 20, 40, 60, 80]);
  });

  it("holds a slot while its request is in flight, however long", async () => {
    const limiter = inProcessLimiter({ requests: 1, perMs: 10 });
    const release = await limiter.acquire();
    const next = calls(limiter, 1, 0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(next.granted).toEqual([]);
    release();
    await vi.advanceTimersByTimeAsync(10);
    await next.all;
    expect(next.granted).toEqual([60_010]);
  });

  it("drops an aborted waiter and serves the next", async () => {
    const limiter = inProcessLimiter({ requests: 1, perMs: 20 });
    const release = await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal, () => new Error("aborted in the queue"));
    const next = calls(limiter, 1, 0);
    controller.abort();
    await expect(aborted).rejects.toThrow("aborted in the queue");
    await vi.advanceTimersByTimeAsync(5);
    release();
    await vi.advanceTimersByTimeAsync(100);
    await next.all;
    // Had the aborted waiter stayed queued, it would take the freed slot and never release it.
    expect(next.granted).toEqual([25]);
    await expect(limiter.acquire(AbortSignal.abort(), () => new Error("late"))).rejects.toThrow(
      "late",
    );
  });

  it("counts a slot held elsewhere (hold) until perMs after its release", async () => {
    const limiter = inProcessLimiter({ requests: 2, perMs: 100 });
    const unhold = limiter.hold();
    const { granted, all } = calls(limiter, 2, 500);
    await vi.advanceTimersByTimeAsync(30);
    unhold();
    // Idempotent: a second call frees nothing more.
    unhold();
    await vi.advanceTimersByTimeAsync(1_000);
    await all;
    expect(granted).toEqual([0, 130]);
  });

  it("reads `requests` each time it hands out slots (the store limiter's share)", async () => {
    let requests = 1;
    const limiter = inProcessLimiter({
      perMs: 100,
      get requests() {
        return requests;
      },
    });
    const first = calls(limiter, 2, 0);
    await vi.advanceTimersByTimeAsync(10);
    expect(first.granted).toEqual([0]);
    requests = 3;
    const second = calls(limiter, 2, 0);
    await vi.advanceTimersByTimeAsync(200);
    await Promise.all([first.all, second.all]);
    // At 10, three slots: the one of 0 still counts, the queued call and one new call go; the
    // last waits for the slot of 0 to free at 100.
    expect(first.granted).toEqual([0, 10]);
    expect(second.granted).toEqual([10, 100]);
  });

  it("is shared per host and limit", () => {
    const limit = { requests: 50, perMs: 60_000, store: undefined };
    const a = sharedInProcessLimiter("https://acme.ilucca-test.net", limit);
    expect(sharedInProcessLimiter("https://acme.ilucca-test.net", { ...limit })).toBe(a);
    expect(sharedInProcessLimiter("https://other.ilucca-test.net", limit)).not.toBe(a);
    expect(
      sharedInProcessLimiter("https://acme.ilucca-test.net", { ...limit, requests: 5 }),
    ).not.toBe(a);
  });
});
