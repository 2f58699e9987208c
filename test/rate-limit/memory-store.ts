import { vi } from "vitest";
import type {
  RateLimitStore,
  RateLimitStoreAcquire,
  RateLimitStoreGrant,
} from "../../src/rate-limit/rate-limit-store.js";

/**
 * The clocks the limiters read, faked: timers, and performance.now() (not faked unless named).
 * Ticks only when a test advances them.
 */
export function useLimiterClock(): void {
  vi.useFakeTimers({
    toFake: [
      "setTimeout",
      "clearTimeout",
      "setImmediate",
      "clearImmediate",
      "setInterval",
      "clearInterval",
      "Date",
      "performance",
    ],
  });
}

export interface MemoryStore extends RateLimitStore {
  /** Set: every acquire and release rejects with it (a store that is down). */
  failWith: Error | undefined;
  /** ms before an acquire or a release answers (a slow store). */
  acquireDelayMs: number;
  releaseDelayMs: number;
  /** What acquire answers as `processes`; undefined: left out, as an older custom store would. */
  processes: number | undefined;
  acquires: RateLimitStoreAcquire[];
  releases: { token: string; perMs: number }[];
  /** Slots the store holds now (in flight, or released less than perMs ago). */
  held(): number;
}

/**
 * A RateLimitStore in memory with the Redis scripts' rules (a rolling window: a slot in flight
 * until its lease, perMs after its release), on the faked clock: for the limiter's logic only;
 * the Redis store itself is tested against a real redis-server.
 */
export function memoryStore(): MemoryStore {
  const slots = new Map<string, number>();
  let tokens = 0;
  const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const expire = (now: number): void => {
    for (const [token, until] of slots) if (until <= now) slots.delete(token);
  };
  const store: MemoryStore = {
    failWith: undefined,
    acquireDelayMs: 0,
    releaseDelayMs: 0,
    processes: undefined,
    acquires: [],
    releases: [],
    held: () => {
      expire(performance.now());
      return slots.size;
    },
    async acquire(request): Promise<RateLimitStoreGrant> {
      store.acquires.push(request);
      const failure = store.failWith;
      if (store.acquireDelayMs > 0) await delay(store.acquireDelayMs);
      if (failure) throw failure;
      const now = performance.now();
      expire(now);
      const counted = store.processes === undefined ? {} : { processes: store.processes };
      if (slots.size < request.requests) {
        tokens += 1;
        const token = `slot-${tokens}`;
        slots.set(token, now + request.leaseMs);
        return { granted: true, token, ...counted };
      }
      const first = Math.min(...slots.values());
      const retryInMs = Math.max(1, Math.ceil(Math.min(first - now, request.perMs)));
      return { granted: false, retryInMs, ...counted };
    },
    async release({ token, perMs }) {
      const failure = store.failWith;
      if (store.releaseDelayMs > 0) await delay(store.releaseDelayMs);
      if (failure) throw failure;
      store.releases.push({ token, perMs });
      if (!slots.has(token)) return;
      if (perMs === 0) slots.delete(token);
      else slots.set(token, performance.now() + perMs);
    },
  };
  return store;
}
