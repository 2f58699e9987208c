import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LuccaLogger } from "../../src/index.js";
import { storeLimiter } from "../../src/rate-limit/store-limiter.js";
import { tenantLimiters } from "../../src/rate-limit/tenant-limiters.js";
import type { Limiter } from "../../src/rate-limit/limiter.js";
import { memoryStore, useLimiterClock } from "./memory-store.js";

beforeEach(useLimiterClock);
afterEach(() => {
  vi.useRealTimers();
});

const never = (): unknown => new Error("unused");

function capture() {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (message: string) => {
    lines.push({ level, message });
  };
  const logger: LuccaLogger = { debug: at("debug"), warn: at("warn"), error: at("error") };
  return { logger, lines };
}

/** Starts `count` calls now: each takes a slot, holds it `holdMs`, releases it. */
function calls(limiter: Limiter, count: number, holdMs: number) {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const release = await limiter.acquire(undefined, never, 5_000);
      await new Promise((resolve) => setTimeout(resolve, holdMs));
      release();
    }),
  );
}

describe("the limiter says when it makes a call wait", () => {
  it("in process: one warn line per wait episode over a second, with the limit and the wait", async () => {
    const { logger, lines } = capture();
    const origin = "https://acme.ilucca-test.net";
    const limiter = tenantLimiters(
      { requests: 50, perMs: 60_000, store: undefined },
      logger,
    )(`${origin}/cleemy-procurement/api/invoices`)!;
    const first = calls(limiter, 50, 100);
    await vi.advanceTimersByTimeAsync(19_100);
    expect(lines).toEqual([]);
    // The window frees at 60 100: the next call waits 41 s; three waiting calls, one line.
    const waiting = calls(limiter, 3, 100);
    await vi.advanceTimersByTimeAsync(60_000);
    await Promise.all([first, waiting]);
    expect(lines).toEqual([
      {
        level: "warn",
        message: `lucca: rate limit 50 per 60 s reached for ${origin}; this call waits about 41 s`,
      },
    ]);
    // The queue emptied: a later wait is a new episode, and says so again.
    await vi.advanceTimersByTimeAsync(120_000);
    const again = calls(limiter, 50, 100);
    await vi.advanceTimersByTimeAsync(40_100);
    const late = calls(limiter, 1, 100);
    await vi.advanceTimersByTimeAsync(120_000);
    await Promise.all([again, late]);
    expect(lines.map((l) => l.message)).toEqual([
      `lucca: rate limit 50 per 60 s reached for ${origin}; this call waits about 41 s`,
      `lucca: rate limit 50 per 60 s reached for ${origin}; this call waits about 20 s`,
    ]);
  });

  it("in process: a wait of a second or less says nothing", async () => {
    const { logger, lines } = capture();
    const limiter = tenantLimiters(
      { requests: 2, perMs: 1_000, store: undefined },
      logger,
    )("https://short.ilucca-test.net/x")!;
    // The last two wait exactly a second.
    const all = calls(limiter, 4, 0);
    await vi.advanceTimersByTimeAsync(5_000);
    await all;
    expect(lines).toEqual([]);
  });

  it("over a store: one line when the store makes the head wait over a second", async () => {
    const { logger, lines } = capture();
    const origin = "https://acme.ilucca-test.net";
    const limiter = storeLimiter(
      memoryStore(),
      { key: `${origin} 4/10000`, origin },
      { requests: 4, perMs: 10_000 },
      logger,
    );
    const all = calls(limiter, 8, 100);
    await vi.advanceTimersByTimeAsync(30_000);
    await all;
    expect(lines).toEqual([
      {
        level: "warn",
        message: `lucca: rate limit 4 per 10 s reached for ${origin}; this call waits about 10 s`,
      },
    ]);
  });
});
