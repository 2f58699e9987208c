import { describe, expect, it } from "vitest";
import { inProcessLimiter } from "../../src/rate-limit/in-process-limiter.js";
import { storeLimiter } from "../../src/rate-limit/store-limiter.js";
import { memoryStore } from "./memory-store.js";

// Real timers: fake ones are not the process's resources.
const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("nothing a limiter arms outlives an aborted call", () => {
  it("in process: a waiter aborted while the window is full leaves no timer", async () => {
    const limiter = inProcessLimiter({ requests: 1, perMs: 60_000 });
    (await limiter.acquire())();
    const before = timers();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal, () => new Error("aborted"));
    // The timer for the slot that frees in 60 s.
    expect(timers()).toBe(before + 1);
    controller.abort();
    await expect(waiting).rejects.toThrow("aborted");
    expect(timers()).toBe(before);
  });

  it("in process: a timer stays while another waiter needs it", async () => {
    const limiter = inProcessLimiter({ requests: 1, perMs: 60_000 });
    (await limiter.acquire())();
    const before = timers();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal, () => new Error("aborted"));
    const other = new AbortController();
    const staying = limiter.acquire(other.signal, () => new Error("aborted too"));
    controller.abort();
    await expect(aborted).rejects.toThrow("aborted");
    expect(timers()).toBe(before + 1);
    other.abort();
    await expect(staying).rejects.toThrow("aborted too");
    expect(timers()).toBe(before);
  });

  it("over a store: the sleep of a full window ends with its last waiter", async () => {
    const store = memoryStore();
    const limiter = storeLimiter(
      store,
      { key: "k", origin: "https://k" },
      { requests: 1, perMs: 60_000 },
      undefined,
    );
    (await limiter.acquire(undefined, () => new Error("unused"), 5_000))();
    await settle();
    const before = timers();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal, () => new Error("aborted"), 5_000);
    await settle();
    // The store said 60 s: the queue's head sleeps until then.
    expect(store.acquires).toHaveLength(2);
    expect(timers()).toBe(before + 1);
    controller.abort();
    await expect(waiting).rejects.toThrow("aborted");
    await settle();
    expect(timers()).toBe(before);
    // The pump stopped: no more asks.
    expect(store.acquires).toHaveLength(2);
  });
});
