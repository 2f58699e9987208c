import { describe, expect, it } from "vitest";
import { inProcessLimiter } from "../../src/rate-limit/in-process-limiter.js";
import { sharedInProcessLimiter } from "../../src/rate-limit/tenant-limiters.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("rate limiter", () => {
  it("lets `requests` start at once, then waits until perMs after a completion", async () => {
    const limiter = inProcessLimiter({ requests: 3, perMs: 200 });
    const t0 = performance.now();
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, async () => {
        const release = await limiter.acquire();
        started.push(performance.now() - t0);
        await sleep(10);
        release();
      }),
    );
    expect(started.slice(0, 3).every((t) => t < 30)).toBe(true);
    // Each slot frees 200 ms after its request completed (~10 ms in).
    expect(started.slice(3, 6).every((t) => t >= 205 && t < 300)).toBe(true);
    expect(started[6]).toBeGreaterThanOrEqual(410);
    // Never more than 3 starts in any 200 ms window.
    for (const t of started)
      expect(started.filter((s) => s >= t && s < t + 200).length).toBeLessThanOrEqual(3);
  });

  it("serves waiters first in, first out", async () => {
    const limiter = inProcessLimiter({ requests: 1, perMs: 20 });
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4].map(async (i) => {
        const release = await limiter.acquire();
        order.push(i);
        release();
      }),
    );
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it("holds a slot while its request is in flight", async () => {
    const limiter = inProcessLimiter({ requests: 1, perMs: 10 });
    const release = await limiter.acquire();
    let second = false;
    const next = limiter.acquire().then((r) => ((second = true), r));
    await sleep(60);
    expect(second).toBe(false);
    release();
    (await next)();
    expect(second).toBe(true);
  });

  it("drops an aborted waiter and serves the next", async () => {
    const limiter = inProcessLimiter({ requests: 1, perMs: 20 });
    const release = await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal, () => new Error("aborted in the queue"));
    const next = limiter.acquire();
    controller.abort();
    await expect(aborted).rejects.toThrow("aborted in the queue");
    release();
    // Had the aborted waiter stayed queued, it would take the freed slot and never release it.
    const granted = await Promise.race([next.then(() => true), sleep(1_000).then(() => false)]);
    expect(granted).toBe(true);
  });

  it("is shared per host and limit", () => {
    const a = sharedInProcessLimiter("https://acme.ilucca-test.net", {
      requests: 50,
      perMs: 60_000,
      store: undefined,
    });
    expect(
      sharedInProcessLimiter("https://acme.ilucca-test.net", {
        requests: 50,
        perMs: 60_000,
        store: undefined,
      }),
    ).toBe(a);
    expect(
      sharedInProcessLimiter("https://other.ilucca-test.net", {
        requests: 50,
        perMs: 60_000,
        store: undefined,
      }),
    ).not.toBe(a);
  });
});
