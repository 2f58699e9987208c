export interface RateLimit {
  /** Requests allowed per window. */
  requests: number;
  /** Window length in ms. */
  perMs: number;
}

/**
 * A rolling-window limiter with a first-in, first-out queue. A slot is held from the moment a
 * request starts until `perMs` after it completes: the server counts arrivals, so counting from
 * completion keeps us under its limit whatever the network adds, for one latency per window.
 */
export class RateLimiter {
  // Release times of the slots in use; Infinity while a request is in flight.
  #slots: number[] = [];
  #queue: (() => void)[] = [];
  #timer?: ReturnType<typeof setTimeout>;

  constructor(readonly limit: RateLimit) {}

  /**
   * Resolves with a `release` to call when the request completes; rejects with `aborted()` if
   * `signal` aborts first.
   */
  acquire(signal?: AbortSignal, aborted = (): unknown => signal?.reason): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener("abort", onAbort);
        this.#slots.push(Infinity);
        let released = false;
        resolve(() => {
          // Only the first call turns an in-flight marker into a release time.
          if (released) return;
          released = true;
          this.#slots[this.#slots.indexOf(Infinity)] = Date.now() + this.limit.perMs;
          this.#schedule();
        });
      };
      const onAbort = (): void => {
        this.#queue = this.#queue.filter((waiter) => waiter !== grant);
        reject(aborted());
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener("abort", onAbort);
      this.#queue.push(grant);
      this.#schedule();
    });
  }

  /** Hands free slots to waiters in order, or sets one timer for the earliest release. */
  #schedule(): void {
    clearTimeout(this.#timer);
    const now = Date.now();
    this.#slots = this.#slots.filter((at) => at > now);
    while (this.#queue.length && this.#slots.length < this.limit.requests) this.#queue.shift()!();
    const next = this.#slots.reduce((a, b) => Math.min(a, b), Infinity);
    // With every slot in flight, a release calls #schedule again.
    if (this.#queue.length && next < Infinity) {
      this.#timer = setTimeout(() => this.#schedule(), next - now);
    }
  }
}

const shared = new Map<string, RateLimiter>();

/** One limiter per host and limit in the process, so every client for a tenant shares its budget. */
export function sharedRateLimiter(origin: string, limit: RateLimit): RateLimiter {
  const key = `${origin} ${limit.requests}/${limit.perMs}`;
  const limiter = shared.get(key) ?? new RateLimiter(limit);
  shared.set(key, limiter);
  return limiter;
}
