import { LuccaAbortError } from "./errors.js";

export interface RateLimit {
  /** Requests allowed per window. */
  requests: number;
  /** Window length in ms. */
  perMs: number;
}

/** Lucca's documented budget: 50 requests per minute per tenant. */
export const defaultRateLimit: RateLimit = { requests: 50, perMs: 60_000 };

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * A rolling-window limiter with a first-in, first-out queue. A slot counts from the moment a
 * request starts until `perMs` after it completes: the server counts arrivals, so measuring from
 * completion keeps us under its limit whatever the network adds, at the cost of one latency a window.
 */
export class RateLimiter {
  // Release times of the slots in use; Infinity while the request is in flight.
  private readonly slots: number[] = [];
  private readonly queue: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly limit: RateLimit) {}

  /** Resolves with a `release` to call when the request completes; rejects if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (this.queue.length === 0 && this.hasFreeSlot(Date.now())) {
      return Promise.resolve(this.take());
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          this.queue.splice(this.queue.indexOf(waiter), 1);
          reject(abortError(signal));
          this.schedule();
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.schedule();
    });
  }

  /** Requests waiting for a slot (for tests and diagnostics). */
  get waiting(): number {
    return this.queue.length;
  }

  private hasFreeSlot(now: number): boolean {
    for (let i = this.slots.length - 1; i >= 0; i--) {
      if (this.slots[i]! <= now) this.slots.splice(i, 1);
    }
    return this.slots.length < this.limit.requests;
  }

  private take(): () => void {
    this.slots.push(Infinity);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Replace one in-flight marker with this slot's release time.
      const i = this.slots.indexOf(Infinity);
      if (i !== -1) this.slots[i] = Date.now() + this.limit.perMs;
      this.schedule();
    };
  }

  /** Hands free slots to waiters in order, or sets one timer for the earliest release. */
  private schedule(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const now = Date.now();
    while (this.queue.length > 0 && this.hasFreeSlot(now)) {
      const waiter = this.queue.shift()!;
      if (waiter.signal && waiter.onAbort)
        waiter.signal.removeEventListener("abort", waiter.onAbort);
      waiter.resolve(this.take());
    }
    if (this.queue.length === 0) return;
    let next = Infinity;
    for (const at of this.slots) next = Math.min(next, at);
    // All slots in flight: a release will call schedule() again.
    if (next === Infinity) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.schedule();
    }, next - now);
  }
}

function abortError(signal: AbortSignal): LuccaAbortError {
  return new LuccaAbortError("The request was aborted while waiting for the rate limiter.", {
    cause: signal.reason,
  });
}

const shared = new Map<string, RateLimiter>();

/** One limiter per host and limit in the process, so every client for a tenant shares its budget. */
export function sharedRateLimiter(origin: string, limit: RateLimit): RateLimiter {
  const key = `${origin} ${limit.requests}/${limit.perMs}`;
  let limiter = shared.get(key);
  if (!limiter) {
    limiter = new RateLimiter(limit);
    shared.set(key, limiter);
  }
  return limiter;
}
