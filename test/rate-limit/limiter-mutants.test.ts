import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { inProcessLimiter, waitLine } from "../../src/rate-limit/in-process-limiter.js";
import { useLimiterClock } from "./memory-store.js";

// Edges of the in-process limiter that the behaviour tests left open (found by npm run
// test:mutation): each asserts one exact outcome.

beforeEach(useLimiterClock);
afterEach(() => {
  vi.useRealTimers();
});

/** Whether `promise` has settled after the microtasks now queued. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  const mark = (): void => {
    done = true;
  };
  promise.then(mark, mark);
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe("the in-process limiter's edges", () => {
  it("says a window that is not whole seconds in ms", () => {
    const limit = { requests: 2, perMs: 1_500 };
    expect(waitLine("https://acme.ilucca-test.net", limit, 3_000)).toBe(
      "lucca: rate limit 2 per 1500 ms reached for https://acme.ilucca-test.net; this call waits about 3 s",
    );
  });

  it("frees a slot once however often its release is called", async () => {
    const limiter = inProcessLimiter({ requests: 1, perMs: 1_000 });
    const first = await limiter.acquire();
    const second = limiter.acquire();
    first();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await settled(second)).toBe(true);
    // The first release again must not turn the second's slot, still in flight, into a release.
    first();
    const third = limiter.acquire();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await settled(third)).toBe(false);
    (await second)();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await settled(third)).toBe(true);
  });

  it("rejects an aborted waiter with the signal's reason when no abort error is given", async () => {
    const limiter = inProcessLimiter({ requests: 1, perMs: 1_000 });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    const reason = new Error("stopped by the caller");
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
  });

  it("leaves no abort listener on the signal of a waiter it served or dropped", async () => {
    const limiter = inProcessLimiter({ requests: 1, perMs: 1_000 });
    const served = new AbortController();
    const release = await limiter.acquire(served.signal);
    expect(getEventListeners(served.signal, "abort")).toHaveLength(0);
    const dropped = new AbortController();
    const waiting = limiter.acquire(dropped.signal);
    expect(getEventListeners(dropped.signal, "abort")).toHaveLength(1);
    dropped.abort();
    await expect(waiting).rejects.toBeInstanceOf(DOMException);
    expect(getEventListeners(dropped.signal, "abort")).toHaveLength(0);
    release();
  });
});
