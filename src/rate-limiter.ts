import { invalidOption } from "./errors.js";
import type { LuccaLogger } from "./logger.js";
import { option } from "./options.js";
import type { RateLimitStore } from "./rate-limit-store.js";
import { storeLimiter } from "./store-limiter.js";

export interface RateLimit {
  /** Requests allowed per window. */
  requests: number;
  /** Window length in ms. */
  perMs: number;
  /**
   * Holds the window for every process of the fleet (`redisRateLimitStore` from
   * `lucca-invoices-client/redis`); without it, each process keeps its own.
   */
  store?: RateLimitStore | undefined;
}

/**
 * A rolling-window limiter with a first-in, first-out queue. A slot is held from the moment a
 * request starts until `perMs` after it completes: the server counts arrivals, so counting from
 * completion keeps us under its limit whatever the network adds, for one latency per window.
 * `acquire` resolves with a `release` to call when the request completes, or rejects with
 * `aborted()` if `signal` aborts first.
 */
export function rateLimiter(limit: RateLimit): InProcessLimiter {
  // Release times of the slots in use; Infinity while a request is in flight.
  let slots: number[] = [];
  let queue: (() => void)[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Hands free slots to waiters in order, or sets one timer for the earliest release. */
  const schedule = (): void => {
    clearTimeout(timer);
    // Sub-millisecond and monotonic: Date.now() floors, which could free a slot up to 1 ms early.
    const now = performance.now();
    slots = slots.filter((at) => at > now);
    while (queue.length && slots.length < limit.requests) queue.shift()!();
    const next = slots.reduce((a, b) => Math.min(a, b), Infinity);
    // With every slot in flight, a release calls schedule again.
    if (queue.length && next < Infinity) timer = setTimeout(schedule, next - now);
  };

  return {
    acquire: (signal?: AbortSignal, aborted = (): unknown => signal?.reason) =>
      new Promise((resolve, reject) => {
        const grant = (): void => {
          signal?.removeEventListener("abort", onAbort);
          slots.push(Infinity);
          let released = false;
          resolve(() => {
            // Only the first call turns an in-flight marker into a release time.
            if (released) return;
            released = true;
            slots[slots.indexOf(Infinity)] = performance.now() + limit.perMs;
            schedule();
          });
        };
        const onAbort = (): void => {
          queue = queue.filter((waiter) => waiter !== grant);
          reject(aborted());
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener("abort", onAbort);
        queue.push(grant);
        schedule();
      }),
  };
}

/** A limiter in this process: its signal and abort error are optional; it needs no lease. */
export interface InProcessLimiter {
  acquire(signal?: AbortSignal, aborted?: () => unknown): Promise<() => void>;
}

/** What the transport needs of a limiter: one slot per attempt, released when its answer starts. */
export interface Limiter {
  /**
   * Resolves with a `release` (idempotent) once a slot is free; rejects with `aborted()` if
   * `signal` aborts first. `leaseMs` bounds how long the slot may stay in flight.
   */
  acquire(
    signal: AbortSignal | undefined,
    aborted: () => unknown,
    leaseMs: number,
  ): Promise<() => void>;
}

/** The value under `key`, made once. */
function once<V>(map: Map<string, V>, key: string, make: () => V): V {
  let value = map.get(key);
  if (!value) map.set(key, (value = make()));
  return value;
}

const shared = new Map<string, Limiter>();
const keyOf = (origin: string, limit: RateLimit): string =>
  `${origin} ${limit.requests}/${limit.perMs}`;

/** One limiter per host and limit in the process, so every client for a tenant shares its budget. */
export const sharedRateLimiter = (origin: string, limit: RateLimit): Limiter =>
  once(shared, keyOf(origin, limit), () => rateLimiter(limit));

const onStores = new WeakMap<RateLimitStore, Map<string, Limiter>>();

/** Likewise per store: one queue asks it. The first client's logger gets the warnings. */
function sharedStoreLimiter(
  store: RateLimitStore,
  origin: string,
  limit: RateLimit,
  logger: LuccaLogger | undefined,
): Limiter {
  let onStore = onStores.get(store);
  if (!onStore) onStores.set(store, (onStore = new Map()));
  const key = keyOf(origin, limit);
  const fallback = sharedRateLimiter(origin, limit);
  return once(onStore, key, () => storeLimiter(store, key, limit, fallback, logger));
}

/**
 * Validates the client's `rateLimit` option and returns the limiter of the origin of each URL a
 * call goes to (undefined when turned off). Default: 50 per rolling 60 s, in this process only.
 */
export function limiters(
  rateLimit: RateLimit | false | undefined,
  logger?: LuccaLogger,
): (url: string) => Limiter | undefined {
  if (rateLimit === false) return () => undefined;
  const limit = {
    requests: option("rateLimit.requests", rateLimit?.requests, 1, 10_000, 50),
    perMs: option("rateLimit.perMs", rateLimit?.perMs, 1, 2 ** 31 - 1, 60_000),
  };
  const store = checkStore(rateLimit?.store);
  // Looked up per call: the client's own map, by the URL's scheme and authority, spares parsing
  // the URL and building the shared key each time.
  const mine = new Map<string, Limiter>();
  return (url) => {
    const end = url.indexOf("/", url.indexOf("//") + 2);
    return once(mine, end < 0 ? url : url.slice(0, end), () => {
      const { origin } = new URL(url);
      return store
        ? sharedStoreLimiter(store, origin, limit, logger)
        : sharedRateLimiter(origin, limit);
    });
  };
}

/** JavaScript callers can pass anything: a store that cannot work is refused at creation. */
function checkStore(store: unknown): RateLimitStore | undefined {
  if (store === undefined) return undefined;
  const candidate = store as Partial<RateLimitStore> | null;
  if (typeof candidate?.acquire !== "function" || typeof candidate.release !== "function") {
    throw invalidOption(
      "rateLimit.store",
      store,
      "a RateLimitStore (acquire and release functions), e.g. redisRateLimitStore(redis)",
    );
  }
  return candidate as RateLimitStore;
}
