import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LuccaLogger } from "../../src/index.js";
import { storeLimiter } from "../../src/rate-limit/store-limiter.js";
import { memoryStore, useLimiterClock } from "./memory-store.js";

// Edges of the store limiter that the behaviour tests left open (found by npm run
// test:mutation): each asserts one exact outcome.

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

const limitOf = { requests: 4, perMs: 1_000 };

describe("the store limiter's edges", () => {
  it("gives a slot back to the store once however often its release is called", async () => {
    const store = memoryStore();
    const limiter = storeLimiter(store, { key: KEY, origin: ORIGIN }, limitOf, undefined);
    const release = await limiter.acquire(undefined, never, 5_000);
    release();
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(store.releases).toEqual([{ token: "slot-1", perMs: 1_000 }]);
  });

  it("says at debug, with the error, that a release the store refused frees at its lease", async () => {
    const store = memoryStore();
    const refused = new Error("connection is closed");
    store.release = () => Promise.reject(refused);
    const { logger, lines } = capture();
    const limiter = storeLimiter(store, { key: KEY, origin: ORIGIN }, limitOf, logger);
    (await limiter.acquire(undefined, never, 5_000))();
    await vi.advanceTimersByTimeAsync(0);
    expect(lines).toEqual([
      {
        level: "debug",
        message: `lucca: rate-limit store did not take back a slot for ${KEY} (connection is closed); it frees when its lease ends`,
        fields: { error: refused },
      },
    ]);
  });

  it("takes an answer that is not a grant for a failure, and cuts a long message to 200 characters", async () => {
    const store = memoryStore();
    const long = "x".repeat(300);
    store.acquire = async () => {
      throw new Error(long);
    };
    const { logger, lines } = capture();
    const limiter = storeLimiter(store, { key: KEY, origin: ORIGIN }, limitOf, logger);
    const waiting = limiter.acquire(undefined, never, 5_000);
    await vi.advanceTimersByTimeAsync(5_000);
    await waiting;
    const warning = lines.find((line) => line.level === "warn");
    expect(
      warning?.message.startsWith(
        `lucca: rate-limit store failed for ${KEY} (${"x".repeat(200)});`,
      ),
    ).toBe(true);

    const odd = memoryStore();
    odd.acquire = async () => ({}) as never;
    const captured = capture();
    const other = storeLimiter(odd, { key: KEY, origin: ORIGIN }, limitOf, captured.logger);
    const next = other.acquire(undefined, never, 5_000);
    await vi.advanceTimersByTimeAsync(5_000);
    await next;
    expect(captured.lines.find((line) => line.level === "warn")?.message).toContain(
      "(bad answer [object Object])",
    );
  });

  it("falls back without a logger: no warning to say, no call lost", async () => {
    const store = memoryStore();
    store.failWith = new Error("down");
    const limiter = storeLimiter(store, { key: KEY, origin: ORIGIN }, limitOf, undefined);
    const waiting = limiter.acquire(undefined, never, 5_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(typeof (await waiting)).toBe("function");
  });

  it("ignores a process count under 1: the share is then the whole limit", async () => {
    const store = memoryStore();
    store.processes = 0;
    const { logger, lines } = capture();
    const limiter = storeLimiter(store, { key: KEY, origin: ORIGIN }, limitOf, logger);
    (await limiter.acquire(undefined, never, 5_000))();
    store.failWith = new Error("down");
    const waiting = limiter.acquire(undefined, never, 5_000);
    await vi.advanceTimersByTimeAsync(5_000);
    await waiting;
    expect(lines.find((line) => line.level === "warn")?.message).toContain(
      "falling back to this process's share of the limit, 4 per 1000 ms (1 process used the store in the last window)",
    );
  });
});
